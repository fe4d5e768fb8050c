/**
 * The event store port. Every adapter (PostgreSQL, KurrentDB) implements it and passes the same
 * contract suite (libs/event-store/src/contract).
 *
 * Versions count events: a stream with no events has version 0, the first event of a stream has
 * streamVersion 1, and after appending n events to a stream of version v its version is v + n.
 *
 * Global positions are opaque strings. Each adapter defines their order; callers only store them
 * (as checkpoints) and hand them back.
 */

export type ExpectedVersion = 'any' | 'no_stream' | 'exists' | number;

/** Who did it and why: stored with every event. */
export interface EventMetadata {
  actorId?: string;
  actorRole?: string;
  correlationId?: string;
  causationId?: string;
  schemaVersion?: number;
  /** Anything else a context needs to keep with the event (import file hash and row, request id...). */
  [key: string]: unknown;
}

/** An event as a command produces it, before it is stored. */
export interface NewEvent<Type extends string = string, Data = Record<string, unknown>> {
  eventId: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}

/** An event as it was stored. */
export interface RecordedEvent<Type extends string = string, Data = Record<string, unknown>> {
  eventId: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  streamId: string;
  streamVersion: number;
  globalPosition: string;
  recordedAt: Date;
}

export interface AppendResult {
  /** The stream's version after the append. */
  nextVersion: number;
  /** Global position of the last event of the append (or of the already stored one on a no-op). */
  globalPosition: string;
}

export interface ReadStreamOptions {
  /** Start at this streamVersion (inclusive). Forwards default 1, backwards default the last event. */
  fromVersion?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the start. */
  fromPosition?: string;
  maxCount?: number;
  filter?: EventFilter;
}

/** Both parts are optional; an event passes when it matches every part given. */
export interface EventFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface SubscribeOptions {
  /** Exclusive: the position of the last event the subscriber has handled. Omitted: from the start. */
  fromCheckpoint?: string;
  filter?: EventFilter;
}

/**
 * A live subscription. It is an async iterator of events in global order: it first catches up,
 * then waits for new events. Stop it with close(); the iterator then ends. The events it hands
 * out may be the very objects another subscription of the same store receives (one read of the
 * log serves them all): treat them as read-only.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
  /**
   * How far the subscription has read the log for its subscriber: the position of the last event
   * it handed out, or a later one when what it read beyond that event matched none of its filter
   * (undefined while it has handed out nothing and passed over nothing, from the start). Never
   * before an event it handed out, and no event matching its filter lies between that event and
   * this position: a subscriber that has handled every event handed out may store it as its
   * checkpoint, so that a filtered reader resumes near the end of the log and not at its last
   * (perhaps long past) event.
   */
  position(): string | undefined;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], options?: { expectedVersion?: ExpectedVersion }): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Several whole streams at once, as readStream reads each: every id given is a key of the answer,
   * its events in version order (none for a stream that does not exist). For projections that
   * derive a record's state from its whole stream: one round trip for a batch's streams.
   */
  readStreams(streamIds: string[]): Promise<Map<string, RecordedEvent[]>>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /**
   * Whether any event matching the filter has been committed after `position`, including events
   * that readAll does not hand out yet (PostgreSQL holds back those behind an older open
   * transaction). "Caught up" means false here, not merely an empty readAll.
   */
  hasEventsAfter(position: string | undefined, filter?: EventFilter): Promise<boolean>;
  /**
   * How many events matching the filter come after `position`, counting up to `max`: all of them,
   * those readAll does not hand out yet included (as hasEventsAfter). For saying how far behind a
   * read model is, never for reading.
   */
  countEventsAfter(position: string | undefined, filter: EventFilter | undefined, max: number): Promise<number>;
  /** For health checks: resolves when the store answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The Nest injection token of the configured EventStore. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export class ConcurrencyError extends Error {
  readonly code = 'concurrency_conflict';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's version when the append was refused (0 when it does not exist). */
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
    this.name = 'ConcurrencyError';
  }
}

/** An append that repeats some, but not all, of the event ids already in the stream. */
export class PartialDuplicateAppendError extends Error {
  readonly code = 'partial_duplicate_append';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId}: the append repeats some event ids already stored, but not all of them`);
    this.name = 'PartialDuplicateAppendError';
  }
}

/**
 * The store cannot be reached or cannot serve the call right now (connection refused or lost, a
 * leader election under way). Nothing was appended that the caller can rely on: retrying the same
 * append (same event ids) later is safe and answers as the first time.
 */
export class EventStoreUnavailableError extends Error {
  readonly code = 'service_unavailable';
  readonly retryable = true;
  /**
   * The message reaches clients (503 problem+json): it says what they need and nothing of the
   * cluster's inside. What the client library said, which may name a node and its address, stays
   * in `reason` and `cause` for the log.
   */
  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super('The event store is not reachable right now. Try again shortly.', options);
    this.name = 'EventStoreUnavailableError';
  }
}

/** An append larger than the store accepts in one call (KurrentDB's maximum append size). */
export class AppendTooLargeError extends Error {
  readonly code = 'append_too_large';
  constructor(readonly streamId: string, readonly maxBytes?: number) {
    super(`Stream ${streamId}: the append is larger than the event store accepts${maxBytes ? ` (${maxBytes} bytes)` : ''}`);
    this.name = 'AppendTooLargeError';
  }
}

export function matchesFilter(event: Pick<RecordedEvent, 'streamId' | 'type'>, filter?: EventFilter): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes?.length && !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) return false;
  if (filter.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  return true;
}
