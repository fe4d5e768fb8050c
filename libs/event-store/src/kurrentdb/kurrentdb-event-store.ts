import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendStreamState,
  ANY,
  BACKWARDS,
  END,
  eventTypeFilter,
  excludeSystemEvents,
  Filter,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  Position,
  ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  AppendResult,
  ConcurrencyError,
  EventFilter,
  EventMetadata,
  EventStore,
  EventStoreUnavailableError,
  ExpectedVersion,
  matchesFilter,
  NewEvent,
  PartialDuplicateAppendError,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { portError } from './kurrentdb-errors';

/** readAll's page size when the caller gives no maxCount (the PostgreSQL adapter uses the same). */
const DEFAULT_PAGE = 500;
/** How many events readAll asks for at least per round trip while it filters on the client side. */
const MIN_CHUNK = 256;
/** How far back from a stream's end an append looks for event ids it already holds. */
const DUPLICATE_SCAN_WINDOW = 256;
/** A subscription stops pulling from the server above this many undelivered events, resumes below the low mark. */
const HIGH_WATER = 1000;
const LOW_WATER = 100;
const PING_TIMEOUT_MS = 5000;
const UNSUBSCRIBE_TIMEOUT_MS = 1000;
/** A stream nobody writes to: ping reads it, and "stream not found" is the healthy answer. */
const PING_STREAM = 'lc-event-store-ping';
/**
 * Reads whose answer must include what this process has just appended go to the leader: with
 * nodePreference=follower (or random) a lagging follower would report a successful append as
 * missing, and miss a retry's duplicates.
 */
const FROM_LEADER = { requiresLeader: true } as const;
/** The subset of a grpc-js Channel that ping and close use. */
interface GrpcChannel {
  getConnectivityState(tryToConnect: boolean): number;
  watchConnectivityState(current: number, deadline: number, callback: (error?: Error) => void): void;
  close(): void;
}

/**
 * The client's gRPC channel (appends, subscriptions). The client declares getChannel protected and
 * offers no public way to check or close it: dispose() cancels the calls but leaves the channel
 * open, so a closed store would keep a socket and a timer alive. getChannel returns the channel
 * the client already holds (or the one it would open next), so this reaches for nothing new.
 */
function grpcChannelOf(client: KurrentDBClient): Promise<GrpcChannel> {
  return (client as unknown as { getChannel(): Promise<GrpcChannel> }).getChannel();
}

/** gRPC's connectivity states (grpc-js `connectivityState`), the two the ping needs. */
const connectivityState = { READY: 2, SHUTDOWN: 4 } as const;


/** The fields of a KurrentDB recorded event this adapter reads (JSON and binary events alike). */
interface StoredEvent {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

/**
 * Positions are `<commit>/<prepare>`, the two halves of a KurrentDB $all position in decimal.
 * Decoding also accepts a bare `<commit>` (prepare = commit).
 */
export function encodePosition(position: Position): string {
  return `${position.commit}/${position.prepare}`;
}

export function decodePosition(position: string): Position {
  const match = /^(\d+)(?:\/(\d+))?$/.exec(position);
  if (!match) throw new Error(`Not a KurrentDB event store position: ${position}`);
  const commit = BigInt(match[1]);
  return { commit, prepare: match[2] === undefined ? commit : BigInt(match[2]) };
}

function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Our streamVersion n is KurrentDB's revision n - 1; an empty stream has version 0. */
function toStreamState(expected: ExpectedVersion): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    default:
      return expected === 0 ? NO_STREAM : BigInt(expected - 1);
  }
}

function isSystemEvent(event: Pick<StoredEvent, 'streamId' | 'type'>): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function decodeData(event: StoredEvent): Record<string, unknown> {
  let data = event.data;
  if (data instanceof Uint8Array) {
    try {
      data = JSON.parse(Buffer.from(data).toString('utf8'));
    } catch {
      // reported below
    }
  }
  if (!isPlainObject(data)) {
    throw new Error(`KurrentDB event ${event.id} in stream ${event.streamId} does not hold a JSON object`);
  }
  return data;
}

function decodeMetadata(metadata: unknown): EventMetadata {
  if (metadata instanceof Uint8Array) {
    try {
      metadata = JSON.parse(Buffer.from(metadata).toString('utf8'));
    } catch {
      return {};
    }
  }
  return isPlainObject(metadata) ? (metadata as EventMetadata) : {};
}

function toRecorded(event: StoredEvent, position: Position): RecordedEvent {
  return {
    eventId: event.id,
    type: event.type,
    data: decodeData(event),
    metadata: decodeMetadata(event.metadata),
    streamId: event.streamId,
    streamVersion: Number(event.revision) + 1,
    globalPosition: encodePosition(position),
    recordedAt: event.created,
  };
}

