import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ReadModelFreshness } from '@lc/projections';
import { withTimeout } from './with-timeout';

/**
 * The read models' lag behind the event log, one entry per projection a worker has run. On
 * /health it is information (up whatever the lag: a replica is alive while a rebuild runs); on
 * /health/ready it is the condition: not ready until every read model has caught up (and until a
 * worker has started any), so a load balancer sends no reads to figures still being rebuilt.
 */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    private readonly freshness: ReadModelFreshness,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async lag(key = 'projections', options: { requireCaughtUp: boolean }) {
    const indicator = this.indicators.check(key);
    try {
      const lags = await withTimeout(this.freshness.all(), 3000, 'The projections check');
      const readModels = Object.fromEntries(
        lags.map((l) => [l.name, { upToDate: l.upToDate, behindEvents: l.behindEvents, asOf: l.asOf?.toISOString() ?? null, lastError: l.lastError }]),
      );
      const caughtUp = lags.length > 0 && lags.every((l) => l.upToDate);
      const details = { caughtUp, readModels };
      if (options.requireCaughtUp && !caughtUp) {
        return indicator.down({ ...details, message: lags.length === 0 ? 'no projection has run yet' : 'read models are catching up with the event log' });
      }
      return indicator.up(details);
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
