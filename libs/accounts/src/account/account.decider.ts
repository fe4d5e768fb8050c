import { CommandContext, Decider, DomainError, invalidField, unprocessable } from '@lc/decider';
import { Role, SUB_DISTRICT_RULE } from '@lc/access';
import type { CreateAccountRequest } from '../create-account/create-account.schema';

export const accountStream = (accountId: string) => `account-${accountId}`;
/** One stream per username: appending to it with no_stream is how a username is claimed, race-free. */
export const usernameStream = (username: string) => `username-${username.toLowerCase()}`;

/** The password is not in the commands: the handler keeps its hash in account_credentials. */
export type AccountCommand =
  | (CommandContext & { type: 'CreateAccount'; accountId: string } & Omit<CreateAccountRequest, 'password'>)
  | (CommandContext & { type: 'ChangeRole'; role: Role; subDistrict?: string })
  | (CommandContext & { type: 'RenameAccount'; displayName: string })
  | (CommandContext & { type: 'ChangePassword' })
  | (CommandContext & { type: 'DeactivateAccount' })
  | (CommandContext & { type: 'ReactivateAccount' });

export type AccountEvent =
  | {
      type: 'AccountCreated';
      data: { accountId: string; username: string; role: Role; subDistrict: string | null; displayName: string | null; createdAt: string };
    }
  | { type: 'AccountRoleChanged'; data: { role: Role; subDistrict: string | null; changedAt: string } }
  // null only in events rewritten by the migration that took informants' names out of their accounts.
  | { type: 'AccountRenamed'; data: { displayName: string | null; changedAt: string } }
  // The hash never enters the log: it lives in account_credentials. The event says that it changed.
  | { type: 'AccountPasswordChanged'; data: { changedAt: string } }
  | { type: 'AccountDeactivated'; data: { deactivatedAt: string } }
  | { type: 'AccountReactivated'; data: { reactivatedAt: string } };

export interface AccountState {
  exists: boolean;
  accountId?: string;
  username?: string;
  role?: Role;
  subDistrict: string | null;
  displayName: string | null;
  active: boolean;
  /** Counts password changes and deactivations: tokens issued under an older count stop working. */
  credentialsVersion: number;
}

function checkScope(role: Role, subDistrict: string | undefined): string | null {
  const rule = SUB_DISTRICT_RULE[role];
  if (rule === 'required' && !subDistrict) throw invalidField('subDistrict', `is required for a ${role}`);
  if (rule === 'forbidden' && subDistrict) throw invalidField('subDistrict', `must be omitted for an ${role}`);
  return subDistrict ?? null;
}

/*
 * An informant's account carries no display name: the informant's name is their registry entry's
 * (InformantRegistered, sealed under their person key and erased with them, docs/decisions/0012).
 * Copied into the account it would sit in clear in AccountCreated and the users table, out of the
 * erasure's reach. Everywhere an account is named, one without a display name shows its username.
 */
const INFORMANT_UNNAMED = "an informant's account has no display name: their name is kept (and erased) in the informant registry";

function refuseInformantName(role: Role | undefined, displayName: string | null | undefined): void {
  if (role === 'informant' && displayName != null) throw unprocessable(INFORMANT_UNNAMED, 'displayName');
}

function requireExisting(state: AccountState): void {
  if (!state.exists) throw new DomainError('not_found', 'No such account');
}

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: () => ({ exists: false, subDistrict: null, displayName: null, active: false, credentialsVersion: 0 }),

  decide(command, state) {
    const at = command.now.toISOString();
    switch (command.type) {
      case 'CreateAccount': {
        if (state.exists) throw new DomainError('conflict', 'The account exists already');
        const subDistrict = checkScope(command.role, command.subDistrict);
        refuseInformantName(command.role, command.displayName);
        return [
          {
            type: 'AccountCreated',
            data: {
              accountId: command.accountId,
              username: command.username.toLowerCase(),
              role: command.role,
              subDistrict,
              displayName: command.displayName ?? null,
              createdAt: at,
            },
          },
        ];
      }
      case 'ChangeRole': {
        requireExisting(state);
        const subDistrict = checkScope(command.role, command.subDistrict);
        if (command.role === state.role && subDistrict === state.subDistrict) return [];
        if (command.actor.id === state.accountId && command.role !== 'admin') {
          throw new DomainError('unprocessable', 'An admin cannot take the admin role from their own account', [
            { field: 'role', message: 'cannot demote yourself' },
          ]);
        }
        return [{ type: 'AccountRoleChanged', data: { role: command.role, subDistrict, changedAt: at } }];
      }
      case 'RenameAccount':
        requireExisting(state);
        refuseInformantName(state.role, command.displayName);
        return command.displayName === state.displayName
          ? []
          : [{ type: 'AccountRenamed', data: { displayName: command.displayName, changedAt: at } }];
      case 'ChangePassword':
        requireExisting(state);
        return [{ type: 'AccountPasswordChanged', data: { changedAt: at } }];
      case 'DeactivateAccount':
        requireExisting(state);
        if (command.actor.id === state.accountId) {
          throw new DomainError('unprocessable', 'An admin cannot deactivate their own account', [
            { field: 'active', message: 'cannot deactivate yourself' },
          ]);
        }
        return state.active ? [{ type: 'AccountDeactivated', data: { deactivatedAt: at } }] : [];
      case 'ReactivateAccount':
        requireExisting(state);
        return state.active ? [] : [{ type: 'AccountReactivated', data: { reactivatedAt: at } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AccountCreated':
        return {
          exists: true,
          accountId: event.data.accountId,
          username: event.data.username,
          role: event.data.role,
          subDistrict: event.data.subDistrict,
          displayName: event.data.displayName,
          active: true,
          credentialsVersion: 1,
        };
      case 'AccountRoleChanged':
        return { ...state, role: event.data.role, subDistrict: event.data.subDistrict };
      case 'AccountRenamed':
        return { ...state, displayName: event.data.displayName };
      case 'AccountPasswordChanged':
        return { ...state, credentialsVersion: state.credentialsVersion + 1 };
      case 'AccountDeactivated':
        return { ...state, active: false, credentialsVersion: state.credentialsVersion + 1 };
      case 'AccountReactivated':
        return { ...state, active: true };
    }
  },
};
