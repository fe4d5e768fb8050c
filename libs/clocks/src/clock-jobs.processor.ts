import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job } from 'bullmq';
import { Clock, CLOCK } from '@lc/decider';
import { deterministicUuid, EVENT_STORE, EventStore } from '@lc/event-store';
import { ClockEventData, deadlineEvent, deriveClocks, hasReminder, REMINDER_DUE } from './clock-rules';
import { CLOCKS_QUEUE, ClockJob, ClockScheduler } from './clock-scheduler';

export type FireResult = 'appended' | 'not_running' | 'already_done';

/**
 * A clock's job fires: read the record again and append ReminderDue or the kind's deadline event
 * (DeadlineReached; AlertEscalated for an alert's pick-up) only if the clock still runs with that
 * deadline. The event id is derived from the event type, the clock and the deadline, so a job
 * delivered twice, even at the same moment, appends at most one event.
 */
@Processor(CLOCKS_QUEUE)
export class ClockJobs extends WorkerHost {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  private readonly logger = new Logger('ClockJobs');

  /** Redis errors (a restart, a lost connection) are reported here instead of crashing the worker. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error }, 'clock queue error');
  }

  async process(job: Job<ClockJob>): Promise<FireResult> {
    return this.fire(job.data, job.id);
  }

  async fire(job: ClockJob, jobId?: string): Promise<FireResult> {
    const events = await this.store.readStream(job.subjectStream);
    const clock = deriveClocks(job.subjectStream, events).find((c) => c.clockId === job.clockId);
    if (!clock || !clock.running || clock.deadlineAt.toISOString() !== job.deadlineAt) return 'not_running';
    if (job.due === 'reminder' && !hasReminder(job.kind)) return 'not_running';
    if (job.due === 'reminder' ? clock.reminded : clock.deadlineReached) return 'already_done';
    const reminder: ClockEventData = { clock: job.kind, lastDay: job.lastDay, deadlineAt: job.deadlineAt };
    const { type, data } =
      job.due === 'deadline'
        ? deadlineEvent({ kind: job.kind, lastDay: job.lastDay, deadlineAt: job.deadlineAt, firedAt: this.clock.now() })
        : { type: REMINDER_DUE, data: reminder as unknown as Record<string, unknown> };
    await this.store.append(
      job.subjectStream,
      [
        {
          eventId: deterministicUuid(type, job.clockId, job.deadlineAt),
          type,
          data,
          metadata: { actorId: 'system', actorRole: 'system', causationId: jobId, schemaVersion: 1 },
        },
      ],
      { expectedVersion: 'any' },
    );
    return 'appended';
  }
}

/** Re-creates the jobs of every running clock when the worker starts, then every few minutes. */
@Injectable()
export class ClockReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Clocks');
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;

  constructor(private readonly scheduler: ClockScheduler) {}

  static intervalMs = 5 * 60_000;

  onApplicationBootstrap(): void {
    void this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), ClockReconciler.intervalMs);
    this.timer.unref();
  }

  /** One at a time: while Redis is down a pass waits for it, and passes must not pile up behind it. */
  reconcile(): Promise<void> {
    this.inFlight ??= this.reconcileOnce().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async reconcileOnce(): Promise<void> {
    try {
      const count = await this.scheduler.reconcileAll();
      this.logger.log(`reconciled the jobs of ${count} running clocks`);
    } catch (error) {
      this.logger.warn({ err: error }, 'clock reconciliation failed; retrying at the next interval');
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
