import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
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
    const removed: string[] = [];
    const wanted: WantedJob[] = [];
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
        removed.push(job('reminder').id, job('deadline').id);
        continue;
      }
      const deadlinePassed = clock.deadlineAt.getTime() <= now;
      // Once the deadline itself is due, a reminder of it says nothing more.
      if (hasReminder(clock.kind as ClockKind) && !clock.reminded && !deadlinePassed) {
        wanted.push({ ...job('reminder'), delay: Math.max(0, clock.remindAt.getTime() - now) });
      }
      if (!clock.deadlineReached) wanted.push({ ...job('deadline'), delay: Math.max(0, clock.deadlineAt.getTime() - now) });
    }
    // A chunk at a time, its Redis commands sent together: one by one, a rebuild's reconciliation
    // of 7,185 clocks took 2.5 s of round trips after the last page.
    for (let i = 0; i < removed.length; i += SYNC_CHUNK) await Promise.all(removed.slice(i, i + SYNC_CHUNK).map((id) => this.queue.remove(id)));
    for (let i = 0; i < wanted.length; i += SYNC_CHUNK) await this.add(wanted.slice(i, i + SYNC_CHUNK));
  }

  private async add(wanted: WantedJob[]): Promise<void> {
    const existing = await this.scheduled(wanted.map((job) => job.id));
    const missing = wanted.filter((_, i) => !existing[i]);
    if (missing.length) {
      await this.queue.addBulk(
        missing.map((job) => ({
          name: job.data.due,
          data: job.data,
          opts: {
            jobId: job.id,
            // A deadline that passed while Redis was away fires at once.
            delay: job.delay,
            attempts: 10,
            backoff: { type: 'exponential', delay: 2000 },
            removeOnComplete: { age: 7 * 86_400 },
            removeOnFail: { age: 30 * 86_400 },
          },
        })),
      );
    }
    await Promise.all(
      wanted.map(async ({ id, delay }, i) => {
        const scheduled = existing[i];
        // Scheduled for later than the clock now says (time was corrected, or moved in a test):
        // bring it forward rather than add a second job.
        if (!scheduled || scheduled.timestamp + scheduled.delay <= Date.now() + delay + 1000) return;
        const job = await this.queue.getJob(id);
        if (job && (await job.isDelayed())) {
          if (delay === 0) await job.promote();
          else await job.changeDelay(delay);
        }
      }),
    );
  }

  /**
   * When each job was queued and with what delay, or undefined where there is no such job: two
   * fields of each job's hash, read in one pipeline. getJob builds a whole job (its data parsed)
   * per id: a rebuild's reconciliation of 36,607 running clocks spent about 2 s of the process's
   * CPU in it, on jobs that mostly exist and are left as they are.
   */
  private async scheduled(ids: string[]): Promise<({ timestamp: number; delay: number } | undefined)[]> {
    // BullMQ's Redis backend is an ioredis client (its own type names only what BullMQ calls).
    const client = (await this.queue.getBackend().client) as unknown as Redis;
    const pipeline = client.pipeline();
    for (const id of ids) pipeline.hmget(this.queue.toKey(id), 'timestamp', 'delay');
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, fields]) => {
      if (error) throw error;
      const [timestamp, delay] = fields as (string | null)[];
      return timestamp === null ? undefined : { timestamp: Number(timestamp), delay: Number(delay ?? 0) };
    });
  }
}

/** A job a running clock should have, and how long from now it fires. */
interface WantedJob {
  id: string;
  data: ClockJob;
  delay: number;
}

/** Jobs removed, looked up and added this many at a time. */
const SYNC_CHUNK = 500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`clock scheduling took over ${ms} ms (Redis unreachable?)`)), ms);
    }),
  ]);
}
