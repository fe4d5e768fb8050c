import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../access/access';
import { EventStoreHealthIndicator } from './event-store.health';
import { ProjectionsHealthIndicator } from './projections.health';
import { RedisHealthIndicator } from './redis.health';
import { Describe } from '../openapi/responses';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @Describe('Liveness and dependencies', 'PostgreSQL, Redis and the event store, and each read model’s lag behind the event log (`projections`, information only). 503 when a dependency is down, with terminus’ report.')
  async check(@Res({ passthrough: true }) res: Response) {
    try {
      return await this.health.check([
        () => this.postgres.pingCheck('postgres', { timeout: 3000 }),
        () => this.redis.isHealthy('redis'),
        () => this.eventStore.isHealthy('eventStore'),
        // Information only here: a replica is alive while its read models catch up.
        () => this.projections.lag('projections', { requireCaughtUp: false }),
      ]);
    } catch (error) {
      // Probes and dashboards read terminus' own report ({ status, info, error, details }); the
      // problem-details filter would replace it with a generic 503.
      if (error instanceof ServiceUnavailableException) {
        res.status(503);
        return error.getResponse();
      }
      throw error;
    }
  }

  /** Readiness: 200 once every read model has caught up with the event log; 503 while they replay (a start, a rebuild). */
  @Get('ready')
  @HealthCheck()
  @Describe('Readiness', '200 once every read model has caught up with the event log; 503 while they replay (after a start or a rebuild) or a dependency is down.')
  async ready(@Res({ passthrough: true }) res: Response) {
    try {
      return await this.health.check([
        () => this.postgres.pingCheck('postgres', { timeout: 3000 }),
        () => this.redis.isHealthy('redis'),
        () => this.eventStore.isHealthy('eventStore'),
        () => this.projections.lag('projections', { requireCaughtUp: true }),
      ]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        res.status(503);
        return error.getResponse();
      }
      throw error;
    }
  }
}
