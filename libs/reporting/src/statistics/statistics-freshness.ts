import { Inject, Injectable } from '@nestjs/common';
import { ReadModelFreshness } from '@lc/projections';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { STATISTICS_EVENT_TYPES } from './facts';

export const STATISTICS_PROJECTION = 'statistics';

/**
 * Whether the statistics projection has applied every event it reads. A stored monthly report is
 * a snapshot that nobody recomputes, so it must not be taken while the projection lags behind
 * (a worker just started and is replaying, a rebuild runs): its maker waits for this first.
 */
@Injectable()
export class StatisticsFreshness {
  constructor(
    private readonly checkpoints: ReadModelFreshness,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async caughtUp(): Promise<boolean> {
    const [row] = await this.checkpoints.checkpoints([STATISTICS_PROJECTION]);
    // hasEventsAfter, not an empty readAll: it also sees events held back behind an open transaction.
    return !(await this.store.hasEventsAfter(row.position ?? undefined, { eventTypes: STATISTICS_EVENT_TYPES }));
  }

  /** Waits up to `ms` for the projection to catch up; false if it did not. */
  async waitUntilCaughtUp(ms: number, pollMs = 200): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (await this.caughtUp()) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}
