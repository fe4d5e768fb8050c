import { createHash, randomUUID } from 'node:crypto';
import { Actor, Decider, DomainError, DomainEvent, fold } from '@lc/decider';
import { ConcurrencyError, EventMetadata, EventStore, NewEvent, RecordedEvent } from './event-store.port';

export interface CommandContext {
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
}

export interface DecisionResult<Event, State> {
  events: Event[];
  state: State;
  /** The stream's version after the append (unchanged when the decider produced nothing). */
  version: number;
}

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
): Promise<{ state: State; version: number; events: RecordedEvent[] }> {
  const events = await store.readStream(streamId);
  const state = fold(decider, events.map((e) => ({ type: e.type, data: e.data }) as unknown as Event));
  return { state, version: events.length ? events[events.length - 1].streamVersion : 0, events };
}

/**
 * The one way a command becomes events: read the stream, fold it, decide, append at the version
 * read. A write that lost a race raises ConcurrencyError (409); a stale If-Match raises 412.
 */
export async function decideAndAppend<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  /** Several commands are decided in turn, each on the state the previous ones left, and appended together. */
  command: Command | Command[],
  context: CommandContext,
): Promise<DecisionResult<Event, State>> {
  const { state, version, events: recorded } = await loadState(store, decider, streamId);
  const eventId = (index: number) =>
    context.idempotencyKey ? deterministicUuid(context.idempotencyKey, streamId, String(index)) : randomUUID();
  // Applied already by an earlier try whose answer got lost: deciding again could refuse it.
  if (context.idempotencyKey && recorded.some((e) => e.eventId === eventId(0))) return { events: [], state, version };
  if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
    throw new DomainError(
      'precondition_failed',
      `${streamId} is at version ${version}, not ${context.expectedVersion} as If-Match says`,
    );
  }
  const events: Event[] = [];
  let decided = state;
  for (const each of Array.isArray(command) ? command : [command]) {
    const produced = decider.decide(each, decided);
    events.push(...produced);
    decided = fold(decider, produced, decided);
  }
  if (events.length === 0) return { events, state, version };

  const metadata: EventMetadata = {
    ...context.metadata,
    actorId: context.actor.id,
    actorRole: context.actor.role,
    correlationId: context.correlationId,
    schemaVersion: 1,
  };
  const newEvents: NewEvent[] = events.map((event, index) => ({
    eventId: eventId(index),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata,
  }));
  try {
    const result = await store.append(streamId, newEvents, { expectedVersion: version });
    return { events, state: decided, version: result.nextVersion };
  } catch (error) {
    if (error instanceof ConcurrencyError && context.expectedVersion !== undefined) {
      throw new DomainError('precondition_failed', `${streamId} changed while the request was handled`);
    }
    throw error;
  }
}
