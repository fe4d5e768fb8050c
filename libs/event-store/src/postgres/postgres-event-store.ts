import { EventEmitter } from 'node:events';
import { Client, Pool, PoolConfig } from 'pg';
import { KeyedReads, prepared, PreparingClient } from '@lc/database';
import {
  AppendResult,
  ConcurrencyError,
  EventFilter,
  EventStore,
  ExpectedVersion,
  NewEvent,
  PartialDuplicateAppendError,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { belowHorizon, laterOf } from './positions';
import { KnownStreams } from './known-streams';
import { TailPage, TailReads } from './tail-reads';

const CHANNEL = 'event_store_appended';

interface PendingAppend {
  streamId: string;
  expected: ExpectedVersion;
  events: NewEvent[];
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

interface AppendRow {
  status: 'ok' | 'duplicate' | 'conflict' | 'partial_duplicate';
  version: string;
  /** The position of the append's last event (ok, duplicate); null otherwise. */
  position: string | null;
}
const BATCH = 500;
/** The most streams one query of whole-stream reads asks for. */
const STREAMS_PER_READ = 200;

/**
 * A position is `<transaction id>-<global_position>`, the pair that orders the log; PostgreSQL
 * writes it (POSITION), the store reads it back here.
 */
const POSITION = `transaction_id::text || '-' || global_position::text`;

function decodePosition(position: string | undefined): [string, string] {
  if (position === undefined) return ['0', '0'];
  const match = /^(\d+)-(\d+)$/.exec(position);
  if (!match) throw new Error(`Not a PostgreSQL event store position: ${position}`);
  return [match[1], match[2]];
}

function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A row of the log as the reads ask for it: an array, in COLUMNS' order, so that node-postgres
 * builds no object per row, and the position ready-made. Alternating catch-up reads of a
 * 300,000-event log: 111-134k events/s with named columns, 132-231k as arrays (docs/benchmarks.md).
 */
type EventRow = [
  eventId: string,
  type: string,
  data: Record<string, unknown>,
  metadata: Record<string, unknown>,
  streamId: string,
  streamVersion: string,
  globalPosition: string,
  /** Milliseconds since the epoch: a number is far cheaper to turn into a Date than a timestamptz string. */
  recordedAt: number,
];
const EVENT_ID = 0;
const STREAM_ID = 4;
const STREAM_VERSION = 5;

function toRecorded(row: EventRow): RecordedEvent {
  const [eventId, type, data, metadata, streamId, streamVersion, globalPosition, recordedAt] = row;
  return { eventId, type, data, metadata, streamId, streamVersion: Number(streamVersion), globalPosition, recordedAt: new Date(recordedAt) };
}

/** The columns of EventRow. */
const COLUMNS = `event_id, type, data, metadata, stream_id, stream_version,
  ${POSITION}, (extract(epoch FROM recorded_at) * 1000)::float8`;

/*
 * The statements every command and every live read send, prepared (ADR 0020): each is a function
 * call or an index probe whatever its parameters. The reads of the log's tail with a filter are
 * not: they were planned for each filter while the log had an index of types, which a plan made
 * for any parameters could not choose. Since migration 1765700000300 dropped that index they walk
 * the global order as the unfiltered read does (a worker's live subscriptions together, or one
 * that takes every event), skipping what does not match.
 */
const APPEND = prepared(`SELECT status, version, ${POSITION} AS position
  FROM event_store.append_events($1, $2::uuid[], $3, $4::jsonb)`);
const APPEND_GROUPED = prepared(`SELECT status, version, ${POSITION} AS position
  FROM event_store.append_events_grouped($1::text[], $2::text[], $3::int[], $4::uuid[], $5::jsonb)`);

/**
 * The events' bodies as the append functions take them: one JSON array, which node writes and
 * PostgreSQL reads in one pass each (a jsonb[] parameter had every element's JSON escaped into
 * the array's text form, and read back out of it; migration 1765400000270).
 */
function eventBodies(events: NewEvent[]): string {
  return JSON.stringify(events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata ?? {} })));
}

// Streams from a version on: the whole of a stream not read before, the rest of one this process
// knows (KnownStreams). One index probe per stream, whatever the planner knows of the table. With
// `stream_id = ANY ($1)` a table without statistics (never analysed, or restored) was read whole,
// in parallel, for every few streams: an import's reads grew with the log. (The inner ORDER BY
// keeps the planner from flattening the lateral into a hash join over the whole table, which it
// did as well.)
const STREAMS_FROM = prepared(`SELECT ${COLUMNS}
  FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS wanted(id, from_version, n)
  CROSS JOIN LATERAL (
    SELECT * FROM event_store.events WHERE stream_id = wanted.id AND stream_version >= wanted.from_version ORDER BY stream_version) events
  ORDER BY wanted.n, events.stream_version`);
