import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { FreshnessModule } from '@lc/projections';
import { ProjectionsHealthIndicator } from './projections.health';
import { EventStoreHealthIndicator } from './event-store.health';
import { HealthController } from './health.controller';
import { RedisHealthIndicator } from './redis.health';

/**
 * GET /health: PostgreSQL, Redis, the event store and the read models' lag; GET /health/ready:
 * the same, and 503 until the read models have caught up. Needs APP_CONFIG, EVENT_STORE and a
 * TypeORM data source from the importing app.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), FreshnessModule],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, EventStoreHealthIndicator, ProjectionsHealthIndicator],
  exports: [RedisHealthIndicator, EventStoreHealthIndicator],
})
export class HealthModule {}
