/**
 * Aggregates are written as deciders (after Emmett): pure functions, no I/O, no clock of their own.
 *   decide(command, state) → events    (or throws a DomainError)
 *   evolve(state, event)   → state
 * Tested as Given events / When command / Then events or error.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Who issues a command. Every event records it in its metadata. */
export interface Actor {
  id: string;
  role: string;
}

/**
 * What every context's commands carry besides their own fields, set by the handler: `now` from the
 * injected clock, `actor` from the request. (The write path's options, If-Match and Idempotency-Key,
 * are the event store's WriteContext, not this.)
 */
export interface CommandContext {
  now: Date;
  actor: Actor;
}

/**
 * A stream also carries events that other parts of the system append to it (the statutory clocks'
 * ReminderDue and DeadlineReached, for one); an evolve that does not know an event returns nothing
 * for it, and the state stays as it was.
 */
export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: Event[],
  state: State = decider.initialState(),
): State {
  return events.reduce((current, event) => decider.evolve(current, event) ?? current, state);
}
