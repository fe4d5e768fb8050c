import { unprocessable } from '@lc/decider';
import { EventStore, loadState } from '@lc/event-store';
import { accountDecider, accountStream } from './account.decider';
import { Role } from './roles';

/**
 * Refuses (422, naming `field`) an id that is not an active account of the role. Read from the
 * account's stream, not the accounts list: an account created a moment ago counts.
 */
export async function requireActiveAccount(store: EventStore, accountId: string, role: Role, field: string): Promise<void> {
  const { state } = await loadState(store, accountDecider, accountStream(accountId));
  if (!state.exists || state.role !== role || !state.active) {
    throw unprocessable(`${accountId} is not the id of an active ${role} account`, field);
  }
}
