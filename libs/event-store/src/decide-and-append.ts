import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Actor, Decider, DomainError, DomainEvent, fold } from '@lc/decider';
import { ConcurrencyError, EventMetadata, EventStore, NewEvent, RecordedEvent } from './event-store.port';
import { inTurn } from './stream-turns';

export interface WriteContext {
  actor: Actor;
  /** The version the client last saw (If-Match). A different current version answers 412. */
  expectedVersion?: number;
  /**
   * The request's Idempotency-Key (scoped by the caller). Event ids are derived from it, so a
   * retry that gets as far as the store appends nothing the second time.
   */
  idempotencyKey?: string;
  correlationId?: string;
  /** Extra metadata to keep with the events (an import's file hash and row...). */
  metadata?: EventMetadata;
  /**
   * Runs once the decision is made and before the append, only when there is something to append:
   * where a command claims a unique key (a work-order number) in a stream of its own, so that input
   * the decider refuses never holds a key, and a refused claim appends nothing here. It may return
   * the events completed with what it allocated (a case number), the same events otherwise.
   */
  beforeAppend?: (events: DomainEvent[]) => Promise<void | DomainEvent[]>;
}

export interface DecisionResult<Event, State> {
  events: Event[];
  state: State;
  /** The stream's version after the append (unchanged when the decider produced nothing). */
  version: number;
}

/** The stream as one attempt read it. */
export interface LoadedStream<State> {
  state: State;
  version: number;
  events: RecordedEvent[];
}

export interface DecideOptions<State> {
  /**
   * Runs on the state each attempt read, before the decider: checks the decider cannot make
   * (scope, I/O on other records). It may throw to refuse the command. Re-run on every retry, as
   * the state it saw may have changed.
   */
  inspect?: (loaded: LoadedStream<State>) => void | Promise<void>;
}

/**
 * How often a command without If-Match is decided again after losing a race. Within one process
 * writers of a stream take turns (streamTurns), so races only come from other processes (API
 * replicas, the worker); a handful of tries with growing, jittered pauses outlasts those.
 */
export const CONFLICT_RETRIES = 8;
const RETRY_PAUSE_MS = { first: 5, max: 200 };

/** A uuid (v8 layout) derived from its parts: the same parts always give the same id. */
export function deterministicUuid(...parts: string[]): string {
  const hash = createHash('sha256').update(parts.join('\u0000')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x80;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function loadState<Event extends DomainEvent, State>(
  store: EventStore,
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  streamId: string,
): Promise<LoadedStream<State>> {
  const events = await store.readStream(streamId);
  const state = fold(decider, events.map((e) => ({ type: e.type, data: e.data }) as unknown as Event));
  return { state, version: events.length ? events[events.length - 1].streamVersion : 0, events };
}

/**
 * What the path decides: a command, or several decided in turn (each on the state the previous
 * ones left, their events appended together), or a function that makes them from the state read
 * (a change whose commands depend on the record, as an account's PATCH), called on each attempt.
 */
export type CommandInput<Command, State> = Command | Command[] | ((state: State) => Command | Command[]);

/** A decision on a stream as one attempt read it, not yet appended. */
export interface Decision<Event, State> {
  streamId: string;
  /** The stream as read: its version is the one the append expects. */
  loaded: LoadedStream<State>;
  events: Event[];
  /** The state after the events. */
  state: State;
  /** Applied already by an earlier try with the same Idempotency-Key: nothing to append. */
  replayed: boolean;
}

/**
 * Step 3 of the command path, pure: on the stream as read, tell a replay (Idempotency-Key) from a
 * new command, check If-Match, and decide, once.
 */
export function decideOn<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  streamId: string,
  loaded: LoadedStream<State>,
  command: CommandInput<Command, State>,
  context: Pick<WriteContext, 'expectedVersion' | 'idempotencyKey'>,
): Decision<Event, State> {
  const { state, version } = loaded;
  // Applied already by an earlier try whose answer got lost: deciding again could refuse it.
  if (isReplay(context, streamId, loaded)) {
    return { streamId, loaded, events: [], state, replayed: true };
  }
  // Made from the state before If-Match is checked, as inspect's checks are: a record that is not there is 404, not 412.
  const commands = typeof command === 'function' ? (command as (state: State) => Command | Command[])(state) : command;
  if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
    // No stream name in the answer: it is an internal name, and the client knows which record it sent.
    throw new DomainError('precondition_failed', `The record is at version ${version}, not ${context.expectedVersion} as If-Match says`);
  }
  const events: Event[] = [];
  let decided = state;
  for (const each of Array.isArray(commands) ? commands : [commands]) {
    const produced = decider.decide(each, decided);
    events.push(...produced);
    decided = fold(decider, produced, decided);
  }
  return { streamId, loaded, events, state: decided, replayed: false };
}

