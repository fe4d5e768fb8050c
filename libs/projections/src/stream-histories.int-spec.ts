import { randomUUID } from 'node:crypto';
import { PostgresEventStore, RecordedEvent } from '@lc/event-store';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { StreamHistories } from './stream-histories';

let db: TestDatabase;
let store: PostgresEventStore;
/** The streams asked of the store, one entry per readStreams call. */
let reads: string[][];

beforeAll(async () => {
  db = await createTestDatabase('stream_histories');
  store = new PostgresEventStore({ pool: { connectionString: db.url } });
});

beforeEach(() => {
  reads = [];
});

afterAll(async () => {
  await store?.close();
  await db?.drop();
});

/** The real store, its stream reads noted. */
function histories(maxStreams?: number): StreamHistories {
  const noting = Object.create(store) as PostgresEventStore;
  noting.readStreams = (ids: string[]) => {
    reads.push(ids);
    return store.readStreams(ids);
  };
  return new StreamHistories(noting, maxStreams);
}

/** A stream of `count` events, all of them as recorded. */
async function stream(count: number): Promise<RecordedEvent[]> {
  const id = `record-${randomUUID()}`;
  await store.append(
    id,
    Array.from({ length: count }, (_, i) => ({ eventId: randomUUID(), type: i % 2 ? 'Stepped' : 'Noted', data: { n: i + 1 } })),
  );
  return store.readStream(id);
}

const versions = (events: RecordedEvent[] | undefined) => events?.map((e) => e.streamVersion);

it('follows a stream from its first event through the batches without reading it', async () => {
  const events = await stream(5);
  const followed = histories();
  expect(versions((await followed.upTo(events.slice(0, 2))).get(events[0].streamId))).toEqual([1, 2]);
  expect(versions((await followed.upTo(events.slice(2, 5))).get(events[0].streamId))).toEqual([1, 2, 3, 4, 5]);
  expect(reads).toEqual([]);
});

it('reads a stream it meets in the middle, and gives it only up to the batch', async () => {
  const events = await stream(6);
  const followed = histories();
  expect(versions((await followed.upTo(events.slice(2, 4))).get(events[0].streamId))).toEqual([1, 2, 3, 4]);
  expect(reads).toEqual([[events[0].streamId]]);
  // What that read returned is kept: the stream's later events, and a batch retried after a rollback, read nothing more.
  expect(versions((await followed.upTo(events.slice(4, 6))).get(events[0].streamId))).toEqual([1, 2, 3, 4, 5, 6]);
  expect(versions((await followed.upTo(events.slice(2, 4))).get(events[0].streamId))).toEqual([1, 2, 3, 4]);
  expect(reads).toHaveLength(1);
});

it('reads again when a batch does not follow on from what it keeps', async () => {
  const events = await stream(5);
  const followed = histories();
  followed.follow(events.slice(0, 2));
  // Only some types reach it: versions 4 and 5 do not follow on from 2.
  expect(versions((await followed.upTo(events.slice(3, 5))).get(events[0].streamId))).toEqual([1, 2, 3, 4, 5]);
  expect(reads).toEqual([[events[0].streamId]]);
});

it('keeps the streams used last, up to its limit', async () => {
  const [a, b, c] = await Promise.all([stream(2), stream(2), stream(2)]);
  const followed = histories(2);
  followed.follow([a[0], b[0], c[0]]); // a is the least recently used of three: forgotten
  const found = await followed.upTo([a[1], b[1], c[1]]);
  expect([a, b, c].map((s) => versions(found.get(s[0].streamId)))).toEqual([
    [1, 2],
    [1, 2],
    [1, 2],
  ]);
  expect(reads).toEqual([[a[0].streamId]]);
});
