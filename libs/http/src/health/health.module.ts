import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EventStoreHealthIndicator } from './event-store.health';
import { HealthController } from './health.controller';
import { RedisHealthIndicator } from './redis.health';

/**
 * GET /health: PostgreSQL, Redis and the event store. Needs APP_CONFIG, EVENT_STORE and a
 * TypeORM data source from the importing app.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, EventStoreHealthIndicator],
  exports: [RedisHealthIndicator, EventStoreHealthIndicator],
})
export class HealthModule {}
