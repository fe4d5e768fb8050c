import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { Clock, CLOCK, SHANGHAI_TIME_ZONE } from '@lc/decider';
import { RecurringJobs } from '@lc/redis';
import { isMonth, previousMonth } from '../shared/period';
import { MonthlyReports } from './monthly-reports';

export const REPORTS_QUEUE = 'reports';
export const MONTHLY_REPORT_SCHEDULER = 'monthly-report';
export const MONTHLY_REPORT_JOB = 'monthly-report';
/** 08:00 on the 1st of each month, China Standard Time: the previous month's report. */
export const MONTHLY_REPORT_CRON = '0 8 1 * *';

export interface MonthlyReportJob {
  /** The month to report on; absent (the scheduler's jobs): the month before the job runs. */
  month?: string;
}

const JOB_OPTIONS = {
  // The statistics may lag just after a deploy: the processor then fails and tries again later.
  attempts: 8,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 90 * 86_400 },
  removeOnFail: { age: 90 * 86_400 },
};

/** Makes the month's report (once: a second run finds it stored and changes nothing). */
@Processor(REPORTS_QUEUE)
export class MonthlyReportJobs extends WorkerHost {
  private readonly logger = new Logger('MonthlyReports');

  constructor(
    private readonly reports: MonthlyReports,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error }, 'reports queue error');
  }

  async process(job: Job<MonthlyReportJob>): Promise<{ month: string; created: boolean }> {
    return this.run(job.data ?? {});
  }

  async run(data: MonthlyReportJob): Promise<{ month: string; created: boolean }> {
    const month = isMonth(data.month) ? data.month : previousMonth(this.clock.now());
    const { created } = await this.reports.generate(month, 'schedule', null, { waitMs: 60_000 });
    this.logger.log(created ? `monthly report for ${month} made` : `monthly report for ${month} was already made`);
    return { month, created };
  }
}

/**
 * Registers the monthly job scheduler (idempotent: upsert by id, so every worker replica may do it
 * at start), and makes up for a missed run: when the previous month has no report (the workers
 * were down on the 1st at 08:00), a job for it is queued now, once (its id is the month's).
 */
@Injectable()
export class MonthlyReportScheduler extends RecurringJobs {
  protected readonly logger = new Logger('MonthlyReports');

  constructor(
    @InjectQueue(REPORTS_QUEUE) protected readonly queue: Queue<MonthlyReportJob>,
    private readonly reports: MonthlyReports,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(
      MONTHLY_REPORT_SCHEDULER,
      { pattern: MONTHLY_REPORT_CRON, tz: SHANGHAI_TIME_ZONE },
      { name: MONTHLY_REPORT_JOB, data: {}, opts: JOB_OPTIONS },
    );
    const month = previousMonth(this.clock.now());
    if (!(await this.reports.exists(month))) {
      await this.queue.add(MONTHLY_REPORT_JOB, { month }, { ...JOB_OPTIONS, jobId: `catch-up.${month}` });
      this.logger.log(`no monthly report for ${month} yet: queued`);
    }
  }
}
