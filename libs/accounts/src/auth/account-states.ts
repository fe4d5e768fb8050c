import { Inject, Injectable } from '@nestjs/common';
import { fold } from '@lc/decider';
import { EVENT_STORE, EventStore, RecordedEvent } from '@lc/event-store';
import { AccountEvent, AccountState, accountDecider, accountStream } from '../account/account.decider';

interface Known {
  /** The stream's version and last event when `state` was folded: both must still match. */
  version: number;
  lastEventId: string;
  state: AccountState;
}

/** Enough for every account of a district federation many times over; beyond it the oldest entries go. */
const MAX_ACCOUNTS = 10_000;

const asDomain = (events: RecordedEvent[]) => events.map((e) => ({ type: e.type, data: e.data }) as unknown as AccountEvent);

/**
 * Accounts' current state for the access guard, folded once and kept in this process until the
 * account's stream moves on (ADR 0015). Every call still asks the store for the stream's last
 * event (one indexed row, no fold): a deactivation, role change or password reset committed by any
 * API replica is seen by the very next request here, with no message to wait for. Only when the
 * last event differs from the one remembered is the stream read and folded again.
 */
@Injectable()
export class AccountStates {
  private readonly known = new Map<string, Known>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async current(accountId: string): Promise<AccountState> {
    const stream = accountStream(accountId);
    const [last] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    if (!last) {
      this.known.delete(accountId);
      return accountDecider.initialState();
    }
    const hit = this.known.get(accountId);
    // The event id as well as the version: a stream recreated from nothing (a test database reset
    // under a running app) may reach the same version with other events.
    if (hit && hit.version === last.streamVersion && hit.lastEventId === last.eventId) return hit.state;

    // Read after the check, so this state is at least as new as the version just seen.
    const events = await this.store.readStream(stream);
    const state = fold(accountDecider, asDomain(events));
    const newest = events[events.length - 1];
    if (newest) this.remember(accountId, { version: newest.streamVersion, lastEventId: newest.eventId, state });
    return state;
  }

  private remember(accountId: string, known: Known): void {
    const held = this.known.get(accountId);
    // Two requests folding at once: keep the newer fold, whichever finishes last.
    if (held && held.version > known.version) return;
    this.known.delete(accountId);
    if (this.known.size >= MAX_ACCOUNTS) this.known.delete(this.known.keys().next().value!);
    this.known.set(accountId, known);
  }
}