const STREAM_PART = (backwards: boolean) =>
  prepared(`SELECT ${COLUMNS} FROM event_store.events
  WHERE stream_id = $1 AND stream_version ${backwards ? '<=' : '>='} $2
  ORDER BY stream_version ${backwards ? 'DESC' : 'ASC'}
  LIMIT $3`);
const STREAM_FORWARDS = STREAM_PART(false);
const STREAM_BACKWARDS = STREAM_PART(true);
// The last event of each stream asked for, one index probe each.
const HEADS = prepared(`SELECT ${COLUMNS}
  FROM unnest($1::text[]) AS wanted(id)
  CROSS JOIN LATERAL (SELECT * FROM event_store.events WHERE stream_id = wanted.id ORDER BY stream_version DESC LIMIT 1) events`);
const TAIL = prepared(`SELECT ${COLUMNS}
  FROM event_store.events
  WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) AND transaction_id < $4::text::xid8
  ORDER BY events.transaction_id, events.global_position -- xid8 and bigint, not text
  LIMIT $3`);
const READ_HORIZON = prepared(`SELECT event_store.read_horizon()::text AS horizon`);
// ORDER BY ... LIMIT 1, not EXISTS: the planner drops an EXISTS subquery's order, and on a table
// without statistics (never analysed) it then expects a third of the rows to match and scans the
// heap from its start, where none do (49 ms at 40,000 events, against 0.3 ms walking the global
// order's index from the horizon).
const HELD_BACK = prepared(`SELECT 1 FROM event_store.events WHERE transaction_id >= $1::text::xid8 ORDER BY transaction_id LIMIT 1`);

export interface PostgresEventStoreOptions {
  /**
   * A connection string with a user (see withDefaultUser), or a full pool config. Its clients are
   * PreparingClient unless `Client` says otherwise (DATABASE_PREPARED_STATEMENTS=false).
   */
  pool: PoolConfig;
  /** How long an idle subscriber sleeps when no notification wakes it. Notifications do the real work. */
  idlePollMs?: number;
  /**
   * How many events a subscription reads at once (default 2,000: on the bench machine, reading a
   * 200,000-event log alone, pages of 2,000 gave 137-144k events/s against 113-131k for 1,000 and
   * 125-138k for 5,000, interleaved in one process; docs/benchmarks.md, 2026-12-02 night).
   */
  readPageSize?: number;
  /** Group commit: how many groups of appends may be in flight at once (default 2). */
  maxInFlightGroups?: number;
  /** Whole-stream reads: how many queries may be out at once; the reads asked meanwhile go together (default 2). */
  maxInFlightReads?: number;
  /** Group commit: the most appends (default 256) and events (default 2,000) in one group. */
  maxGroupAppends?: number;
  maxGroupEvents?: number;
  /** Whole-stream reads: how many events of the streams read lately to keep in memory (default 50,000; see KnownStreams). */
  knownStreamRows?: number;
}

