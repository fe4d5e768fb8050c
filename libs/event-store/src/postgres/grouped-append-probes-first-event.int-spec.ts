import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { QueryRunner } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { PartialDuplicateAppendError } from '../event-store.port';
import { EventStoreGroupedAppendProbesFirstEvent1765500000280 } from './migrations/1765500000280-event-store-grouped-append-probes-first-event';
import { PostgresEventStore } from './postgres-event-store';

/*
 * Migration 1765500000280: the grouped append looks up an append's other event ids only when its
 * first one is stored. Retries are answered as before; an append reusing only some stored ids is
 * refused as before, by the unique index and then append_events.
 */
let db: TestDatabase;
let sql: Client;
const ev = (type = 'Step') => ({ eventId: randomUUID(), type, data: { type } });

beforeAll(async () => {
  db = await createTestDatabase('event_store_grouped_first_event');
  sql = new Client({ connectionString: db.url });
  await sql.connect();
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await db?.drop();
});

const grouped = (streams: string[], counts: number[], ids: string[]) =>
  sql.query<{ status: string; version: string }>(
    `SELECT status, version FROM event_store.append_events_grouped($1::text[], $2::text[], $3::int[], $4::uuid[], $5::jsonb)`,
    [streams, streams.map(() => 'any'), counts, ids, JSON.stringify(ids.map(() => ({ type: 'Step', data: {} })))],
  );

it('probes the unique index once for each new append, not once for each event', async () => {
  await sql.query('BEGIN');
  try {
    const ids = Array.from({ length: 10 }, () => randomUUID());
    const { rows } = await grouped(['probe-a', 'probe-b'], [5, 5], ids);
    expect(rows.map((r) => r.status)).toEqual(['ok', 'ok']);
    // This transaction's own scans of the index (inserts into it are not scans).
    const { rows: scans } = await sql.query<{ n: string }>(
      `SELECT pg_stat_get_xact_numscans('event_store.events_stream_event_id_unique'::regclass) AS n`,
    );
    expect(Number(scans[0].n)).toBe(2);
  } finally {
    await sql.query('ROLLBACK');
  }
});

it('answers a retried append as a duplicate, at its first version and position', async () => {
  const store = new PostgresEventStore({ pool: { connectionString: db.url }, maxInFlightGroups: 1 });
  try {
    const events = [ev(), ev(), ev()];
    const first = await store.append('retried', events);
    const [again, other] = await Promise.all([store.append('retried', events), store.append('beside-the-retry', [ev()])]);
    expect(again).toEqual(first);
    expect(other.nextVersion).toBe(1);
    expect((await store.readStream('retried')).length).toBe(3);
  } finally {
    await store.close();
  }
});

it('refuses an append that reuses some stored ids, whichever of its events they are, and stores the rest of its group', async () => {
  const store = new PostgresEventStore({ pool: { connectionString: db.url }, maxInFlightGroups: 1 });
  try {
    const stored = [ev(), ev()];
    await store.append('partial', stored);
    const results = await Promise.allSettled([
      store.append('partial', [ev(), stored[1]]), // the first event is new
      store.append('partial-2', [ev()]),
      store.append('beside-the-partial', [ev(), ev()]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(PartialDuplicateAppendError);
    expect((await store.readStream('partial')).map((e) => e.eventId)).toEqual(stored.map((e) => e.eventId));

    // The grouped function alone: a known first event is answered, a new first one fails the group.
    const known = await grouped(['partial', 'partial-3'], [2, 1], [stored[0].eventId, randomUUID(), randomUUID()]);
    expect(known.rows.map((r) => r.status)).toEqual(['partial_duplicate', 'ok']);
    await expect(grouped(['partial', 'partial-4'], [2, 1], [randomUUID(), stored[0].eventId, randomUUID()])).rejects.toMatchObject({
      code: '23505',
      constraint: 'events_stream_event_id_unique',
    });
    expect((await sql.query(`SELECT count(*)::int AS n FROM event_store.events WHERE stream_id = 'partial-4'`)).rows).toEqual([{ n: 0 }]);
  } finally {
    await store.close();
  }
});

it('goes back to looking up every event id of each append, and forward again', async () => {
  const migration = new EventStoreGroupedAppendProbesFirstEvent1765500000280();
  const runner = { query: (text: string) => sql.query(text) } as unknown as QueryRunner;
  const stored = [randomUUID(), randomUUID()];
  await grouped(['back-and-forth'], [2], stored);
  const reusingTheSecond = () => grouped(['back-and-forth'], [2], [randomUUID(), stored[1]]);

  await migration.down(runner);
  expect((await reusingTheSecond()).rows.map((r) => r.status)).toEqual(['partial_duplicate']);

  await migration.up(runner);
  await expect(reusingTheSecond()).rejects.toMatchObject({ code: '23505' });
  const { rows } = await sql.query(
    `SELECT proconfig FROM pg_proc WHERE oid = 'event_store.append_events_grouped(text[], text[], int[], uuid[], jsonb)'::regprocedure`,
  );
  expect(rows[0].proconfig).toEqual(['enable_seqscan=off', 'plan_cache_mode=force_generic_plan']);
});
