/**
 * Section 2, catch-up read: a log written by 8 concurrent writers, read from position zero
 * through the subscription API, counting what a reader skips or gets twice. The same for
 * Emmett's consumer. A live reader also follows each log while it is being written, which is
 * where a reader that orders by a plain sequence skips the events of late commits.
 */
import { dumbo } from '@event-driven-io/dumbo';
import {
  getPostgreSQLEventStore,
  postgreSQLEventStoreConsumer,
  postgreSQLEventStoreMessageBatchPuller,
} from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import { runMigrations } from '@lc/database';
import { migrations } from '@lc/migrations';
import { NewEvent, PostgresEventStore } from '@lc/event-store';
import { benchEvent, fmt, freshDatabase, ratio, RUNS, size, spread } from './lib';

const EVENTS = size('CATCHUP_EVENTS', 200_000);
const EMMETT_EVENTS = size('CATCHUP_EMMETT_EVENTS', 50_000);
/** Emmett's consumer stores a checkpoint after every message: it reads only the first events of the log. */
const EMMETT_CONSUMER_EVENTS = size('CATCHUP_EMMETT_CONSUMER_EVENTS', 2_000);
const WRITERS = 8;
const PER_APPEND = size('CATCHUP_PER_APPEND', 100);
const STREAMS = 10_000;
/** Events per read (our subscription's page, Emmett's pulling batch). */
const PAGE = size('CATCHUP_PAGE', 2000);
const STALL_MS = 5000;

interface ReadResult {
  perSecond: number;
  delivered: number;
  skipped: number;
  twice: number;
}

/**
 * 8 writers append `total` events in appends of PER_APPEND, to random streams. Every event carries
 * its number in the log as written (`data.seq`, 0 to total - 1), which is how readers are tallied.
 */
async function write(total: number, append: (stream: string, events: NewEvent[]) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < total) {
        const first = next;
        const n = Math.min(PER_APPEND, total - first);
        next += n;
        const events = Array.from({ length: n }, (_, i) => {
          const event = benchEvent(i);
          return { ...event, data: { ...event.data, seq: first + i } };
        });
        await append(`case-${Math.floor(Math.random() * STREAMS)}`, events);
      }
    }),
  );
  return (total / (performance.now() - start)) * 1000;
}

/**
 * Counts deliveries by the events' `seq` until `total` distinct ones are seen or nothing new comes
 * for STALL_MS. One byte per event of the log, not a Set of 200,000 ids: the tally must not be what
 * is measured (with a Set of ids the same reader measured 60-100k events/s instead of 120-150k,
 * the garbage collector walking the set).
 */
class Tally {
  private readonly seen: Uint8Array;
  private distinct = 0;
  delivered = 0;
  private readonly start = performance.now();
  private end = 0;
  /** Set while writers still write: a live reader is not given up on before they are done. */
  writing = false;
  private checkedAt = -1;
  private progressAt = performance.now();

  /** `logSize`: how many events the log holds (seq 0 to logSize - 1); `total`: how many to wait for. */
  constructor(private readonly total: number, logSize = total) {
    this.seen = new Uint8Array(logSize);
  }

  /** An event without a seq (Emmett's warm-up) counts for nothing. */
  add(seq: unknown): boolean {
    if (typeof seq !== 'number') return this.distinct >= this.total;
    this.delivered++;
    if (this.seen[seq]++ === 0) this.distinct++;
    if (this.distinct >= this.total && !this.end) this.end = performance.now();
    return this.distinct >= this.total;
  }

  /** Asked every 500 ms: nothing new delivered for STALL_MS (and no writer left). */
  stalled(): boolean {
    if (this.writing || this.delivered !== this.checkedAt) {
      this.checkedAt = this.delivered;
      this.progressAt = performance.now();
      return false;
    }
    return performance.now() - this.progressAt > STALL_MS;
  }

  result(): ReadResult {
    const end = this.end || this.progressAt;
    return {
      perSecond: (this.distinct / (end - this.start)) * 1000,
      delivered: this.delivered,
      // A consumer reading a prefix of the log may hand out more than asked for: never below 0.
      skipped: Math.max(0, this.total - this.distinct),
      twice: this.delivered - this.distinct,
    };
  }
}

