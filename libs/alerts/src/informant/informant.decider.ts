import { CommandContext, Decider, DomainError, DomainEvent, unprocessable } from '@lc/decider';
import { definedOnly } from '@lc/reference-data';
import type { ChangeInformantEnterprisesRequest, DeactivateInformantRequest, InformantEntry } from '../register-informant/informant-entry.schema';

/*
 * The informant registry (劳资纠纷预警信息员): one stream per informant, `informant-<accountId>`,
 * beside the informant's account (role informant), which is what they log in with. It records who
 * they are, how to reach them and which enterprises they cover: the district aims at 600
 * informants covering every enterprise.
 */

export const INFORMANT_STREAM_PREFIX = 'informant-';
export const informantStreamId = (informantId: string): string => `${INFORMANT_STREAM_PREFIX}${informantId}`;

// ---- Events -------------------------------------------------------------------------------------

export interface InformantRegisteredData {
  /** The informant's account id. */
  informantId: string;
  name: string;
  phone: string;
  subDistrict: string;
  /** Credit codes of the enterprises they cover. */
  enterprises: string[];
  /** When the union registered them: an informant counts as active from then (coverage figures). */
  registeredAt: string;
}

export type InformantRegistered = DomainEvent<'InformantRegistered', InformantRegisteredData>;
export type InformantEnterprisesChanged = DomainEvent<'InformantEnterprisesChanged', { enterprises: string[] }>;
export type InformantDeactivated = DomainEvent<'InformantDeactivated', { reason?: string }>;

export type InformantEvent = InformantRegistered | InformantEnterprisesChanged | InformantDeactivated;
export const INFORMANT_EVENT_TYPES: readonly InformantEvent['type'][] = ['InformantRegistered', 'InformantEnterprisesChanged', 'InformantDeactivated'];

// ---- Commands -----------------------------------------------------------------------------------
/*
 * Each command is its request's fields (informant-entry.schema.ts) plus what the handler adds; the
 * schemas check them, decide checks only what needs the informant's state.
 */

/** The registration's registry entry; its account (username, password) is libs/accounts'. */
export type RegisterInformant = CommandContext & InformantEntry & { type: 'RegisterInformant'; informantId: string };
export type ChangeInformantEnterprises = CommandContext & ChangeInformantEnterprisesRequest & { type: 'ChangeInformantEnterprises' };
export type DeactivateInformant = CommandContext & DeactivateInformantRequest & { type: 'DeactivateInformant' };

export type InformantCommand = RegisterInformant | ChangeInformantEnterprises | DeactivateInformant;

// ---- State --------------------------------------------------------------------------------------

export interface NotRegistered {
  status: 'not_registered';
}

export interface Informant {
  status: 'active' | 'deactivated';
  informantId: string;
  name: string;
  phone: string;
  subDistrict: string;
  enterprises: string[];
  deactivationReason: string | null;
}

export type InformantState = NotRegistered | Informant;

// ---- Decider ------------------------------------------------------------------------------------

function registered(state: InformantState): Informant {
  if (state.status === 'not_registered') throw new DomainError('not_found', 'no such informant');
  return state;
}

function requireActive(informant: Informant, what: string): void {
  if (informant.status === 'deactivated') throw unprocessable(`the informant was deactivated: ${what} is no longer possible`);
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export const informant: Decider<InformantCommand, InformantEvent, InformantState> = {
  initialState: () => ({ status: 'not_registered' }),

  decide(command, state) {
    switch (command.type) {
      case 'RegisterInformant': {
        if (state.status !== 'not_registered') throw new DomainError('conflict', 'the informant is already registered');
        return [
          {
            type: 'InformantRegistered',
            data: {
              informantId: command.informantId,
              name: command.name,
              phone: command.phone,
              subDistrict: command.subDistrict,
              enterprises: [...command.enterprises],
              registeredAt: command.now.toISOString(),
            },
          },
        ];
      }
      case 'ChangeInformantEnterprises': {
        const current = registered(state);
        requireActive(current, 'changing their enterprises');
        // The same list again (a retry, a form saved twice) changes nothing.
        if (sameSet(command.enterprises, current.enterprises)) return [];
        return [{ type: 'InformantEnterprisesChanged', data: { enterprises: [...command.enterprises] } }];
      }
      case 'DeactivateInformant': {
        const current = registered(state);
        if (current.status === 'deactivated') throw unprocessable('the informant is already deactivated');
        return [{ type: 'InformantDeactivated', data: definedOnly({ reason: command.reason }) }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'InformantRegistered':
        return {
          status: 'active',
          informantId: event.data.informantId,
          name: event.data.name,
          phone: event.data.phone,
          subDistrict: event.data.subDistrict,
          enterprises: event.data.enterprises,
          deactivationReason: null,
        };
      case 'InformantEnterprisesChanged':
        return state.status === 'not_registered' ? state : { ...state, enterprises: event.data.enterprises };
      case 'InformantDeactivated':
        return state.status === 'not_registered' ? state : { ...state, status: 'deactivated', deactivationReason: event.data.reason ?? null };
      default:
        return state;
    }
  },
};
