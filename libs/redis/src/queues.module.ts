import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { QueueWorkersShutdown } from './queue-workers-shutdown';

@Module({})
class QueuesModule {}

/**
 * Whether this process works queued jobs (QueuesOptions.workJobs), for providers whose background
 * work belongs only to a process that does: a one-off command leaves it to the running worker.
 */
export const WORKS_JOBS = Symbol('WORKS_JOBS');

export interface QueuesOptions {
  /**
   * Whether this process works the jobs of the queues its modules declare a processor for
   * (default). A one-off command (`worker rebuild`) queues what it must but works none: a job
   * taken there would run beside the rebuild, on read models being rebuilt, and hold the command's
   * exit until it ended.
   */
  workJobs?: boolean;
}

/**
 * BullMQ's connection and key prefix, as every process that queues or works jobs opens them, and
 * a shutdown of its workers that ends even while Redis is away.
 */
export function queuesModule(options: QueuesOptions = {}): DynamicModule {
  return {
    module: QueuesModule,
    global: true,
    imports: [
      BullModule.forRootAsync({
        inject: [APP_CONFIG],
        useFactory: (config: AppConfig) => ({ connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX }),
        // The processors' workers are made only when the explorer registers them.
        extraOptions: { manualRegistration: options.workJobs === false },
      }),
      DiscoveryModule,
    ],
    providers: [QueueWorkersShutdown, { provide: WORKS_JOBS, useValue: options.workJobs !== false }],
    exports: [WORKS_JOBS],
  };
}
