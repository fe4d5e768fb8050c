import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { Clock, CLOCK } from '@lc/decider';
import { ClockView } from './clock.entity';
import { ClockKind, hasReminder } from './clock-rules';

export const CLOCKS_QUEUE = 'clocks';

export interface ClockJob {
  clockId: string;
  kind: ClockKind;
  subjectStream: string;
  lastDay: string;
  deadlineAt: string;
  due: 'reminder' | 'deadline';
}

/** Scheduling must never hold up a projection for long: what fails here, reconciliation redoes. */
const SYNC_TIMEOUT_MS = 5000;

/**
 * Turns the clocks table into BullMQ delayed jobs: one for the reminder and one for the deadline
 * of every running clock. Job ids are derived from the clock and its deadline, so scheduling
 * twice is harmless and an extension (a new deadline) gets jobs of its own; the jobs of the old
 * deadline find, when they fire, that it no longer holds, and do nothing.
 */
@Injectable()
export class ClockScheduler {
  constructor(
    @InjectQueue(CLOCKS_QUEUE) private readonly queue: Queue<ClockJob>,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  static jobId(clockId: string, due: ClockJob['due'], deadlineAt: Date): string {
    // BullMQ refuses ':' in custom ids.
    return `${clockId}.${due}.${deadlineAt.getTime()}`;
  }

  async syncStreams(streams: string[]): Promise<void> {
    if (streams.length === 0) return;
    const clocks = await this.dataSource.getRepository(ClockView).findBy({ subjectStream: In(streams) });
    await withTimeout(this.sync(clocks), SYNC_TIMEOUT_MS);
  }

  /** Every running clock gets its jobs again: at worker start, on a schedule, after Redis was lost. */
  async reconcileAll(): Promise<number> {
    const running = await this.dataSource.getRepository(ClockView).findBy({ running: true });
    await this.sync(running);
    return running.length;
  }

  private async sync(clocks: ClockView[]): Promise<void> {
    const now = this.clock.now().getTime();
    for (const clock of clocks) {
      const job = (due: ClockJob['due']) => ({
        id: ClockScheduler.jobId(clock.clockId, due, clock.deadlineAt),
        data: {
          clockId: clock.clockId,
          kind: clock.kind as ClockKind,
          subjectStream: clock.subjectStream,
          lastDay: clock.lastDay,
          deadlineAt: clock.deadlineAt.toISOString(),
          due,
        },
      });
      if (!clock.running) {
        await Promise.all([this.queue.remove(job('reminder').id), this.queue.remove(job('deadline').id)]);
        continue;
      }
      const deadlinePassed = clock.deadlineAt.getTime() <= now;
      // Once the deadline itself is due, a reminder of it says nothing more.
      if (hasReminder(clock.kind as ClockKind) && !clock.reminded && !deadlinePassed) {
        await this.add(job('reminder'), clock.remindAt.getTime() - now);
      }
      if (!clock.deadlineReached) await this.add(job('deadline'), clock.deadlineAt.getTime() - now);
    }
  }

  private async add(job: { id: string; data: ClockJob }, delayMs: number): Promise<void> {
    const delay = Math.max(0, delayMs);
    const existing = await this.queue.getJob(job.id);
    if (existing) {
      // Scheduled for later than the clock now says (time was corrected, or moved in a test):
      // bring it forward rather than add a second job.
      const firesAt = existing.timestamp + (existing.delay ?? 0);
      if (firesAt > Date.now() + delay + 1000 && (await existing.isDelayed())) {
        if (delay === 0) await existing.promote();
        else await existing.changeDelay(delay);
      }
      return;
    }
    await this.queue.add(job.data.due, job.data, {
      jobId: job.id,
      // A deadline that passed while Redis was away fires at once.
      delay,
      attempts: 10,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 7 * 86_400 },
      removeOnFail: { age: 30 * 86_400 },
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`clock scheduling took over ${ms} ms (Redis unreachable?)`)), ms);
    }),
  ]);
}
