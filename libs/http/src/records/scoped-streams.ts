import { Actor, Clock, Decider, DomainError, DomainEvent } from '@lc/decider';
import { WriteContext, decideAndAppend, EventStore, loadState, RecordedEvent } from '@lc/event-store';
import { AuthenticatedActor, domainActor, inScope } from '@lc/access';
import { commandKey } from '../idempotency/command-key';

/** A domain command as a handler writes it: the stream class adds `now` and `actor`. */
export type WithoutContext<C> = C extends unknown ? Omit<C, 'now' | 'actor'> : never;

/** What a write request carries besides its body. */
export interface WriteRequest {
  /** If-Match. */
  expectedVersion?: number;
  /** The Idempotency-Key header as the client sent it. */
  idempotencyKey?: string;
}

/** decideAndAppend's context for a request: the actor, If-Match, and the Idempotency-Key scoped to the actor. */
export function writeContext(actor: AuthenticatedActor, request: WriteRequest): WriteContext {
  return { actor: domainActor(actor), expectedVersion: request.expectedVersion, idempotencyKey: commandKey(actor, request.idempotencyKey) };
}

/**
 * The streams of one kind of record that has a sub-district (and maybe someone assigned): load a
 * record the actor may see, or change it. A record outside the actor's scope is answered exactly
 * like one that does not exist.
 */
export class ScopedStreams<Command extends { now: Date; actor: Actor }, Event extends DomainEvent, State, Loaded extends State> {
  constructor(
    protected readonly store: EventStore,
    protected readonly clock: Clock,
    readonly decider: Decider<Command, Event, State>,
    readonly streamOf: (id: string) => string,
    /** The record, or undefined while the stream holds none. */
    private readonly recordOf: (state: State) => Loaded | undefined,
    private readonly scopeOf: (record: Loaded) => { subDistrict: string; assignedTo?: string | null },
    private readonly notFound: string,
  ) {}

  async load(id: string, actor: AuthenticatedActor): Promise<{ record: Loaded; version: number; events: RecordedEvent[] }> {
    const { state, version, events } = await loadState(this.store, this.decider, this.streamOf(id));
    return { record: this.visibleIn(state, actor), version, events };
  }

  /**
   * Decides a command on a record in the actor's scope and appends its events, reading the stream
   * once per attempt (If-Match: 412; a lost race without If-Match is decided again on the new
   * state, see decideAndAppend; a replayed Idempotency-Key appends nothing). `check` runs after
   * the scope check, on each attempt, for rules that need I/O the decider cannot do.
   */
  async change(
    id: string,
    actor: AuthenticatedActor,
    command: WithoutContext<Command>,
    request: WriteRequest,
    check?: (record: Loaded) => Promise<void>,
    /** Once the decision stands and before the append, only when there is something to append (see WriteContext.beforeAppend). */
    beforeAppend?: () => Promise<void>,
  ): Promise<{ id: string; version: number; state: State }> {
    const context = { ...writeContext(actor, request), beforeAppend };
    const result = await decideAndAppend(this.store, this.decider, this.streamOf(id), this.commandOf(command, actor), context, {
      inspect: async ({ state }) => {
        const record = this.visibleIn(state, actor);
        await check?.(record);
      },
    });
    return { id, version: result.version, state: result.state };
  }

  /** The command as the decider takes it: with the time now and the actor. */
  commandOf(command: WithoutContext<Command>, actor: AuthenticatedActor): Command {
    return { ...command, now: this.clock.now(), actor: domainActor(actor) } as unknown as Command;
  }

  /** The record in a state already loaded, when the actor may see it; not_found otherwise. */
  visibleIn(state: State, actor: AuthenticatedActor): Loaded {
    const record = this.recordOf(state);
    if (!record || !inScope(actor, this.scopeOf(record))) throw new DomainError('not_found', this.notFound);
    return record;
  }
}

/** The answer to a command on an existing record (with an ETag of the version). */
export interface Written {
  id: string;
  version: number;
}
