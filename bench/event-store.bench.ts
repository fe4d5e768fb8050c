/**
 * `npm run bench`: throughput and latency of the PostgreSQL event store and the projection runner
 * on this machine, against a throw-away database. Prints a Markdown table for docs/benchmarks.md.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { TimelineEntry } from '@lc/audit-trail';
import { dataSourceOptions } from '@lc/database';
import { NewEvent, PostgresEventStore } from '@lc/event-store';
import { CheckpointStore, replay } from '@lc/projections';
import { createTestDatabase } from '@lc/testing';
import { TimelineProjection } from '../libs/audit-trail/src/timeline.projection';

const rows: string[][] = [];
const event = (i: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'StepLogged',
  data: { kind: 'contact', note: `第${i}次联系`, occurredAt: new Date().toISOString() },
  metadata: { actorId: 'bench', actorRole: 'mediator', correlationId: randomUUID() },
});
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

function record(name: string, count: number, unit: string, ms: number, latencies?: number[]) {
  const sorted = latencies?.slice().sort((a, b) => a - b);
  rows.push([
    name,
    `${fmt((count / ms) * 1000)} ${unit}/s`,
    sorted ? `${fmt(percentile(sorted, 50))} ms` : '',
    sorted ? `${fmt(percentile(sorted, 99))} ms` : '',
    `${fmt(count)} ${unit} in ${fmt(ms)} ms`,
  ]);
  console.log(rows[rows.length - 1].join(' | '));
}

async function main() {
  const db = await createTestDatabase('bench');
  const store = new PostgresEventStore({ pool: { connectionString: db.url, max: 40 }, idlePollMs: 1000 });
  try {
    // 1. One writer, one event per append.
    {
      const n = 3000;
      const latencies: number[] = [];
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await store.append(`dispute-${i % 300}`, [event(i)]);
        latencies.push(performance.now() - t);
      }
      record('append, 1 writer, 1 event per append', n, 'appends', performance.now() - start, latencies);
    }
    // 2. One writer, 100 events per append (one round trip each).
    {
      const n = 200;
      const start = performance.now();
      for (let i = 0; i < n; i++) await store.append(`bulk-${i}`, Array.from({ length: 100 }, (_, k) => event(k)), { expectedVersion: 'no_stream' });
      record('append, 1 writer, 100 events per append', n * 100, 'events', performance.now() - start);
    }
    // 3. 32 concurrent writers.
    {
      const writers = 32;
      const each = 200;
      const latencies: number[] = [];
      const start = performance.now();
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < each; i++) {
            const t = performance.now();
            await store.append(`case-${w}-${i % 10}`, [event(i)]);
            latencies.push(performance.now() - t);
          }
        }),
      );
      record('append, 32 concurrent writers', writers * each, 'appends', performance.now() - start, latencies);
    }
    // 4. A subscriber catching up over the whole log.
    const total = (await (async () => {
      let n = 0;
      let position: string | undefined;
      for (;;) {
        const page = await store.readAll({ fromPosition: position, maxCount: 5000 });
        if (!page.length) return n;
        n += page.length;
        position = page[page.length - 1].globalPosition;
      }
    })());
    {
      const subscription = store.subscribeToAll();
      const start = performance.now();
      let n = 0;
      for await (const _ of subscription) if (++n === total) break;
      await subscription.close();
      record('subscribeToAll, catch-up', n, 'events', performance.now() - start);
    }
    // 5. Live delivery: time from append to the subscriber seeing it (LISTEN/NOTIFY wake-up).
    {
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: ['live-'] } });
      const sent = new Map<string, number>();
      const latencies: number[] = [];
      const n = 300;
      const consumer = (async () => {
        for await (const e of subscription) {
          latencies.push(performance.now() - sent.get(e.eventId)!);
          if (latencies.length === n) break;
        }
      })();
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const e = event(i);
        sent.set(e.eventId, performance.now());
        await store.append(`live-${i}`, [e]);
        await new Promise((r) => setTimeout(r, 2));
      }
      await consumer;
      await subscription.close();
      record('live subscriber, append to delivery', n, 'events', performance.now() - start, latencies);
    }
    // 6. Projection replay (timeline read model), batches of 500 in one transaction each.
    {
      const dataSource = await new DataSource(dataSourceOptions(db.url, { entities: [TimelineEntry] })).initialize();
      const start = performance.now();
      const applied = await replay(new TimelineProjection(), store, new CheckpointStore(dataSource), 500);
      record('projection replay (timeline), batch 500', applied, 'events', performance.now() - start);
      await dataSource.destroy();
    }
  } finally {
    await store.close();
    await db.drop();
  }
  console.log('\n| benchmark | throughput | p50 | p99 | run |\n| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
