import { randomBytes } from 'node:crypto';
import { BullModule, InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Job, Queue } from 'bullmq';
import { ConfigModule, loadConfig } from '@lc/config';
import { removeRedisKeys } from '@lc/testing';
import { queuesModule, QueuesOptions, WORKS_JOBS } from './queues.module';

const QUEUE = 'queues-module-probe';
const worked: string[] = [];

@Processor(QUEUE)
class ProbeProcessor extends WorkerHost {
  async process(job: Job<{ id: string }>): Promise<void> {
    worked.push(job.data.id);
  }
}

@Injectable()
class ProbeQueue {
  constructor(@InjectQueue(QUEUE) readonly queue: Queue<{ id: string }>) {}
}

const prefix = `lc_test_queues_${randomBytes(4).toString('hex')}`;

async function context(options: QueuesOptions): Promise<INestApplicationContext> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', QUEUE_PREFIX: prefix });
  @Module({
    imports: [ConfigModule.forRoot(config), queuesModule(options), BullModule.registerQueue({ name: QUEUE })],
    providers: [ProbeProcessor, ProbeQueue],
  })
  class ProbeModule {}
  return NestFactory.createApplicationContext(ProbeModule, { logger: false });
}

afterAll(async () => {
  await removeRedisKeys(`${prefix}:*`);
});

it('leaves queued jobs to the workers when a process is told not to work them, and works them otherwise', async () => {
  const oneOff = await context({ workJobs: false });
  const queue = oneOff.get(ProbeQueue).queue;
  try {
    await queue.add('probe', { id: 'first' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(worked).toEqual([]);
    expect(await queue.getWaitingCount()).toBe(1);
    // What the process's other background work asks (the clocks' reconciliation).
    expect(oneOff.get(WORKS_JOBS)).toBe(false);
  } finally {
    await oneOff.close();
  }

  const worker = await context({});
  try {
    const deadline = Date.now() + 10_000;
    while (worked.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(worked).toEqual(['first']);
    expect(worker.get(WORKS_JOBS)).toBe(true);
  } finally {
    await worker.close();
  }
});
