import { Client, Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { PostgresEventStore } from './postgres-event-store';

/**
 * The adapter's reads of the log walk an index whatever the planner knows of the table. A log
 * without statistics is no rare case: a server without autovacuum, a database just restored or
 * upgraded, a table that an import doubled since it was last analysed. Without statistics the
 * planner guesses that a third of the rows pass a range condition, and some reads were planned as
 * a scan of the whole table: each one grew with the log (an import's second file wrote at half
 * the rate of its first, and every wake of a live reader scanned the table to the end).
 */
let db: TestDatabase;
let admin: Client;
const STREAMS = 400;
const TRANSACTIONS = 20;

beforeAll(async () => {
  db = await createTestDatabase('event_store_plans');
  admin = new Client({ connectionString: db.url });
  await admin.connect();
  // No statistics, whatever the server's autovacuum does meanwhile.
  await admin.query(`ALTER TABLE event_store.events SET (autovacuum_enabled = false)`);
  for (let t = 0; t < TRANSACTIONS; t++) {
    // One transaction a round, 20 events to each of 400 streams in all.
    await admin.query(
      `INSERT INTO event_store.events (stream_id, stream_version, event_id, type, data)
       SELECT 'case-' || s, $1::int + 1, gen_random_uuid(), CASE WHEN s % 3 = 0 THEN 'StepLogged' ELSE 'CaseOpened' END,
              jsonb_build_object('note', repeat('x', 200), 's', s)
         FROM generate_series(1, $2::int) AS s`,
      [t, STREAMS],
    );
  }
  const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = 'event_store' AND tablename = 'events'`);
  expect(rows[0].n).toBe(0);
}, 60_000);

afterAll(async () => {
  await admin?.end();
  await db?.drop();
});

/** Every statement the adapter sends through its pool while `work` runs, with its parameters. */
async function statementsOf(work: (store: PostgresEventStore) => Promise<unknown>): Promise<Array<{ text: string; values: unknown[] }>> {
  const calls: Array<{ text: string; values: unknown[] }> = [];
  // Patched, not mocked: every statement still goes to the database.
  const query = Pool.prototype.query;
  Pool.prototype.query = function (this: Pool, ...args: unknown[]) {
    const [text, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    calls.push(typeof text === 'string' ? { text, values: Array.isArray(values) ? values : [] } : { text: text.text, values: text.values ?? [] });
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Pool.prototype.query;
  const store = new PostgresEventStore({ pool: { connectionString: db.url } });
  try {
    await work(store);
  } finally {
    Pool.prototype.query = query;
    await store.close();
  }
  return calls.filter((c) => /FROM event_store\.events/.test(c.text));
}

/** The relations a statement's plan reads with a sequential scan. */
async function scannedWhole(statement: { text: string; values: unknown[] }): Promise<string[]> {
  const { rows } = await admin.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values);
  const scans: string[] = [];
  const walk = (node: { 'Node Type': string; 'Relation Name'?: string; Plans?: unknown[] }) => {
    if (node['Node Type'] === 'Seq Scan') scans.push(node['Relation Name'] ?? '?');
    for (const child of node.Plans ?? []) walk(child as typeof node);
  };
  walk(rows[0]['QUERY PLAN'][0].Plan);
  return scans;
}

async function expectIndexedReads(work: (store: PostgresEventStore) => Promise<unknown>): Promise<void> {
  const statements = await statementsOf(work);
  expect(statements.length).toBeGreaterThan(0);
  for (const statement of statements) {
    expect({ statement: statement.text, scannedWhole: await scannedWhole(statement) }).toEqual({ statement: statement.text, scannedWhole: [] });
  }
}

it('reads several whole streams one index probe each', async () => {
  // As an import checks a chunk of its rows, or commands read together.
  const wanted = Array.from({ length: 50 }, (_, i) => `case-${STREAMS - 7 * i}`);
  await expectIndexedReads(async (store) => {
    const streams = await store.readStreams(wanted);
    expect([...streams.keys()]).toEqual(wanted);
    expect([...streams.values()].map((events) => events.length)).toEqual(wanted.map(() => TRANSACTIONS));
    expect(streams.get('case-295')!.map((e) => e.streamVersion)).toEqual(Array.from({ length: TRANSACTIONS }, (_, i) => i + 1));
  });
});

/** The position of the event `back` events before the end of the log (0: the last). */
async function positionFromEnd(back: number): Promise<string> {
  const { rows } = await admin.query(
    `SELECT transaction_id::text || '-' || global_position AS position FROM event_store.events
      ORDER BY transaction_id DESC, global_position DESC OFFSET $1 LIMIT 1`,
    [back],
  );
  return rows[0].position;
}

it("reads the log's tail, and asks whether anything is held back, along the global order", async () => {
  const position = await positionFromEnd(STREAMS);
  await expectIndexedReads(async (store) => {
    expect(await store.readAll({ fromPosition: position, maxCount: 1000 })).toHaveLength(STREAMS);
    expect(await store.readAll({ fromPosition: position, maxCount: 1000, filter: { eventTypes: ['StepLogged'] } })).toHaveLength(133);
  });
});

it('counts the events past a position along the global order', async () => {
  const [near, last] = [await positionFromEnd(10), await positionFromEnd(0)];
  await expectIndexedReads(async (store) => {
    expect(await store.countEventsAfter(near, undefined, 1000)).toBe(10);
    expect(await store.hasEventsAfter(last)).toBe(false);
  });
});