/** Whether the stream as read holds the first event of this command already (same Idempotency-Key). */
export function isReplay(context: Pick<WriteContext, 'idempotencyKey'>, streamId: string, loaded: Pick<LoadedStream<unknown>, 'events'>): boolean {
  return !!context.idempotencyKey && loaded.events.some((e) => e.eventId === eventIdFor(context, streamId, 0));
}

function eventIdFor(context: Pick<WriteContext, 'idempotencyKey'>, streamId: string, index: number): string {
  return context.idempotencyKey ? deterministicUuid(context.idempotencyKey, streamId, String(index)) : randomUUID();
}

/**
 * Step 4 of the command path: run beforeAppend (which may complete the events, e.g. with a case
 * number allocated now that the decision stands) and append at the version read.
 */
export async function appendDecision<Event extends DomainEvent, State>(
  store: EventStore,
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  decision: Decision<Event, State>,
  context: WriteContext,
): Promise<DecisionResult<Event, State>> {
  const { streamId, loaded } = decision;
  if (decision.events.length === 0) return { events: [], state: decision.state, version: loaded.version };
  const completed = ((await context.beforeAppend?.(decision.events)) ?? decision.events) as Event[];
  const state = completed === decision.events ? decision.state : fold(decider, completed, loaded.state);
  const metadata: EventMetadata = {
    ...context.metadata,
    actorId: context.actor.id,
    actorRole: context.actor.role,
    correlationId: context.correlationId,
    schemaVersion: 1,
  };
  const newEvents: NewEvent[] = completed.map((event, index) => ({
    eventId: eventIdFor(context, streamId, index),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata,
  }));
  const result = await store.append(streamId, newEvents, { expectedVersion: loaded.version });
  return { events: completed, state, version: result.nextVersion };
}

/**
 * The retry rule of the command path, for one stream or several: without If-Match a lost race
 * (ConcurrencyError) runs the whole attempt again, reading again, up to CONFLICT_RETRIES times;
 * with If-Match it is 412 at once.
 */
export async function retryingConflicts<T>(context: Pick<WriteContext, 'expectedVersion'>, attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (context.expectedVersion !== undefined) {
        throw new DomainError('precondition_failed', 'The record changed while the request was handled (If-Match); read it again');
      }
      if (tries > CONFLICT_RETRIES) throw error;
      const ceiling = Math.min(RETRY_PAUSE_MS.max, RETRY_PAUSE_MS.first * 2 ** tries);
      await sleep(Math.floor(Math.random() * ceiling));
    }
  }
}

/**
 * The one command path (in the manner of Emmett's handleCommandWithDecider): read the stream once,
 * check (scope, I/O on other records) on the state it loaded, decide once, append at the version
 * read; each attempt reads once.
 *
 * - With If-Match (`expectedVersion`), the client decided on that version: another version is 412,
 *   before or during the append, and is never retried.
 * - Without it, the command means "apply to the current state": losing a race to another writer
 *   reads the stream again and decides again, up to CONFLICT_RETRIES times, and only then raises
 *   the ConcurrencyError (409).
 * - With an Idempotency-Key, event ids derive from it: a command whose first event is in the
 *   stream already was applied by an earlier try whose answer got lost, and appends nothing.
 */
export async function decideAndAppend<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: CommandInput<Command, State>,
  context: WriteContext,
  options: DecideOptions<State> = {},
): Promise<DecisionResult<Event, State>> {
  return retryingConflicts(context, () =>
    inTurn(streamId, async () => {
      const loaded = await loadState(store, decider, streamId);
      await options.inspect?.(loaded);
      return appendDecision(store, decider, decideOn(decider, streamId, loaded, command, context), context);
    }),
  );
}
