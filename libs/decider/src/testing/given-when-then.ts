import { deepStrictEqual, fail, strictEqual } from 'node:assert';
import { Decider, DomainEvent, fold } from '../decider';
import { DomainError, DomainErrorCode } from '../domain-error';

/**
 * Given events / When command / Then events (or an error), for deciders' specs:
 *
 *   given(disputeCase, [opened]).when(resolve).then([resolved]);
 *   given(disputeCase, [opened, resolved]).when(resolve).thenThrows('unprocessable', 'resolvedOn');
 *
 * Uses node:assert rather than jest's expect so it has no test-runner dependency. `then` also
 * checks that the events survive a JSON round trip unchanged, because that is how they are stored:
 * a Date or an undefined property in event data would otherwise only show up in the database.
 * Because `when(...)` has a `then` method it is a thenable: never return or await it unfinished.
 */
export function given<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>, events: Event[] = []) {
  const state = fold(decider, events);
  return {
    /** The state the given events fold to. */
    state,
    when(command: Command) {
      const decide = () => decider.decide(command, state);
      return {
        /** Asserts the exact events; returns the state after them, for further checks. */
        then(expected: Event[]): State {
          const actual = decide();
          deepStrictEqual(actual, expected);
          deepStrictEqual(JSON.parse(JSON.stringify(actual)), actual, 'event data must be JSON as it is (no Date, no undefined)');
          return fold(decider, actual, state);
        },
        /** Asserts a DomainError with this code and, when given, one naming this field. */
        thenThrows(code: DomainErrorCode, field?: string): DomainError {
          let events: Event[];
          try {
            events = decide();
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            strictEqual(error.code, code, `expected a ${code} error, got ${error.code}: ${error.message}`);
            if (field !== undefined) {
              const fields = (error.errors ?? []).map((e) => e.field);
              if (!fields.includes(field)) fail(`expected the error to name ${field}, it names [${fields.join(', ')}]: ${error.message}`);
            }
            return error;
          }
          return fail(`expected a ${code} error, got events ${JSON.stringify(events)}`);
        },
      };
    },
  };
}
