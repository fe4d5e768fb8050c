import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { QueryRunner } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { EventStorePrimaryKeyInLogOrder1765600000290 } from './migrations/1765600000290-event-store-primary-key-in-log-order';
import { PostgresEventStore } from './postgres-event-store';

/**
 * Migration 1765600000290: the events table's primary key is the log's order, and each event
 * writes four index entries, not five. Readers still walk an index in that order.
 */
let db: TestDatabase;
let sql: Client;
let store: PostgresEventStore;

beforeAll(async () => {
  db = await createTestDatabase('event_store_primary_key');
  sql = new Client({ connectionString: db.url });
  await sql.connect();
  store = new PostgresEventStore({ pool: { connectionString: db.url, max: 4 } });
});

afterAll(async () => {
  await store?.close();
  await sql?.end();
  await db?.drop();
});

const event = (n: number) => ({ eventId: randomUUID(), type: 'StepLogged', data: { n } });

/** The events table's indexes, each as its definition's columns, by name. */
async function indexes(): Promise<Record<string, string>> {
  const { rows } = await sql.query<{ name: string; definition: string; primary: boolean }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indisprimary AS primary
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'event_store.events'::regclass`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, `${r.primary ? 'primary ' : ''}${/\((.*)\)$/.exec(r.definition)![1]}`]));
}

const IN_LOG_ORDER = {
  events_pkey: 'primary transaction_id, global_position',
  events_stream_version_unique: 'stream_id, stream_version',
  events_stream_event_id_unique: 'stream_id, event_id',
};

it('keys the events by their place in the log, with no second index of the same positions', async () => {
  expect(await indexes()).toEqual(IN_LOG_ORDER);
});

it('goes back to the key on global_position and forward again, keeping every event and the order readers see', async () => {
  const migration = new EventStorePrimaryKeyInLogOrder1765600000290();
  const runner = { query: (text: string) => sql.query(text) } as unknown as QueryRunner;
  await store.append('order-a', [event(1), event(2)]);
  await store.append('order-b', [event(3)]);
  const before = (await store.readAll()).map((e) => e.globalPosition);

  await migration.down(runner);
  expect(await indexes()).toEqual({
    events_pkey: 'primary global_position',
    events_global_order: 'transaction_id, global_position',
    events_stream_version_unique: 'stream_id, stream_version',
    events_stream_event_id_unique: 'stream_id, event_id',
  });
  await store.append('order-a', [event(4)]);

  await migration.up(runner);
  expect(await indexes()).toEqual(IN_LOG_ORDER);
  await store.append('order-b', [event(5)]);
  const after = await store.readAll();
  expect(after.map((e) => e.globalPosition).slice(0, before.length)).toEqual(before);
  expect(after.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5]);
});

it('walks the primary key when a reader catches up from a position', async () => {
  const [first] = await store.readAll({ maxCount: 1 });
  const [tx, pos] = first.globalPosition.split('-');
  await sql.query(`SET enable_seqscan = off`);
  try {
    const { rows } = await sql.query(
      `EXPLAIN (FORMAT JSON) SELECT global_position FROM event_store.events
        WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
        ORDER BY transaction_id, global_position LIMIT 100`,
      [tx, pos],
    );
    expect(JSON.stringify(rows[0]['QUERY PLAN'])).toContain('"Index Name":"events_pkey"');
  } finally {
    await sql.query(`RESET enable_seqscan`);
  }
});
