import { BullModule, InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { RecurringJobs } from '@lc/redis';

export const MAINTENANCE_QUEUE = 'maintenance';
export const IDEMPOTENCY_KEY_PURGE_SCHEDULER = 'idempotency-key-purge';
export const IDEMPOTENCY_KEY_PURGE_JOB = 'idempotency-key-purge';
/** Every hour, at a minute no other job uses. */
export const IDEMPOTENCY_KEY_PURGE_CRON = '17 * * * *';
/** Rows deleted per statement, so that a large backlog never holds a long lock. */
const PURGE_BATCH = 5_000;

const JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: { count: 48 },
  removeOnFail: { age: 7 * 86_400 },
};

/**
 * Deletes Idempotency-Keys older than IDEMPOTENCY_KEY_RETENTION_DAYS. After that a resent request
 * runs again; it still appends nothing twice, because records' ids and event ids derive from the
 * key itself, not from this table (an informant's alert stays one alert).
 */
@Injectable()
export class IdempotencyKeyPurge {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async purge(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [, count]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM idempotency_keys WHERE ctid IN (
           SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(days => $1) LIMIT $2)`,
        [this.config.IDEMPOTENCY_KEY_RETENTION_DAYS, PURGE_BATCH],
      );
      deleted += count;
      if (count < PURGE_BATCH) return deleted;
    }
  }
}

@Processor(MAINTENANCE_QUEUE)
export class IdempotencyKeyPurgeJobs extends WorkerHost {
  private readonly logger = new Logger('IdempotencyKeys');

  constructor(private readonly purge: IdempotencyKeyPurge) {
    super();
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error }, 'maintenance queue error');
  }

  async process(): Promise<{ deleted: number }> {
    const deleted = await this.purge.purge();
    if (deleted > 0) this.logger.log(`deleted ${deleted} Idempotency-Keys past their retention`);
    return { deleted };
  }
}

/** Registers the hourly purge (an upsert by id: every worker replica may do it at start). */
@Injectable()
export class IdempotencyKeyPurgeScheduler extends RecurringJobs {
  protected readonly logger = new Logger('IdempotencyKeys');

  constructor(@InjectQueue(MAINTENANCE_QUEUE) protected readonly queue: Queue) {
    super();
  }

  async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(
      IDEMPOTENCY_KEY_PURGE_SCHEDULER,
      { pattern: IDEMPOTENCY_KEY_PURGE_CRON },
      { name: IDEMPOTENCY_KEY_PURGE_JOB, data: {}, opts: JOB_OPTIONS },
    );
  }
}

/** The worker's side of Idempotency-Keys: their retention. */
@Module({
  imports: [BullModule.registerQueue({ name: MAINTENANCE_QUEUE })],
  providers: [IdempotencyKeyPurge, IdempotencyKeyPurgeJobs, IdempotencyKeyPurgeScheduler],
  exports: [IdempotencyKeyPurge],
})
export class IdempotencyKeyRetentionModule {}
