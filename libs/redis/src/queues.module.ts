import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { QueueWorkersShutdown } from './queue-workers-shutdown';

@Module({})
class QueuesModule {}

/**
 * BullMQ's connection and key prefix, as every process that queues or works jobs opens them, and
 * a shutdown of its workers that ends even while Redis is away.
 */
export function queuesModule(): DynamicModule {
  return {
    module: QueuesModule,
    imports: [
      BullModule.forRootAsync({
        inject: [APP_CONFIG],
        useFactory: (config: AppConfig) => ({ connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX }),
      }),
      DiscoveryModule,
    ],
    providers: [QueueWorkersShutdown],
  };
}