export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly idlePollMs: number;
  private readonly wake = new EventEmitter();
  private listener?: Promise<Client>;
  private closed = false;
  private pending: PendingAppend[] = [];
  private inFlight = 0;
  private flushScheduled = false;
  private readonly streamsInFlight = new Set<string>();
  private readonly maxInFlight: number;
  private readonly readPageSize: number;
  private readonly maxGroupAppends: number;
  private readonly maxGroupEvents: number;
  private horizonQuestion?: Promise<string>;
  private readonly heldBackQuestions = new Map<string, Promise<boolean>>();
  /** The subscriptions' reads of the tail, one query for those asking together (see TailReads). */
  private readonly tail: TailReads;
  /** Whole-stream reads, several in one query while others are out (see KeyedReads). */
  private readonly streamReads: KeyedReads<EventRow>;
  /** Reads of a stream's last event, the same way (see readStream). */
  private readonly streamHeads: KeyedReads<EventRow>;
  /** Streams read whole lately: the next read of one asks only for what is new. */
  private readonly knownStreams: KnownStreams<EventRow>;

  constructor(options: PostgresEventStoreOptions) {
    this.pool = new Pool({ max: 10, Client: PreparingClient, ...options.pool });
    // An idle connection the server ends (a restart, pg_terminate_backend, DROP DATABASE ... FORCE)
    // makes the pool emit 'error', which without a listener crashes the process. pg has already
    // dropped that connection; the next query opens another, and errors of queries reach their callers.
    this.pool.on('error', () => undefined);
    this.idlePollMs = options.idlePollMs ?? 2000;
    this.maxInFlight = options.maxInFlightGroups ?? 2;
    this.readPageSize = options.readPageSize ?? 2000;
    this.maxGroupAppends = options.maxGroupAppends ?? 256;
    this.maxGroupEvents = options.maxGroupEvents ?? 2000;
    this.wake.setMaxListeners(0);
    this.tail = new TailReads((from, horizon, max, filter) => this.readPage(from, horizon, max, filter), this.readPageSize);
    this.streamReads = new KeyedReads((ids) => this.fetchStreams(ids), options.maxInFlightReads ?? 2, STREAMS_PER_READ);
    this.knownStreams = new KnownStreams(options.knownStreamRows ?? 50_000);
    this.streamHeads = new KeyedReads((ids) => this.fetchHeads(ids), options.maxInFlightReads ?? 2, STREAMS_PER_READ);
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
      throw new RangeError(`expectedVersion must be a non-negative integer, got ${expected}`);
    }
    if (events.length === 0) throw new RangeError('append needs at least one event');
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, expected, events, resolve, reject });
      this.scheduleFlush();
    });
  }

  /**
   * Group commit. Appends wait in `pending` until the event loop's next turn, so that all those
   * called in one turn (the writers a finished group wakes come back together) can go together;
   * whenever fewer than `maxInFlight` groups are running then, the waiting appends (one per stream,
   * streams not already in flight) go to PostgreSQL as one statement and one transaction
   * (event_store.append_events_grouped, migrations 1763700000091, 1765400000270, 1765500000280): one commit
   * and one notification for the lot. Each append's promise settles after that commit, with its
   * own answer. A stream that is in flight waits for the next group, so appends to one stream
   * keep their call order.
   *
   * Dispatched at once instead, the first writer back took a free slot alone and the others
   * waited for the next: 8 writers of 10-event batches made groups of 1, 2, 5 and 6 appends, each
   * paying a call's and a commit's fixed cost. Waiting one turn, and sharing the waiting appends
   * evenly among the free slots, makes groups of 4 that alternate: 20-25 % more events/s at
   * 15-20 % less CPU per event (docs/benchmarks.md, 2026-12-04 evening).
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.pending.length > 0) {
      // An even share for each free slot: with two free and eight waiting, two groups of four.
      const share = Math.ceil(this.pending.length / (this.maxInFlight - this.inFlight));
      const group: PendingAppend[] = [];
      const streams = new Set<string>();
      let events = 0;
      const waiting: PendingAppend[] = [];
      for (const append of this.pending) {
        if (
          group.length < Math.min(share, this.maxGroupAppends) &&
          (group.length === 0 || events + append.events.length <= this.maxGroupEvents) &&
          !streams.has(append.streamId) &&
          !this.streamsInFlight.has(append.streamId)
        ) {
          group.push(append);
          streams.add(append.streamId);
          events += append.events.length;
        } else {
          waiting.push(append);
          // Later appends to a waiting stream must not overtake it.
          streams.add(append.streamId);
        }
      }
      if (group.length === 0) return; // everything waits for a stream in flight
      this.pending = waiting;
      this.inFlight++;
      for (const append of group) this.streamsInFlight.add(append.streamId);
      void this.commitGroup(group).finally(() => {
        this.inFlight--;
        for (const append of group) this.streamsInFlight.delete(append.streamId);
        this.scheduleFlush();
      });
    }
  }

  private async commitGroup(group: PendingAppend[]): Promise<void> {
    let rows: AppendRow[];
    try {
      ({ rows } =
        group.length === 1
          ? // A group of one (a single writer): the one-stream function, without the grouped one's
            // set-up over arrays of appends (same locks, answers and notification).
            await this.pool.query<AppendRow>(APPEND, [
              group[0].streamId,
              group[0].events.map((e) => e.eventId),
              String(group[0].expected),
              eventBodies(group[0].events),
            ])
          : await this.pool.query<AppendRow>(APPEND_GROUPED, [
              group.map((a) => a.streamId),
              group.map((a) => String(a.expected)),
              group.map((a) => a.events.length),
              group.flatMap((a) => a.events.map((e) => e.eventId)),
              eventBodies(group.flatMap((a) => a.events)),
            ]));
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
      // The statement failed as a whole (one append's bad input, a lost connection...): nothing of
      // the group was written. Each append then goes alone, so one bad append fails only itself.
      await Promise.all(group.map((append) => this.commitGroup([append])));
      return;
    }
    group.forEach((append, i) => {
      const row = rows[i];
      switch (row.status) {
        case 'conflict':
          append.reject(new ConcurrencyError(append.streamId, append.expected, Number(row.version)));
          break;
        case 'partial_duplicate':
          append.reject(new PartialDuplicateAppendError(append.streamId));
          break;
        default:
          append.resolve({ nextVersion: Number(row.version), globalPosition: row.position! });
      }
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    // The whole stream, as commands read it: together with other commands' reads.
    if ((options.fromVersion ?? 1) <= 1 && options.direction !== 'backwards' && options.maxCount === undefined) {
      return (await this.streamReads.read(streamId)).map(toRecorded);
    }
    const backwards = options.direction === 'backwards';
    // The last event only, as the access guard asks for an account's on every request (ADR 0015)
    // and a counter for its version: together with other such reads, as whole streams are.
    if (backwards && options.maxCount === 1 && options.fromVersion === undefined) {
      return (await this.streamHeads.read(streamId)).map(toRecorded);
    }
    const from = options.fromVersion ?? (backwards ? Number.MAX_SAFE_INTEGER : 1);
    const rows = await this.rows(backwards ? STREAM_BACKWARDS : STREAM_FORWARDS, [streamId, from, options.maxCount ?? null]);
    return rows.map(toRecorded);
  }

  async readStreams(streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
    const rows = await this.fetchStreams(streamIds);
    return new Map([...rows].map(([streamId, stream]) => [streamId, stream.map(toRecorded)]));
  }

  /**
   * The rows of whole streams, each id given a key of the answer: of a stream known already
   * (KnownStreams), only the rows from its last known one on. One stream by its own query.
   */
  private async fetchStreams(streamIds: string[]): Promise<Map<string, EventRow[]>> {
    const streams = new Map<string, EventRow[]>();
    if (streamIds.length === 0) return streams;
    const known = new Map(streamIds.map((id) => [id, this.knownStreams.get(id)] as const));
    const fetched = await this.streamsFrom(streamIds, (id) => Number(known.get(id)?.at(-1)?.[STREAM_VERSION] ?? 1));
    const startedAgain: string[] = [];
    for (const id of streamIds) {
      const kept = known.get(id);
      const rows = fetched.get(id)!;
      if (!kept) {
        streams.set(id, rows);
      } else if (rows[0]?.[EVENT_ID] === kept[kept.length - 1][EVENT_ID]) {
        streams.set(id, rows.length === 1 ? kept : kept.concat(rows.slice(1)));
      } else {
        // Its last known event is gone: a database emptied under the running process. Read it whole.
        this.knownStreams.forget(id);
        startedAgain.push(id);
      }
    }
    if (startedAgain.length) for (const [id, rows] of await this.streamsFrom(startedAgain, () => 1)) streams.set(id, rows);
    for (const [id, rows] of streams) this.knownStreams.keep(id, rows);
    return streams;
  }

  /** Each stream's rows from a version on (`from`), in version order. */
  private streamsFrom(streamIds: string[], from: (streamId: string) => number): Promise<Map<string, EventRow[]>> {
    return this.byStream(streamIds, [STREAM_FORWARDS, [streamIds[0], from(streamIds[0]), null]], [STREAMS_FROM, [streamIds, streamIds.map(from)]]);
  }

  /** The last row of each stream (none: an empty stream). */
  private fetchHeads(streamIds: string[]): Promise<Map<string, EventRow[]>> {
    return this.byStream(streamIds, [STREAM_BACKWARDS, [streamIds[0], Number.MAX_SAFE_INTEGER, 1]], [HEADS, [streamIds]]);
  }

  /** Rows of streams, each id given a key of the answer: one stream by the `single` query, more by `several`. */
  private async byStream(
    streamIds: string[],
    single: [text: string, values: unknown[]],
    several: [text: string, values: unknown[]],
  ): Promise<Map<string, EventRow[]>> {
    const streams = new Map<string, EventRow[]>(streamIds.map((id) => [id, []]));
    for (const row of await this.rows(...(streamIds.length === 1 ? single : several))) streams.get(row[STREAM_ID])!.push(row);
    return streams;
  }

  /** Rows of the log, as arrays (EventRow). */
  private async rows(text: string, values: unknown[]): Promise<EventRow[]> {
    return (await this.pool.query<EventRow>({ text, values, rowMode: 'array' })).rows;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return (await this.readAllBelowHorizon(options.fromPosition, options.maxCount ?? BATCH, options.filter)).events;
  }

  async hasEventsAfter(position: string | undefined, filter?: EventFilter): Promise<boolean> {
    return (await this.countEventsAfter(position, filter, 1)) > 0;
  }

  async countEventsAfter(position: string | undefined, filter: EventFilter | undefined, max: number): Promise<number> {
    const [tx, pos] = decodePosition(position);
    // Every committed event past the position, whether or not an older open transaction holds it
    // back from readers: no read horizon here.
    // Ordered as the log is: without the order, a table without statistics is scanned from the
    // start of its heap, where no event past a recent position is (see isHeldBack).
    const { rows } = await this.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM (
         SELECT 1 FROM event_store.events
          WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
            AND ($3::text[] IS NULL OR stream_id LIKE ANY ($3::text[]))
            AND ($4::text[] IS NULL OR type = ANY ($4::text[]))
          ORDER BY transaction_id, global_position
          LIMIT $5) counted`,
      [
        tx,
        pos,
        filter?.streamPrefixes?.length ? filter.streamPrefixes.map(likePrefix) : null,
        filter?.eventTypes?.length ? filter.eventTypes : null,
        max,
      ],
    );
    return rows[0].count;
  }

  /**
   * Events after `from` whose transactions are all finished: below the oldest appender still
   * running (event_store.read_horizon), nothing can appear any more, so a reader moving along
   * this order never skips one. Transactions that append nothing, here or in other databases of
   * the cluster, do not hold readers back (migration 1763700000090 says why that is safe).
   * `heldBack` tells that committed events exist beyond the horizon (an older transaction is still
   * open), so the caller should look again soon rather than wait for a notification.
   */
  private async readAllBelowHorizon(
    from: string | undefined,
    maxCount: number,
    filter?: EventFilter,
  ): Promise<{ events: RecordedEvent[]; heldBack: boolean }> {
    const horizon = await this.readHorizon();
    const events = await this.readPage(from, horizon, maxCount, filter);
    const heldBack = events.length < maxCount && (await this.isHeldBack(horizon));
    return { events, heldBack };
  }

  /**
   * event_store.read_horizon(): it reads pg_locks, so readers ask once per catch-up, not per page.
   * One notification wakes every subscription of this store at once (a worker has one per read
   * model): those asking in the same turn of the event loop share one query. It is sent after the
   * last of them asked, so none gets a horizon older than its question (an older one would only
   * make it wait, never skip).
   */
  private readHorizon(): Promise<string> {
    this.horizonQuestion ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      this.horizonQuestion = undefined; // who asks from now on gets a query of its own
      const { rows } = await this.pool.query<{ horizon: string }>(READ_HORIZON);
      return rows[0].horizon;
    });
    return this.horizonQuestion;
  }

  /** Whether committed events wait at or beyond `horizon`; asked together as readHorizon is. */
  private isHeldBack(horizon: string): Promise<boolean> {
    let answer = this.heldBackQuestions.get(horizon);
    if (!answer) {
      answer = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.heldBackQuestions.delete(horizon);
        const { rows } = await this.pool.query(HELD_BACK, [horizon]);
        return rows.length > 0;
      });
      this.heldBackQuestions.set(horizon, answer);
    }
    return answer;
  }

  /**
   * A page of the log after `from` and below `horizon`. A horizon once read stays valid (every
   * appender below it has finished, and ids only grow), so a reader may read many pages below it.
   */
  private async readPage(
    from: string | undefined,
    horizon: string,
    maxCount: number,
    filter?: EventFilter,
  ): Promise<RecordedEvent[]> {
    const [tx, pos] = decodePosition(from);
    const prefixes = filter?.streamPrefixes?.length ? filter.streamPrefixes.map(likePrefix) : null;
    const types = filter?.eventTypes?.length ? filter.eventTypes : null;
    const rows =
      prefixes === null && types === null
        ? await this.rows(TAIL, [tx, pos, maxCount, horizon])
        : await this.rows(
            `SELECT ${COLUMNS}
               FROM event_store.events
              WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
                AND transaction_id < $6::text::xid8
                AND ($4::text[] IS NULL OR stream_id LIKE ANY ($4::text[]))
                AND ($5::text[] IS NULL OR type = ANY ($5::text[]))
              ORDER BY events.transaction_id, events.global_position -- xid8 and bigint, not text
              LIMIT $3`,
            [tx, pos, maxCount, prefixes, types, horizon],
          );
    return rows.map(toRecorded);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    let closed = false;
    // A notification may arrive while we are reading; remember it so that we do not then sleep.
    let woken = false;
    let wakeUp: (() => void) | undefined;
    const onWake = () => {
      woken = true;
      wakeUp?.();
    };
    this.wake.on('wake', onWake);
    void this.ensureListener().catch(() => undefined); // the idle poll still works without it
    const store = this;
    const page = this.readPageSize;

    // How far this subscription has read for its subscriber (Subscription.position): set before an
    // event is handed out, and moved on past what was read and did not match.
    let checkpoint = options.fromCheckpoint;

    async function* iterate(): AsyncGenerator<RecordedEvent> {
      try {
        while (!closed) {
          woken = false;
          // Catch up to the horizon of this moment, page by page: while a page is handed out, the
          // next one is already being read.
          const horizon = await store.readHorizon();
          let next: Promise<TailPage> | undefined = store.tail.read(checkpoint, horizon, page, options.filter);
          while (next) {
            const { events, continueFrom }: TailPage = await next;
            next = continueFrom !== undefined && !closed ? store.tail.read(continueFrom, horizon, page, options.filter) : undefined;
            // Nobody waits for a prefetch abandoned by close(); keep its failure from going unhandled.
            next?.catch(() => undefined);
            for (const event of events) {
              if (closed) return;
              checkpoint = event.globalPosition;
              yield event;
            }
            // What lay between was read and is not for this subscription: no need to read it again.
            if (continueFrom !== undefined) checkpoint = continueFrom;
          }
          if (closed) return;
          // Nothing more for it below the horizon: go on from there, not from its last event. A
          // subscription whose events are rare (a worker's accounts read model) would otherwise read
          // again all that came after that event at every wake, and drag the reads it shares with
          // the others (TailReads start at the lowest position) back with it: measured under the
          // HTTP mix, the tail reads returned 120 rows for every event appended.
          checkpoint = laterOf(checkpoint, belowHorizon(horizon));
          // Everything below the horizon is handed out. Look again at once if something may have
          // come since (a notification, or a page that ended exactly at the horizon); otherwise
          // sleep until a notification, polling soon when committed events wait behind an open appender.
          if (woken) continue;
          const heldBack = await store.isHeldBack(horizon);
          // close() while that was asked found no sleep to cut short: do not start one.
          if (woken || closed) continue;
          const sleepMs = heldBack ? 20 : store.idlePollMs;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, sleepMs);
            wakeUp = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wakeUp = undefined;
        }
      } finally {
        store.wake.off('wake', onWake);
      }
    }

    const iterator = iterate();
    return {
      [Symbol.asyncIterator]: () => iterator,
      position: () => checkpoint,
      close: async () => {
        closed = true;
        wakeUp?.();
        await iterator.return(undefined);
      },
    };
  }

  /** One LISTEN connection per store, shared by its subscriptions; re-established if it drops. */
  private ensureListener(): Promise<Client> {
    if (this.closed) return Promise.reject(new Error('event store closed'));
    if (!this.listener) {
      const client = new Client(this.pool.options);
      this.listener = (async () => {
        await client.connect();
        client.on('notification', () => this.wake.emit('wake'));
        client.on('error', () => {
          this.listener = undefined;
          client.end().catch(() => undefined);
          if (!this.closed) setTimeout(() => void this.ensureListener().catch(() => undefined), 1000);
        });
        await client.query(`LISTEN ${CHANNEL}`);
        // Anything appended while we were not listening is picked up by this wake-up.
        this.wake.emit('wake');
        return client;
      })();
      this.listener.catch(() => {
        this.listener = undefined;
      });
    }
    return this.listener;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1 FROM event_store.events LIMIT 1');
  }

  async close(): Promise<void> {
    this.closed = true;
    // Appends called just before close go out now, not on a turn that comes after the pool's end.
    this.flush();
    const listener = this.listener;
    this.listener = undefined;
    if (listener) await listener.then((c) => c.end()).catch(() => undefined);
    await this.pool.end();
  }
}