async function readOurs(store: PostgresEventStore, total: number, whileWriting?: Promise<unknown>): Promise<ReadResult> {
  const tally = new Tally(total);
  if (whileWriting) {
    tally.writing = true;
    void whileWriting.finally(() => (tally.writing = false));
  }
  const subscription = store.subscribeToAll();
  const watchdog = setInterval(() => {
    if (tally.stalled()) void subscription.close();
  }, 500);
  try {
    for await (const event of subscription) if (tally.add(event.data.seq)) break;
  } finally {
    clearInterval(watchdog);
    await subscription.close();
  }
  await whileWriting;
  return tally.result();
}

async function readEmmett(url: string, pool: Pool, total: number, id: string, live: boolean, writing?: Promise<unknown>): Promise<ReadResult> {
  const tally = new Tally(total, EMMETT_EVENTS);
  if (writing) {
    tally.writing = true;
    void writing.finally(() => (tally.writing = false));
  }
  const consumer = postgreSQLEventStoreConsumer({
    connectionString: url,
    pool: undefined,
    pulling: { batchSize: PAGE, pullingFrequencyInMs: 20 },
    ...(live ? {} : { stopWhen: { noMessagesLeft: true } }),
  } as never);
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  (consumer as unknown as { reactor(o: unknown): unknown }).reactor({
    processorId: id,
    startFrom: 'BEGINNING',
    eachMessage: async (message: { data: { seq?: number } }) => {
      if (tally.add(message.data.seq)) done();
    },
  });
  const running = consumer.start();
  const watchdog = setInterval(() => {
    if (tally.stalled()) done();
  }, 500);
  await Promise.race([finished, live ? new Promise(() => undefined) : running.then(() => undefined)]);
  clearInterval(watchdog);
  await consumer.stop();
  await consumer.close();
  void pool;
  return tally.result();
}

/** Emmett's read loop without a consumer around it: no checkpoint per message. */
async function readEmmettPuller(url: string, total: number): Promise<ReadResult> {
  const tally = new Tally(total, EMMETT_EVENTS);
  const pool = dumbo({ connectionString: url });
  const abort = new AbortController();
  const puller = postgreSQLEventStoreMessageBatchPuller({
    executor: pool.execute,
    batchSize: PAGE,
    pullingFrequencyInMs: 1,
    signal: abort.signal,
    eachBatch: async (messages: { data: { seq?: number } }[]) => {
      for (const message of messages) if (tally.add(message.data.seq)) return { type: 'STOP' };
      return undefined;
    },
  } as never);
  const watchdog = setInterval(() => {
    if (tally.stalled()) abort.abort();
  }, 500);
  try {
    await puller.start({ startFrom: 'BEGINNING' });
  } finally {
    clearInterval(watchdog);
    await pool.close();
  }
  return tally.result();
}

