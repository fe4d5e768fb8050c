import { EventFilter, matchesFilter, RecordedEvent } from '../event-store.port';
import { TailPage, TailReads } from './tail-reads';

// A log in memory, in the PostgreSQL adapter's position form (<transaction>-<position>): the
// logic under test is which reads are made and who gets which events, not the database's.
const STREAMS = ['dispute-1', 'alert-1', 'mediation-1', 'account-1'];
const log: RecordedEvent[] = Array.from({ length: 50 }, (_, i) => ({
  eventId: `e${i}`,
  type: i % 3 === 0 ? 'Opened' : 'Logged',
  data: {},
  metadata: {},
  streamId: STREAMS[i % STREAMS.length],
  streamVersion: i,
  globalPosition: `${100 + Math.floor(i / 2)}-${i + 1}`,
  recordedAt: new Date(0),
}));
const HORIZON = '1000';
const index = (position: string | undefined) => (position === undefined ? -1 : log.findIndex((e) => e.globalPosition === position));

function memoryLog() {
  const reads: { from?: string; max: number; filter?: EventFilter }[] = [];
  const readPage = async (from: string | undefined, _horizon: string, max: number, filter?: EventFilter) => {
    reads.push({ from, max, filter });
    return log.slice(index(from) + 1).filter((e) => matchesFilter(e, filter)).slice(0, max);
  };
  return { reads, readPage };
}

/** What one subscription should get, read on its own until nothing more comes. */
function expected(from: string | undefined, filter?: EventFilter): RecordedEvent[] {
  return log.slice(index(from) + 1).filter((e) => matchesFilter(e, filter));
}

/** Follows continueFrom to the end, as a subscription does. */
async function drain(tail: TailReads, from: string | undefined, max: number, filter?: EventFilter): Promise<RecordedEvent[]> {
  const got: RecordedEvent[] = [];
  let page: TailPage = await tail.read(from, HORIZON, max, filter);
  got.push(...page.events);
  while (page.continueFrom !== undefined) {
    page = await tail.read(page.continueFrom, HORIZON, max, filter);
    got.push(...page.events);
  }
  return got;
}

describe('TailReads', () => {
  it('answers the subscriptions that ask together from one read, each with its own events in order', async () => {
    const { reads, readPage } = memoryLog();
    const tail = new TailReads(readPage, 100);
    const asks = [
      { from: undefined, filter: {} },
      { from: log[10].globalPosition, filter: { streamPrefixes: ['dispute-'] } },
      { from: log[20].globalPosition, filter: { eventTypes: ['Opened'] } },
      { from: log[5].globalPosition, filter: { streamPrefixes: ['alert-', 'mediation-'], eventTypes: ['Logged'] } },
    ];
    const pages = await Promise.all(asks.map((ask) => tail.read(ask.from, HORIZON, 1000, ask.filter)));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ from: undefined, max: 100, filter: undefined }); // mixed filters: no union
    asks.forEach((ask, i) => {
      expect(pages[i].events).toEqual(expected(ask.from, ask.filter));
      expect(pages[i].continueFrom).toBeUndefined();
    });
  });

  it('narrows the one read by the union of filters that narrow the same way', async () => {
    const { reads, readPage } = memoryLog();
    const tail = new TailReads(readPage, 100);
    await Promise.all([
      tail.read(undefined, HORIZON, 1000, { streamPrefixes: ['dispute-'] }),
      tail.read(undefined, HORIZON, 1000, { streamPrefixes: ['alert-', 'dispute-'] }),
    ]);
    expect(reads).toEqual([{ from: undefined, max: 100, filter: { streamPrefixes: ['dispute-', 'alert-'] } }]);
  });

  it('a shared page that is full: each goes on from where the read ended, and gets every event once', async () => {
    const { readPage } = memoryLog();
    const tail = new TailReads(readPage, 7);
    const asks: [string | undefined, EventFilter | undefined, number][] = [
      [undefined, undefined, 5],
      [log[3].globalPosition, { streamPrefixes: ['account-'] }, 2],
      [log[30].globalPosition, { eventTypes: ['Logged'] }, 4], // beyond the first shared page: reads alone
    ];
    const got = await Promise.all(asks.map(([from, filter, max]) => drain(tail, from, max, filter)));
    asks.forEach(([from, filter], i) => expect(got[i]).toEqual(expected(from, filter)));
  });

  it('one asking alone reads with its own filter and page size', async () => {
    const { reads, readPage } = memoryLog();
    const tail = new TailReads(readPage, 100);
    const page = await tail.read(log[1].globalPosition, HORIZON, 3, { eventTypes: ['Opened'] });
    expect(reads).toEqual([{ from: log[1].globalPosition, max: 3, filter: { eventTypes: ['Opened'] } }]);
    expect(page.events).toEqual(expected(log[1].globalPosition, { eventTypes: ['Opened'] }).slice(0, 3));
    expect(page.continueFrom).toBe(page.events[2].globalPosition);
  });

  it('asks for different horizons are not mixed', async () => {
    const { reads, readPage } = memoryLog();
    const tail = new TailReads(readPage, 100);
    await Promise.all([tail.read(undefined, '1000', 10), tail.read(undefined, '2000', 10)]);
    expect(reads).toHaveLength(2);
  });

  it('a failed read fails every ask it would have answered', async () => {
    const tail = new TailReads(async () => {
      throw new Error('connection lost');
    }, 100);
    const answers = await Promise.allSettled([tail.read(undefined, HORIZON, 10), tail.read(log[2].globalPosition, HORIZON, 10)]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected']);
  });
});
