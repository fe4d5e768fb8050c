import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { EventStore, NewEvent } from './event-store.port';
import { nextNumber, nextNumbers } from './counter-stream';
import { PostgresEventStore } from './postgres/postgres-event-store';

/*
 * Counter streams (case numbers, letter numbers) on the real store: no gaps, no doubles, a retried
 * record gets its own number back, and the numbers asked while a turn is out share one append.
 */
let db: TestDatabase;
let store: PostgresEventStore;
let sql: Client;
const numbered = (): NewEvent => ({ eventId: randomUUID(), type: 'Numbered', data: {} });

beforeAll(async () => {
  db = await createTestDatabase('counter_stream');
  store = new PostgresEventStore({ pool: { connectionString: db.url } });
  sql = new Client({ connectionString: db.url });
  await sql.connect();
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await store?.close();
  await db?.drop();
});

/** How many transactions appended to the stream, and its event ids in version order. */
async function appended(streamId: string): Promise<{ transactions: number; ids: string[] }> {
  const { rows } = await sql.query<{ event_id: string; transaction_id: string }>(
    `SELECT event_id, transaction_id::text FROM event_store.events WHERE stream_id = $1 ORDER BY stream_version`,
    [streamId],
  );
  return { transactions: new Set(rows.map((r) => r.transaction_id)).size, ids: rows.map((r) => r.event_id) };
}

it('numbers 40 records asked at once 1 to 40 in the order asked, in one or two appends', async () => {
  const events = Array.from({ length: 40 }, numbered);
  const numbers = await Promise.all(events.map((e) => nextNumber(store, 'counter-at-once', e)));
  expect(numbers).toEqual(events.map((_, i) => i + 1));
  const { transactions, ids } = await appended('counter-at-once');
  expect(ids).toEqual(events.map((e) => e.eventId));
  // One after another, each number was an append of its own (40 transactions).
  expect(transactions).toBeLessThanOrEqual(2);
});

it('keeps the numbers of several records together, beside single numbers asked meanwhile', async () => {
  const before = numbered();
  const batch = [numbered(), numbered(), numbered()];
  const after = numbered();
  const [a, many, b] = await Promise.all([
    nextNumber(store, 'counter-mixed', before),
    nextNumbers(store, 'counter-mixed', batch),
    nextNumber(store, 'counter-mixed', after),
  ]);
  expect([a, ...many, b]).toEqual([1, 2, 3, 4, 5]);
});

it('gives a retried record its own number back, whoever it is asked with', async () => {
  const first = numbered();
  const second = numbered();
  expect(await nextNumber(store, 'counter-retried', first)).toBe(1);
  expect(await nextNumber(store, 'counter-retried', second)).toBe(2);
  const third = numbered();
  const fourth = numbered();
  // A retry of the second asked together with new records, and the same new record asked twice at once.
  const numbers = await Promise.all([
    nextNumber(store, 'counter-retried', third),
    nextNumber(store, 'counter-retried', second),
    nextNumber(store, 'counter-retried', fourth),
    nextNumber(store, 'counter-retried', fourth),
  ]);
  expect(numbers).toEqual([3, 2, 4, 4]);
  expect((await appended('counter-retried')).ids).toEqual([first, second, third, fourth].map((e) => e.eventId));
  // A retry of a whole batch, all of it stored already.
  expect(await nextNumbers(store, 'counter-retried', [second, third])).toEqual([2, 3]);
});

it('reads again and numbers after another process that appended between its read and its append', async () => {
  const intruder = numbered();
  let intruded = false;
  // Another process (another API replica) numbers a record right after this one read the counter.
  const raced: EventStore = Object.create(store, {
    readStream: {
      value: async (...args: Parameters<EventStore['readStream']>) => {
        const read = await store.readStream(...args);
        if (!intruded) {
          intruded = true;
          await store.append('counter-raced', [intruder], { expectedVersion: read.length ? read[0].streamVersion : 0 });
        }
        return read;
      },
    },
  });
  const mine = [numbered(), numbered()];
  expect(await Promise.all(mine.map((e) => nextNumber(raced, 'counter-raced', e)))).toEqual([2, 3]);
  expect((await appended('counter-raced')).ids).toEqual([intruder, ...mine].map((e) => e.eventId));
});
