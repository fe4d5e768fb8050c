import { Actor, Decider } from '@lc/decider';

/**
 * What the login limits did to an account, as facts for its owner, the administrators and the
 * audit trail. The counting itself lives in Redis (LoginThrottle); these events record when it
 * bit, and when an administrator released it. A stream of its own, so that failed logins never
 * move the account's version (its ETag) under an administrator's feet.
 */
export const loginGuardStream = (accountId: string) => `login-guard-${accountId}`;

interface Base {
  now: Date;
  actor: Actor;
}

/** The account as it was when the limit bit: its owner is told as the role they held then. */
interface Owner {
  accountId: string;
  username: string;
  role: string;
  subDistrict: string | null;
}

export type LoginGuardCommand =
  | (Base & Owner & { type: 'RecordLockout'; address: string; failures: number; lockedUntil: Date })
  | (Base & Owner & { type: 'RecordSlowdown'; failures: number })
  | (Base & { type: 'ReleaseLocks'; accountId: string; username: string });

export type LoginGuardEvent =
  | {
      type: 'LoginLockedOut';
      data: Owner & { address: string; failures: number; lockedAt: string; lockedUntil: string };
    }
  | { type: 'LoginSlowedDown'; data: Owner & { failures: number; slowedAt: string } }
  | { type: 'LoginLocksReleased'; data: { accountId: string; username: string; releasedAt: string } };

export interface LoginGuardState {
  /** Lockouts and slowdowns recorded since the last release. */
  limitedSinceRelease: number;
  lastReleasedAt: string | null;
}

export const loginGuardDecider: Decider<LoginGuardCommand, LoginGuardEvent, LoginGuardState> = {
  initialState: () => ({ limitedSinceRelease: 0, lastReleasedAt: null }),

  decide(command) {
    const at = command.now.toISOString();
    switch (command.type) {
      case 'RecordLockout':
        return [
          {
            type: 'LoginLockedOut',
            data: {
              accountId: command.accountId,
              username: command.username,
              role: command.role,
              subDistrict: command.subDistrict,
              address: command.address,
              failures: command.failures,
              lockedAt: at,
              lockedUntil: command.lockedUntil.toISOString(),
            },
          },
        ];
      case 'RecordSlowdown':
        return [
          {
            type: 'LoginSlowedDown',
            data: {
              accountId: command.accountId,
              username: command.username,
              role: command.role,
              subDistrict: command.subDistrict,
              failures: command.failures,
              slowedAt: at,
            },
          },
        ];
      case 'ReleaseLocks':
        // Always recorded, even with nothing locked: the audit trail shows who released what and when.
        return [{ type: 'LoginLocksReleased', data: { accountId: command.accountId, username: command.username, releasedAt: at } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'LoginLockedOut':
      case 'LoginSlowedDown':
        return { ...state, limitedSinceRelease: state.limitedSinceRelease + 1 };
      case 'LoginLocksReleased':
        return { limitedSinceRelease: 0, lastReleasedAt: event.data.releasedAt };
    }
  },
};