/** The record's own $all position; servers older than 22.6 only give the commit position on stream reads. */
function positionOf(resolved: ResolvedEvent | AllStreamResolvedEvent, event: StoredEvent): Position {
  if (event.position) return event.position;
  if (resolved.commitPosition !== undefined) return { commit: resolved.commitPosition, prepare: resolved.commitPosition };
  throw new Error(`KurrentDB returned event ${event.id} of stream ${event.streamId} without a position`);
}

function storedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | undefined {
  return resolved.event as StoredEvent | undefined;
}

/**
 * The server-side half of an EventFilter. KurrentDB filters on one thing only, stream name or event
 * type, so with both given the stream prefixes go to the server and the types are checked here;
 * without any, system events are left out on the server. The client side always applies the whole
 * filter again (matchesFilter), so a type prefix matching a longer type does no harm.
 */
function serverFilter(filter?: EventFilter): Filter {
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: filter.streamPrefixes });
  if (filter?.eventTypes?.length) return eventTypeFilter({ prefixes: filter.eventTypes });
  return excludeSystemEvents();
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export type KurrentDbEventStoreOptions =
  | {
      /** e.g. kurrentdb://admin:changeit@localhost:2113?tls=false */
      connectionString: string;
    }
  | {
      /**
       * A client made elsewhere. The unit tests hand in one that answers as a cluster would in the
       * cases no single local server can show (a follower behind, `success: false`, an election).
       */
      client: KurrentDBClient;
    };