export async function catchUpBench(): Promise<string[]> {
  const ours = await freshDatabase('catchup_ours');
  const emmett = await freshDatabase('catchup_emmett');
  await runMigrations(ours.url, migrations);
  const store = new PostgresEventStore({ pool: { connectionString: ours.url, max: 20 }, idlePollMs: 200, readPageSize: PAGE });
  const emmettPool = new Pool({ connectionString: emmett.url, max: 20 });
  const emmettStore = getPostgreSQLEventStore(emmett.url, { connectionOptions: { pooled: true, pool: emmettPool } as never });
  const ourReads: ReadResult[] = [];
  const emmettReads: ReadResult[] = [];
  const emmettConsumerReads: ReadResult[] = [];
  let ourLive: ReadResult;
  let emmettLive: ReadResult;
  let ourWrite = 0;
  let emmettWrite = 0;
  try {
    // Emmett's schema is created on its first append; do that before its live reader starts.
    await emmettStore.appendToStream('warm-up', [{ type: 'WarmUp', data: {} }] as never);
    {
      let writing!: Promise<number>;
      const live = readOurs(store, EVENTS, new Promise((r) => setTimeout(r, 0)).then(() => writing));
      writing = write(EVENTS, async (stream, events) => {
        await store.append(stream, events);
      });
      ourWrite = await writing;
      ourLive = await live;
      console.log(`catch-up: ours written at ${fmt(ourWrite)} ev/s; live reader ${JSON.stringify(ourLive)}`);
    }
    {
      let writing!: Promise<number>;
      const live = readEmmett(emmett.url, emmettPool, EMMETT_EVENTS, 'live', true, new Promise((r) => setTimeout(r, 0)).then(() => writing));
      writing = write(EMMETT_EVENTS, async (stream, events) => {
        // Two writers may append to one new stream at once (random streams); Emmett then refuses
        // one with a version conflict even without a concurrency check, having written nothing of
        // it. Its user would send that append again; so does the bench.
        for (let attempt = 1; ; attempt++) {
          try {
            await emmettStore.appendToStream(stream, events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })) as never);
            return;
          } catch (error) {
            if (attempt >= 5 || (error as { errorCode?: number }).errorCode !== 412) throw error;
          }
        }
      });
      emmettWrite = await writing;
      emmettLive = await live;
      console.log(`catch-up: Emmett written at ${fmt(emmettWrite)} ev/s; live reader ${JSON.stringify(emmettLive)}`);
    }
    for (let r = 1; r <= RUNS; r++) {
      ourReads.push(await readOurs(store, EVENTS));
      emmettReads.push(await readEmmettPuller(emmett.url, EMMETT_EVENTS));
      emmettConsumerReads.push(await readEmmett(emmett.url, emmettPool, EMMETT_CONSUMER_EVENTS, `catch-up-${r}`, false));
      console.log(
        `catch-up run ${r}: ours ${JSON.stringify(ourReads.at(-1))}; Emmett puller ${JSON.stringify(emmettReads.at(-1))}; consumer ${JSON.stringify(emmettConsumerReads.at(-1))}`,
      );
    }
  } finally {
    await store.close();
    await emmettStore.close();
    await emmettPool.end().catch(() => undefined);
    await ours.drop();
    await emmett.drop();
  }
  const counts = (rs: ReadResult[]) => rs.map((r) => `${fmt(r.skipped)} / ${fmt(r.twice)}`).join('; ');
  return [
    `The log: ${fmt(EVENTS)} events for ours, ${fmt(EMMETT_EVENTS)} for Emmett (a rate hardly depends on the size; its`,
    `reader is slower and the whole section has to fit in 10 minutes), written by ${WRITERS} concurrent writers in appends`,
    `of ${PER_APPEND} events to random streams out of ${fmt(STREAMS)}. Read from position zero, pages of ${fmt(PAGE)}, ${RUNS} runs`,
    `interleaved. Ours: \`subscribeToAll\`, the subscription API projections use. Emmett: its batch puller`,
    `(\`postgreSQLEventStoreMessageBatchPuller\`, the read loop under its consumer, pulling every 1 ms instead of its default`,
    `50 ms), which is the ratio's reference; and its consumer as shipped (\`postgreSQLEventStoreConsumer\` with one reactor,`,
    `which stores a checkpoint after every message) over the first ${fmt(EMMETT_CONSUMER_EVENTS)} events, with its counts as they are.`,
    `Skipped and twice are counted by each event's number in the log as written (\`data.seq\`, one byte each); for the consumer, "skipped" counts what it had not delivered when it`,
    `said it had no messages left. "Live" is a reader started before the writers, following the log while it is written`,
    `(Emmett's: its consumer).`,
    '',
    '| figure | ours | Emmett 0.42 | ours ÷ Emmett |',
    '| --- | --- | --- | --- |',
    `| catch-up read (events/s) | ${spread(ourReads.map((r) => r.perSecond))} | ${spread(emmettReads.map((r) => r.perSecond))} (batch puller) | ${ratio(ourReads.map((r) => r.perSecond), emmettReads.map((r) => r.perSecond))} |`,
    `| catch-up: skipped / twice, per run | ${counts(ourReads)} | ${counts(emmettReads)} | |`,
    `| Emmett's consumer, catch-up (events/s; twice per run) | | ${spread(emmettConsumerReads.map((r) => r.perSecond))}; twice ${emmettConsumerReads.map((r) => fmt(r.twice)).join(', ')} | ${ratio(ourReads.map((r) => r.perSecond), emmettConsumerReads.map((r) => r.perSecond))} |`,
    `| live reader while 8 writers write: skipped / twice | ${counts([ourLive!])} | ${counts([emmettLive!])} | |`,
    `| writing the log, 8 writers × ${PER_APPEND}-event appends (events/s, one run) | ${fmt(ourWrite)} | ${fmt(emmettWrite)} | ${fmt(ourWrite / emmettWrite, 2)} |`,
  ];
}
