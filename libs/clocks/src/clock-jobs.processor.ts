import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Job } from 'bullmq';
import { Clock, CLOCK, Decider, DomainEvent, DueDeadline } from '@lc/decider';
import { decideAndAppend, EVENT_STORE, EventStore, RecordedEvent } from '@lc/event-store';
import { WORKS_JOBS } from '@lc/redis';
import { deriveClocks, hasReminder } from './clock-rules';
import { CLOCKS_QUEUE, ClockJob, ClockScheduler } from './clock-scheduler';

export type FireResult = 'appended' | 'not_running' | 'already_done';

/**
 * A kind of record with clocks, as its own context publishes it: the streams it owns, its decider,
 * and the command it decides when a reminder or a deadline comes (disputes: MarkDeadlineReached;
 * alerts: EscalateAlert). The clocks know no context's events beyond what deriveClocks reads.
 */
export interface ClockSubject {
  streamPrefix: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each subject's own command and state types
  decider: Decider<any, DomainEvent, any>;
  commandFor(due: DueDeadline): unknown;
}

/** The injection token of the subjects the worker hands to ClocksWorkerModule.forRoot. */
export const CLOCK_SUBJECTS = Symbol('CLOCK_SUBJECTS');

const SYSTEM = { id: 'system', role: 'system' };

/** Thrown by the check on the stream as read: the job has nothing to do. */
class NothingToFire extends Error {
  constructor(readonly outcome: Exclude<FireResult, 'appended'>) {
    super(outcome);
  }
}

/**
 * A clock's job fires: on the one command path, read the record once, check on what was read that
 * the clock still runs with that deadline and was not noted yet, and send the record's context its
 * command (its decider makes the event: ReminderDue, DeadlineReached, AlertEscalated). The
 * Idempotency-Key derives from the job (due, clock, deadline), so a job delivered twice, even at
 * the same moment, appends at most one event.
 */
@Processor(CLOCKS_QUEUE)
export class ClockJobs extends WorkerHost {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLOCK_SUBJECTS) private readonly subjects: ClockSubject[],
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
    const subject = this.subjects.find((s) => job.subjectStream.startsWith(s.streamPrefix));
    if (!subject) return 'not_running';
    const command = subject.commandFor({ due: job.due, clock: job.kind, lastDay: job.lastDay, deadlineAt: job.deadlineAt, now: this.clock.now(), actor: SYSTEM });
    try {
      const result = await decideAndAppend(
        this.store,
        subject.decider,
        job.subjectStream,
        command,
        { actor: SYSTEM, idempotencyKey: `clock|${job.due}|${job.clockId}|${job.deadlineAt}`, metadata: { causationId: jobId } },
        { inspect: ({ events }) => this.check(job, events) },
      );
      return result.events.length > 0 ? 'appended' : 'already_done';
    } catch (error) {
      if (error instanceof NothingToFire) return error.outcome;
      throw error;
    }
  }

  private check(job: ClockJob, events: RecordedEvent[]): void {
    const clock = deriveClocks(job.subjectStream, events).find((c) => c.clockId === job.clockId);
    if (!clock || !clock.running || clock.deadlineAt.toISOString() !== job.deadlineAt) throw new NothingToFire('not_running');
    if (job.due === 'reminder' && !hasReminder(job.kind)) throw new NothingToFire('not_running');
    if (job.due === 'reminder' ? clock.reminded : clock.deadlineReached) throw new NothingToFire('already_done');
  }
}

/**
 * Re-creates the jobs of every running clock when the worker starts, then every few minutes. Not
 * in a one-off command that works no jobs (a rebuild): the running worker reconciles, and a rebuild
 * reconciles once at its end what it wrote (ClocksProjection.afterRebuild); a pass at its start
 * read the clocks table it was about to empty (36,607 clocks' jobs looked up at 1,000,000 events,
 * beside the rebuild's first pages).
 */
@Injectable()
export class ClockReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Clocks');
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;

  constructor(
    private readonly scheduler: ClockScheduler,
    @Optional() @Inject(WORKS_JOBS) private readonly worksJobs: boolean = true,
  ) {}

  static intervalMs = 5 * 60_000;

  onApplicationBootstrap(): void {
    if (!this.worksJobs) return;
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
