import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { PostgresEventStore } from './postgres-event-store';

/**
 * The append functions keep their statements' plans for the life of a connection (PL/pgSQL's plan
 * cache), and so may the adapter's prepared statements (ADR 0020). Plans made while the log was
 * young must still find streams and events by index once it has grown: plans that scanned the
 * log's tables whole made every append cost more with every stream (a bench's 32 writers went
 * from 5,276 to 3,249 events/s in seconds).
 */
let db: TestDatabase;
let admin: Client;

beforeAll(async () => {
  db = await createTestDatabase('event_store_append_plans');
  admin = new Client({ connectionString: db.url });
  await admin.connect();
}, 60_000);

afterAll(async () => {
  await admin?.end();
  await db?.drop();
});

const GROWN = 20_000;

async function appendConcurrently(store: PostgresEventStore, prefix: string, appends: number, perAppend: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < appends) {
        const n = next++;
        await store.append(`${prefix}-${n % 50}`, Array.from({ length: perAppend }, () => ({ eventId: crypto.randomUUID(), type: 'StepLogged', data: { n } })));
      }
    }),
  );
}

/** Rows of event_store's tables read by sequential scans, and events inserted, as the server's statistics have them so far. */
async function statistics(): Promise<{ scanned: number; inserted: number }> {
  const { rows } = await admin.query(
    `SELECT coalesce(sum(seq_tup_read), 0)::int AS scanned, coalesce(sum(n_tup_ins) FILTER (WHERE relname = 'events'), 0)::int AS inserted
       FROM pg_stat_user_tables WHERE schemaname = 'event_store'`,
  );
  return rows[0];
}

/** Grows the log as a live system's does: other writers' events (no ANALYZE). */
async function grow(prefix: string): Promise<void> {
  await admin.query(
    `INSERT INTO event_store.events (stream_id, stream_version, event_id, type, data)
     SELECT $2 || s, 1, gen_random_uuid(), 'StepLogged', jsonb_build_object('note', repeat('x', 200)) FROM generate_series(1, $1::int) AS s`,
    [GROWN, prefix],
  );
}

/**
 * Waits until every backend has reported its statistics (`inserted` events counted), then gives
 * the rows read by sequential scans since `before`.
 */
async function scannedSince(before: { scanned: number }, inserted: number): Promise<number> {
  await admin.query(`SELECT pg_stat_force_next_flush()`);
  const deadline = Date.now() + 30_000;
  let seen = await statistics();
  while (seen.inserted < inserted && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await statistics();
  }
  expect(seen.inserted).toBe(inserted);
  return seen.scanned - before.scanned;
}

it('appends through connections that planned them on a young log without scanning the grown tables', async () => {
  const store = new PostgresEventStore({ pool: { connectionString: db.url, max: 4 } });
  try {
    // A young log, appended to concurrently: every connection makes its plans (single appends and groups).
    await appendConcurrently(store, 'young', 200, 1);
    await appendConcurrently(store, 'young-batch', 100, 10);
    await grow('case-');
    await appendConcurrently(store, 'grown', 200, 1);
    await appendConcurrently(store, 'grown-batch', 100, 10);
  } finally {
    // Its backends report their statistics as they end.
    await store.close();
  }
  // Whatever scans the young log had (a few hundred rows each), not one of the grown tables.
  const appended = 200 + 100 * 10 + 200 + 100 * 10;
  expect(await scannedSince({ scanned: 0 }, GROWN + appended)).toBeLessThan(GROWN);
});

it("reads through prepared statements planned for any parameters on a young log without scanning the grown tables", async () => {
  // The worst case of what PostgreSQL may do with a prepared statement: a generic plan from the
  // first call, kept while the table grows without new statistics.
  const store = new PostgresEventStore({
    pool: { connectionString: db.url, max: 2, options: '-c plan_cache_mode=force_generic_plan' },
  });
  const before = await statistics();
  const reads = async (prefix: string) => {
    for (let round = 0; round < 8; round++) {
      const stream = `${prefix}-${round % 4}`;
      // As the access guard, commands, an import and a live subscription read.
      expect(await store.readStream(stream, { direction: 'backwards', maxCount: 1 })).toHaveLength(1);
      expect(await store.readStream(stream, { fromVersion: 2, maxCount: 5 })).not.toHaveLength(0);
      expect((await store.readStream(stream)).length).toBeGreaterThan(1);
      expect([...(await store.readStreams([`${prefix}-0`, `${prefix}-1`, `${prefix}-2`])).keys()]).toHaveLength(3);
      expect(await store.readAll({ maxCount: 5 })).toHaveLength(5);
    }
  };
  try {
    await appendConcurrently(store, 'young-read', 40, 2);
    await reads('young-read');
    await grow('read-case-');
    await appendConcurrently(store, 'grown-read', 40, 2);
    await reads('grown-read');
  } finally {
    await store.close();
  }
  const inserted = before.inserted + 40 * 2 + GROWN + 40 * 2;
  expect(await scannedSince(before, inserted)).toBeLessThan(GROWN);
});
