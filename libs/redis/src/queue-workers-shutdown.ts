import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Worker } from 'bullmq';

/** The worker's two ioredis connections (BullMQ internals, read-only here). */
interface WorkerConnections {
  backend?: {
    connection?: { client?: Promise<{ status?: string }> };
    blockingConnection?: { client?: Promise<{ status?: string }> };
  };
}

/** The host's worker; none in a process that works no jobs (QueuesOptions.workJobs), where the getter throws. */
function workerOf(host: WorkerHost): Worker | undefined {
  try {
    return host.worker as Worker;
  } catch {
    return undefined;
  }
}

async function connectionsReady(worker: Worker): Promise<boolean> {
  const backend = (worker as unknown as WorkerConnections).backend;
  const clients = [backend?.connection?.client, backend?.blockingConnection?.client].filter((c) => c !== undefined);
  try {
    const statuses = await Promise.all(clients.map((c) => c!.then((client) => client.status)));
    return statuses.every((status) => status === 'ready');
  } catch {
    return false;
  }
}

/**
 * Closes this process's BullMQ workers before @nestjs/bullmq does, so that a shutdown during a
 * Redis outage ends. A graceful `Worker.close()` disconnects the blocking connection and waits for
 * its 'end' event; an ioredis client that is between two reconnection attempts has no socket and
 * never emits one, so the close, and with it SIGTERM handling, waited for ever (BullMQ 6.7, seen
 * when the worker stopped just after Redis came back). A worker whose connections are not ready
 * is therefore closed with force: its jobs in flight stall and are taken up again by the next
 * worker, which is what BullMQ does after a crash anyway. `close` is memoised by BullMQ, so the
 * explorer's own close afterwards returns this one.
 */
@Injectable()
export class QueueWorkersShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('QueueWorkers');

  constructor(private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(): Promise<void> {
    const workers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map(workerOf)
      .filter((worker): worker is Worker => worker !== undefined);
    await Promise.all(
      workers.map(async (worker) => {
        const force = !(await connectionsReady(worker));
        if (force) this.logger.warn(`closing the ${worker.name} worker without waiting for Redis, which is not reachable`);
        await worker.close(force).catch((error: unknown) => this.logger.warn({ err: error }, `closing the ${worker.name} worker failed`));
      }),
    );
  }
}
