import { BullModule } from '@nestjs/bullmq';
import { DynamicModule } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@lc/config';

/** BullMQ's connection and key prefix, as every process that queues or works jobs opens them. */
export function queuesModule(): DynamicModule {
  return BullModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({ connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX }),
  });
}
