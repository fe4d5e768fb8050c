import { unprocessable } from '@lc/decider';
import { EventStore, loadState } from '@lc/event-store';
import { AccountState, accountDecider, accountStream } from './account.decider';
import { Role } from '@lc/access';

/**
 * Refuses (422, naming `field`) an id that is not an active account of the role. Read from the
 * account's stream, not the accounts list: an account created a moment ago counts.
 */
export async function requireActiveAccount(store: EventStore, accountId: string, role: Role, field: string): Promise<AccountState> {
  const { state } = await loadState(store, accountDecider, accountStream(accountId));
  if (!state.exists || state.role !== role || !state.active) {
    throw unprocessable(`${accountId} is not the id of an active ${role} account`, field);
  }
  return state;
}

/**
 * Refuses (422 on mediatorId) a mediator the actor may not hand work to: an active mediator
 * account, and for a supervisor of one sub-district a mediator of that sub-district (a district
 * supervisor or an admin may lend a mediator to another sub-district). Whether a mediator may
 * take the record for themselves is the record's decider's rule.
 */
export async function requireAssignableMediator(
  store: EventStore,
  mediatorId: string,
  actor: { role: Role; subDistrict: string | null },
): Promise<AccountState> {
  const mediator = await requireActiveAccount(store, mediatorId, 'mediator', 'mediatorId');
  if (actor.role === 'supervisor' && actor.subDistrict !== null && mediator.subDistrict !== actor.subDistrict) {
    throw unprocessable(
      `${mediatorId} is a mediator of ${mediator.subDistrict}: a supervisor of ${actor.subDistrict} assigns mediators of ${actor.subDistrict} (a district supervisor may lend one)`,
      'mediatorId',
    );
  }
  return mediator;
}
