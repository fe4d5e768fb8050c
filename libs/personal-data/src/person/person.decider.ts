import { CommandContext, Decider, DomainError, DomainEvent } from '@lc/decider';
import type { ErasePersonRequest } from '../erase-person/erase-person.schema';
import { PERSON_ERASED } from '../personal-fields';

/*
 * A person whose personal data the system holds (a claimant, a mediation's worker, an informant),
 * one stream per person: `person-<personId>`. The only thing that happens to a person as such is
 * their erasure on request (PIPL art. 47): the stream is its audit record. Their data itself
 * lives sealed inside the records' events (libs/personal-data/src/personal-data-protection.ts).
 */

export interface PersonErasedData {
  personId: string;
  /** Why: the data subject's request, its date and reference. */
  reason: string;
  erasedAt: string;
}

export type PersonErased = DomainEvent<typeof PERSON_ERASED, PersonErasedData>;
export type PersonEvent = PersonErased;

/** The request's reason (erase-person.schema.ts checks it), and what the handler adds. */
export type ErasePerson = CommandContext &
  ErasePersonRequest & {
    type: 'ErasePerson';
    personId: string;
    /** Whether the key store knows the person (the handler looks): an unknown id is 404, not an erasure. */
    known: boolean;
  };

export type PersonCommand = ErasePerson;

export type PersonState = { status: 'on_record' } | { status: 'erased'; erasedAt: string; reason: string };

export const person: Decider<PersonCommand, PersonEvent, PersonState> = {
  initialState: () => ({ status: 'on_record' }),

  decide(command, state) {
    // Erased already: the same request again changes nothing (and its answer stays the first one's).
    if (state.status === 'erased') return [];
    if (!command.known) throw new DomainError('not_found', 'no such person');
    return [
      {
        type: PERSON_ERASED,
        data: { personId: command.personId, reason: command.reason.trim(), erasedAt: command.now.toISOString() },
      },
    ];
  },

  evolve(state, event) {
    switch (event.type) {
      case PERSON_ERASED:
        return { status: 'erased', erasedAt: event.data.erasedAt, reason: event.data.reason };
      default:
        return state;
    }
  },
};
