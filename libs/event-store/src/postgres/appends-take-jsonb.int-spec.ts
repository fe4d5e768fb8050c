import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { dataSourceOptions } from '@lc/database';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { ConcurrencyError } from '../event-store.port';
import { EventStoreAppendsTakeJsonb1765400000270 } from './migrations/1765400000270-event-store-appends-take-jsonb';
import { PostgresEventStore } from './postgres-event-store';

/*
 * Migration 1765400000270 drops event_store.streams: a stream's version is its last event's. Taken
 * back, the table is rebuilt from the events and the array-taking functions append where the
 * log left off; taken forward again, the jsonb functions do, and the old signatures still answer
 * (wrappers, for replicas not yet replaced).
 */
let db: TestDatabase;
let dataSource: DataSource;
let runner: QueryRunner;
const migration = new EventStoreAppendsTakeJsonb1765400000270();
const ev = (type: string) => ({ eventId: randomUUID(), type, data: { type } });

beforeAll(async () => {
  db = await createTestDatabase('event_store_appends_jsonb');
  dataSource = await new DataSource(dataSourceOptions(db.url)).initialize();
  runner = dataSource.createQueryRunner();
}, 60_000);

afterAll(async () => {
  await runner?.release();
  await dataSource?.destroy();
  await db?.drop();
});

async function appendWith(stream: string, count: number): Promise<number> {
  const store = new PostgresEventStore({ pool: { connectionString: db.url, max: 2 } });
  try {
    return (await store.append(stream, Array.from({ length: count }, () => ev('Step')))).nextVersion;
  } finally {
    await store.close();
  }
}

it('goes back to the streams table and the array-taking functions, and forward again, keeping every version', async () => {
  expect(await appendWith('case-a', 3)).toBe(3);

  await migration.down(runner);
  expect(await dataSource.query(`SELECT stream_id, version::int FROM event_store.streams`)).toEqual([{ stream_id: 'case-a', version: 3 }]);
  const [old] = await dataSource.query(
    `SELECT status, version::int FROM event_store.append_events('case-a', '3', ARRAY[$1]::uuid[], ARRAY['Old'], ARRAY['{}'::jsonb], ARRAY['{}'::jsonb])`,
    [randomUUID()],
  );
  expect(old).toEqual({ status: 'ok', version: 4 });

  await migration.up(runner);
  expect(await dataSource.query(`SELECT to_regclass('event_store.streams') AS streams`)).toEqual([{ streams: null }]);
  expect(await appendWith('case-a', 1)).toBe(5);
  // A replica still running the code before the migration appends through the old signatures.
  const retried = randomUUID();
  const single = `SELECT status, version::int FROM event_store.append_events('case-a', 'any', ARRAY[$1]::uuid[], ARRAY['Old'], ARRAY['{"n": 1}'::jsonb], ARRAY['{}'::jsonb])`;
  expect(await dataSource.query(single, [retried])).toEqual([{ status: 'ok', version: 6 }]);
  expect(await dataSource.query(single, [retried])).toEqual([{ status: 'duplicate', version: 6 }]);
  expect(
    await dataSource.query(
      `SELECT status, version::int FROM event_store.append_events_grouped(ARRAY['case-a', 'case-c'], ARRAY['5', 'no_stream'], ARRAY[1, 2],
         ARRAY[$1, $2, $3]::uuid[], ARRAY['Old', 'Old', 'Old'], ARRAY['{}', '{}', '{}']::jsonb[], ARRAY['{}', '{}', '{}']::jsonb[])`,
      [randomUUID(), randomUUID(), randomUUID()],
    ),
  ).toEqual([
    { status: 'conflict', version: 6 },
    { status: 'ok', version: 2 },
  ]);
  expect((await dataSource.query(`SELECT data FROM event_store.events WHERE event_id = $1`, [retried]))[0].data).toEqual({ n: 1 });
  const store = new PostgresEventStore({ pool: { connectionString: db.url, max: 2 } });
  try {
    await expect(store.append('case-a', [ev('Late')], { expectedVersion: 5 })).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append('case-b', [ev('First')], { expectedVersion: 'exists' })).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream('case-a')).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await store.readStream('case-c')).map((e) => e.type)).toEqual(['Old', 'Old']);
  } finally {
    await store.close();
  }
});

it('refuses events that do not match their ids, and appends nothing', async () => {
  const ids = [randomUUID(), randomUUID()];
  const refused = [
    dataSource.query(`SELECT * FROM event_store.append_events('case-m', $1::uuid[], 'any', '[{"type": "One", "data": {}}]')`, [ids]),
    dataSource.query(`SELECT * FROM event_store.append_events('case-m', $1::uuid[], 'any', NULL)`, [ids]),
    dataSource.query(
      `SELECT * FROM event_store.append_events_grouped(ARRAY['case-m', 'case-n'], ARRAY['any', 'any'], ARRAY[1, 2], $1::uuid[],
         '[{"type": "One", "data": {}}, {"type": "Two", "data": {}}]')`,
      [ids],
    ),
  ];
  for (const call of refused) await expect(call).rejects.toThrow(/append_events/);
  expect(await dataSource.query(`SELECT count(*)::int AS n FROM event_store.events WHERE stream_id IN ('case-m', 'case-n')`)).toEqual([{ n: 0 }]);
});
