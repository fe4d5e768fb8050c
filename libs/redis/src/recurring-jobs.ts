import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';

/** The queue's own Redis connection (ioredis): its readiness and its reconnections. */
interface QueueConnection {
  status?: string;
  on(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
}

function connectionOf(queue: Queue): Promise<QueueConnection> {
  return queue.getBackend().client as unknown as Promise<QueueConnection>;
}

/** How often a worker makes sure its job schedulers still exist, besides every reconnection. */
export const RECURRING_JOBS_RECHECK_MS = 60_000;

/**
 * A worker-side registrar of repeatable jobs (BullMQ job schedulers), kept registered for as long
 * as the worker runs: at start, every time the queue's Redis connection becomes ready again, and
 * once a minute. A Redis that comes back empty (restarted without persistence, flushed, failed
 * over to a fresh replica) so gets its schedulers back without a worker restart. `schedule` must be
 * idempotent: an upsert by scheduler id, jobs with fixed ids.
 */
export abstract class RecurringJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly queue: Queue;
  protected abstract readonly logger: Logger;
  /** What to register; called again and again. */
  protected abstract schedule(): Promise<void>;

  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly onReady = () => void this.ensure();

  onApplicationBootstrap(): void {
    void this.ensure();
    this.timer = setInterval(() => void this.ensure(), RECURRING_JOBS_RECHECK_MS);
    this.timer.unref();
    void connectionOf(this.queue).then((client) => client.on('ready', this.onReady)).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await connectionOf(this.queue).then((client) => client.off('ready', this.onReady)).catch(() => undefined);
    await this.running;
  }

  /** One registration at a time; a failure (Redis still away) waits for the next occasion. */
  ensure(): Promise<void> {
    this.running ??= this.schedule()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not register recurring jobs; trying again when Redis is back'))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}

/** The job queue cannot take a job right now: refuse fast (503) rather than wait for Redis. */
export class QueueUnavailableError extends Error {
  readonly code = 'service_unavailable';
  constructor(queueName: string) {
    super(`The job queue ${queueName} (Redis) is not reachable right now; nothing was queued. Try again shortly.`);
    this.name = 'QueueUnavailableError';
  }
}

/**
 * Before a request does anything it would have to undo: is the queue's Redis connection ready?
 * BullMQ's connections queue commands while Redis is away and wait for it without limit, which
 * would hold an upload open for as long as the outage lasts.
 */
export async function assertQueueReady(queue: Queue, timeoutMs = 1000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  try {
    const client = await Promise.race([connectionOf(queue).catch(() => undefined), timedOut]);
    if (client?.status !== 'ready') throw new QueueUnavailableError(queue.name);
  } finally {
    clearTimeout(timer);
  }
}