/**
 * The KurrentDB (EventStoreDB) adapter of the event store port. See
 * docs/decisions/0003-kurrentdb-adapter.md for how versions, positions, idempotency and filters map.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;
  /** Whether the gRPC channel was ever asked for (appends, subscriptions, ping): close() closes it then. */
  private channelOpened = false;

  constructor(options: KurrentDbEventStoreOptions) {
    this.client = 'client' in options ? options.client : KurrentDBClient.connectionString(options.connectionString);
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

    // A retried append (same event ids) is a no-op whatever expectedVersion says, as in the
    // PostgreSQL adapter. KurrentDB only recognises a retry that uses the same expected revision
    // (and, best effort, one with 'any'), so look at the stream's tail first. An append that must
    // create the stream needs no look: if the stream exists the server refuses it, and the refusal
    // is checked for duplicates below.
    if (expected !== 'no_stream' && expected !== 0) {
      const duplicate = await this.duplicateOutcome(streamId, events);
      if (duplicate) return duplicate;
    }

    let nextExpectedRevision = 0n;
    let appendPosition: Position | undefined;
    let refusedAt: number | undefined; // the stream's version when the server refused the append
    try {
      this.channelOpened = true;
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) =>
          jsonEvent({ id: e.eventId, type: e.type, data: e.data, metadata: (e.metadata ?? {}) as Record<string, unknown> }),
        ),
        { streamState: toStreamState(expected) },
      );
      // With throwOnAppendFailure=false in the connection string the client answers a refused
      // append with success: false instead of throwing; it is the same refusal.
      if (result.success) {
        nextExpectedRevision = result.nextExpectedRevision;
        appendPosition = result.position;
      } else {
        refusedAt = result.nextExpectedRevision < 0n ? 0 : Number(result.nextExpectedRevision) + 1;
      }
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw portError(error, streamId);
      refusedAt = error.actualState === NO_STREAM ? 0 : Number(error.actualState) + 1;
    }
    if (refusedAt !== undefined) {
      // Refused: maybe because an identical append got there first (a concurrent retry).
      const duplicate = await this.duplicateOutcome(streamId, events);
      if (duplicate) return duplicate;
      throw new ConcurrencyError(streamId, expected, refusedAt);
    }
    return {
      nextVersion: Number(nextExpectedRevision) + 1,
      globalPosition: await this.positionOfAppended(streamId, nextExpectedRevision, events, appendPosition),
    };
  }

  /**
   * The $all position of the last event of an append, read back from the stream. The append's own
   * answer is not used directly: the server reports one position per write (and none at all for an
   * idempotent one), which need not be the position readAll and subscriptions show for its last event.
   */
  private async positionOfAppended(
    streamId: string,
    revision: bigint,
    events: NewEvent[],
    fallback: Position | undefined,
  ): Promise<string> {
    const lastId = events[events.length - 1].eventId;
    const read = this.client.readStream(streamId, { fromRevision: revision, direction: FORWARDS, maxCount: 1, ...FROM_LEADER });
    for await (const resolved of read) {
      const event = storedEvent(resolved);
      if (event && sameId(event.id, lastId)) return encodePosition(positionOf(resolved, event));
    }
    if (fallback) return encodePosition(fallback);
    throw new Error(`KurrentDB stream ${streamId}: the appended event ${lastId} is not at revision ${revision}`);
  }

  /**
   * Looks for the append's event ids among the last DUPLICATE_SCAN_WINDOW events of the stream:
   * none there → undefined (a real append); all there → the no-op answer (the version and position
   * of the last of them); some → PartialDuplicateAppendError.
   */
  private async duplicateOutcome(streamId: string, events: NewEvent[]): Promise<AppendResult | undefined> {
    const wanted = new Set(events.map((e) => e.eventId.toLowerCase()));
    const found = new Map<string, { revision: bigint; position: Position }>();
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: DUPLICATE_SCAN_WINDOW,
        ...FROM_LEADER,
      })) {
        const event = storedEvent(resolved);
        if (!event) continue;
        const id = event.id.toLowerCase();
        if (!wanted.has(id) || found.has(id)) continue;
        found.set(id, { revision: event.revision, position: positionOf(resolved, event) });
        if (found.size === wanted.size) break;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw portError(error, streamId);
    }
    if (found.size === 0) return undefined;
    if (found.size < wanted.size) throw new PartialDuplicateAppendError(streamId);
    let last: { revision: bigint; position: Position } | undefined;
    for (const stored of found.values()) if (!last || stored.revision > last.revision) last = stored;
    return { nextVersion: Number(last!.revision) + 1, globalPosition: encodePosition(last!.position) };
  }

  /** KurrentDB reads one stream per call: a few side by side. */
  async readStreams(streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
    const ids = [...new Set(streamIds)];
    const read = new Array<RecordedEvent[]>(ids.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(8, ids.length) }, async () => {
        while (next < ids.length) {
          const i = next++;
          read[i] = await this.readStream(ids[i]);
        }
      }),
    );
    return new Map(ids.map((id, i) => [id, read[i]]));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    let fromRevision: bigint | typeof START | typeof END;
    if (backwards) {
      if (options.fromVersion === undefined) fromRevision = END;
      else if (options.fromVersion < 1) return [];
      else fromRevision = BigInt(options.fromVersion - 1);
    } else {
      fromRevision = options.fromVersion === undefined || options.fromVersion <= 1 ? START : BigInt(options.fromVersion - 1);
    }
    const events: RecordedEvent[] = [];
    try {
      // From the leader: commands append at the version they read, and a lagging follower's
      // version would only turn into conflicts.
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision,
        direction: backwards ? BACKWARDS : FORWARDS,
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
        ...FROM_LEADER,
      })) {
        const event = storedEvent(resolved);
        if (event) events.push(toRecorded(event, positionOf(resolved, event)));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw portError(error, streamId);
    }
    return events;
  }

  /**
   * KurrentDB hands out every committed event at once: nothing is held back. Asked of the leader:
   * "caught up" judged by a lagging follower would be caught up with the past.
   */
  async hasEventsAfter(position: string | undefined, filter?: EventFilter): Promise<boolean> {
    return (await this.countEventsAfter(position, filter, 1)) > 0;
  }

  async countEventsAfter(position: string | undefined, filter: EventFilter | undefined, max: number): Promise<number> {
    return (await this.readAllFrom({ fromPosition: position, maxCount: max, filter }, true)).length;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllFrom(options, false);
  }

  private async readAllFrom(options: ReadAllOptions, fromLeader: boolean): Promise<RecordedEvent[]> {
    try {
      return await this.readAllPages(options, fromLeader);
    } catch (error) {
      throw portError(error);
    }
  }

  private async readAllPages(options: ReadAllOptions, fromLeader: boolean): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? DEFAULT_PAGE;
    if (limit <= 0) return [];
    const filter = options.filter;
    const server = serverFilter(filter);
    let cursor = options.fromPosition === undefined ? undefined : decodePosition(options.fromPosition);
    const result: RecordedEvent[] = [];

    while (result.length < limit) {
      // A read of $all from a position includes the event at that position: ask for one more.
      const chunk = Math.max(limit - result.length + (cursor ? 1 : 0), MIN_CHUNK);
      let received = 0;
      let advanced = false;
      const read = this.client.readAll({
        fromPosition: cursor ?? START,
        direction: FORWARDS,
        maxCount: chunk,
        filter: server,
        ...(fromLeader ? FROM_LEADER : {}),
      });
      for await (const resolved of read) {
        received++;
        const event = storedEvent(resolved);
        if (!event) continue;
        const position = positionOf(resolved, event);
        if (cursor && comparePositions(position, cursor) <= 0) continue; // exclusive
        cursor = position;
        advanced = true;
        if (isSystemEvent(event) || !matchesFilter(event, filter)) continue;
        result.push(toRecorded(event, position));
        if (result.length >= limit) break;
      }
      if (received < chunk || !advanced) break; // the end of $all
    }
    return result;
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const after = options.fromCheckpoint === undefined ? undefined : decodePosition(options.fromCheckpoint);
    const filter = options.filter;
    // The server starts a catch-up subscription strictly after fromPosition.
    this.channelOpened = true;
    const source: AllStreamSubscription = this.client.subscribeToAll({
      fromPosition: after ?? START,
      filter: serverFilter(filter),
    });

    const queue: AllStreamResolvedEvent[] = [];
    let failure: unknown;
    let ended = false;
    let closed = false;
    let wakeUp: (() => void) | undefined;
    const wake = () => wakeUp?.();

    // Checkpoint, caught-up and fell-behind messages are not 'data': only events arrive here.
    source.on('data', (resolved: AllStreamResolvedEvent) => {
      queue.push(resolved);
      if (queue.length >= HIGH_WATER) source.pause();
      wake();
    });
    // Always listened to, so that a failure never crashes the process: the iterator rethrows it.
    source.on('error', (error: Error) => {
      failure ??= error;
      wake();
    });
    source.on('end', () => {
      ended = true;
      wake();
    });
    source.on('close', () => {
      ended = true;
      wake();
    });

    let released: Promise<void> | undefined;
    const release = (): Promise<void> =>
      (released ??= (async () => {
        this.subscriptions.delete(subscription);
        try {
          await withTimeout(source.unsubscribe(), UNSUBSCRIBE_TIMEOUT_MS, 'unsubscribe timed out');
        } catch {
          // the stream is destroyed below anyway
        }
        source.destroy();
      })());

    // How far this subscription has read for its subscriber (Subscription.position): every event the
    // server sent moves it, those the filter passes over too, before an event is handed out.
    let checkpoint = after;

    async function* iterate(): AsyncGenerator<RecordedEvent> {
      try {
        for (;;) {
          while (queue.length === 0) {
            if (closed) return;
            if (failure !== undefined) throw portError(failure);
            if (ended) throw new Error('KurrentDB subscription to $all ended unexpectedly');
            await new Promise<void>((resolve) => {
              wakeUp = resolve;
            });
            wakeUp = undefined;
          }
          if (closed) return;
          const resolved = queue.shift()!;
          if (queue.length <= LOW_WATER && source.isPaused()) source.resume();
          const event = storedEvent(resolved);
          if (!event) continue;
          const position = positionOf(resolved, event);
          if (checkpoint && comparePositions(position, checkpoint) <= 0) continue;
          checkpoint = position;
          if (isSystemEvent(event) || !matchesFilter(event, filter)) continue;
          yield toRecorded(event, position);
        }
      } finally {
        await release();
      }
    }

    const iterator = iterate();
    const subscription: Subscription = {
      [Symbol.asyncIterator]: () => iterator,
      position: () => (checkpoint === undefined ? undefined : encodePosition(checkpoint)),
      close: async () => {
        closed = true;
        wake();
        await iterator.return(undefined);
        await release(); // when iteration never started, the generator's finally does not run
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Both ways to the server: reads go through the client's native bridge, appends and
   * subscriptions through its gRPC channel, and either can be down while the other answers.
   */
  async ping(): Promise<void> {
    await withTimeout(
      Promise.all([this.probeReads(), this.probeChannel()]),
      PING_TIMEOUT_MS,
      `KurrentDB did not answer within ${PING_TIMEOUT_MS} ms`,
    );
  }

  private async probeReads(): Promise<void> {
    const read = this.client.readStream(PING_STREAM, { maxCount: 1, ...FROM_LEADER });
    try {
      await read.next();
      await read.return?.(undefined);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw portError(error);
    }
  }

  /** Resolves once the gRPC channel (to the leader, after discovery on a cluster) is READY. */
  private async probeChannel(): Promise<void> {
    this.channelOpened = true;
    const channel = await grpcChannelOf(this.client);
    for (;;) {
      const state = channel.getConnectivityState(true);
      if (state === connectivityState.READY) return;
      if (state === connectivityState.SHUTDOWN) throw new EventStoreUnavailableError('KurrentDB gRPC channel is shut down');
      await new Promise<void>((resolve) => channel.watchConnectivityState(state, Date.now() + PING_TIMEOUT_MS, () => resolve()));
    }
  }

  /**
   * Ends the subscriptions and in-flight calls (dispose), then closes the gRPC channel, which
   * dispose leaves open, and lets go of the client (its native read client has no close of its
   * own: it is freed with the last reference).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
    if (this.channelOpened) (await grpcChannelOf(this.client)).close();
  }
}
