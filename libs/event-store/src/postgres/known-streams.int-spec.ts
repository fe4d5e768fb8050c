import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { PostgresEventStore } from './postgres-event-store';

/*
 * Whole streams read again ask PostgreSQL only for their events from the last one known on
 * (KnownStreams): what is new is always there, a stream that started again is read whole, and the
 * events handed out, shared by later reads, cannot be changed.
 */
let db: TestDatabase;
let sql: Client;
const ev = (type: string) => ({ eventId: randomUUID(), type, data: { type, nested: { list: [1, 2] } } });

beforeAll(async () => {
  db = await createTestDatabase('event_store_known_streams');
  sql = new Client({ connectionString: db.url });
  await sql.connect();
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await db?.drop();
});

const typesOf = async (store: PostgresEventStore, stream: string) => (await store.readStream(stream)).map((e) => `${e.streamVersion}:${e.type}`);

it('reads again only from the last event it knows of a stream, and every event appended since', async () => {
  const store = new PostgresEventStore({ pool: { connectionString: db.url } });
  try {
    await store.append('known-a', [ev('A1'), ev('A2'), ev('A3')]);
    expect(await typesOf(store, 'known-a')).toEqual(['1:A1', '2:A2', '3:A3']);
    // Behind the store's back (events never change; this only shows what the next read asks for):
    // the first event goes, and the next read, asking from the third on, still has it.
    await sql.query(`DELETE FROM event_store.events WHERE stream_id = 'known-a' AND stream_version = 1`);
    await store.append('known-a', [ev('A4')]);
    expect(await typesOf(store, 'known-a')).toEqual(['1:A1', '2:A2', '3:A3', '4:A4']);
    // Another process's store, knowing nothing, reads what is there.
    const other = new PostgresEventStore({ pool: { connectionString: db.url } });
    expect(await typesOf(other, 'known-a')).toEqual(['2:A2', '3:A3', '4:A4']);
    await other.close();
    // Several streams in one query, known and unknown, each with its appends.
    await store.append('known-b', [ev('B1')]);
    const together = await Promise.all(['known-a', 'known-b', 'known-a', 'known-never'].map((s) => store.readStream(s)));
    await store.append('known-b', [ev('B2')]);
    const again = await store.readStreams(['known-b', 'known-a']);
    expect(together.map((events) => events.length)).toEqual([4, 1, 4, 0]);
    expect([...again.values()].map((events) => events.map((e) => e.type))).toEqual([['B1', 'B2'], ['A1', 'A2', 'A3', 'A4']]);
  } finally {
    await store.close();
  }
});

it('reads a stream whole again when its last known event is gone (a database emptied under it)', async () => {
  const store = new PostgresEventStore({ pool: { connectionString: db.url } });
  try {
    await store.append('known-reset', [ev('Old1'), ev('Old2')]);
    expect(await typesOf(store, 'known-reset')).toEqual(['1:Old1', '2:Old2']);
    await sql.query(`DELETE FROM event_store.events WHERE stream_id = 'known-reset'`);
    expect(await typesOf(store, 'known-reset')).toEqual([]);
    await store.append('known-reset', [ev('New1'), ev('New2'), ev('New3')]);
    expect(await typesOf(store, 'known-reset')).toEqual(['1:New1', '2:New2', '3:New3']);
    // Emptied and written again before the next read: read whole at once, and kept, every event frozen.
    await sql.query(`DELETE FROM event_store.events WHERE stream_id = 'known-reset'`);
    await store.append('known-reset', [ev('Again1'), ev('Again2'), ev('Again3'), ev('Again4')]);
    const again = await store.readStream('known-reset');
    expect(again.map((e) => `${e.streamVersion}:${e.type}`)).toEqual(['1:Again1', '2:Again2', '3:Again3', '4:Again4']);
    expect(again.map((e) => Object.isFrozen(e.data))).toEqual([true, true, true, true]);
  } finally {
    await store.close();
  }
});

it('hands out events whose data cannot be changed, as every later read shares them', async () => {
  const store = new PostgresEventStore({ pool: { connectionString: db.url } });
  try {
    await store.append('known-frozen', [ev('F1')]);
    const [event] = await store.readStream('known-frozen');
    expect(() => {
      (event.data as { type: string }).type = 'changed';
    }).toThrow(TypeError);
    expect(() => (event.data as { nested: { list: number[] } }).nested.list.push(3)).toThrow(TypeError);
    expect((await store.readStream('known-frozen'))[0].data).toEqual({ type: 'F1', nested: { list: [1, 2] } });
  } finally {
    await store.close();
  }
});

it('keeps at most so many events, the streams read longest ago going first, and reads the rest whole', async () => {
  const store = new PostgresEventStore({ pool: { connectionString: db.url }, knownStreamRows: 4 });
  try {
    for (const s of ['small-a', 'small-b', 'small-c']) await store.append(s, [ev(`${s}-1`), ev(`${s}-2`)]);
    for (const s of ['small-a', 'small-b', 'small-c']) await store.readStream(s);
    // Kept: b and c (four events); a was pushed out, so removing its first event shows in its next read.
    await sql.query(`DELETE FROM event_store.events WHERE stream_id IN ('small-a', 'small-c') AND stream_version = 1`);
    expect(await typesOf(store, 'small-a')).toEqual(['2:small-a-2']);
    expect(await typesOf(store, 'small-c')).toEqual(['1:small-c-1', '2:small-c-2']);
  } finally {
    await store.close();
  }
});
