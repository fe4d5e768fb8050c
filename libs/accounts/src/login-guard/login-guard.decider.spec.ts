import { given } from '@lc/decider';
import { loginGuardDecider } from './login-guard.decider';

const now = new Date('2026-12-01T08:00:00Z');
const system = { id: 'system', role: 'system' };
const admin = { id: 'a0000000-0000-4000-8000-000000000001', role: 'admin' };
const accountId = 'b0000000-0000-4000-8000-000000000002';

describe('login guard', () => {
  it('records a lockout with the address, the count and its end', () => {
    const state = given(loginGuardDecider)
      .when({
        type: 'RecordLockout',
        now,
        actor: system,
        accountId,
        username: 'li.mei',
        role: 'mediator',
        subDistrict: 'pinghu',
        address: '203.0.113.9',
        failures: 5,
        lockedUntil: new Date('2026-12-01T08:15:00Z'),
      })
      .then([
        {
          type: 'LoginLockedOut',
          data: {
            accountId,
            username: 'li.mei',
            role: 'mediator',
            subDistrict: 'pinghu',
            address: '203.0.113.9',
            failures: 5,
            lockedAt: '2026-12-01T08:00:00.000Z',
            lockedUntil: '2026-12-01T08:15:00.000Z',
          },
        },
      ]);
    expect(state.limitedSinceRelease).toBe(1);
  });

  it('records a slowdown', () => {
    given(loginGuardDecider)
      .when({ type: 'RecordSlowdown', now, actor: system, accountId, username: 'li.mei', role: 'informant', subDistrict: 'buji', failures: 10 })
      .then([
        {
          type: 'LoginSlowedDown',
          data: { accountId, username: 'li.mei', role: 'informant', subDistrict: 'buji', failures: 10, slowedAt: '2026-12-01T08:00:00.000Z' },
        },
      ]);
  });

  it('records every release by an administrator, and starts counting again', () => {
    const locked = {
      type: 'LoginLockedOut' as const,
      data: { accountId, username: 'li.mei', role: 'mediator', subDistrict: 'pinghu', address: '203.0.113.9', failures: 5, lockedAt: 'x', lockedUntil: 'y' },
    };
    const state = given(loginGuardDecider, [locked, locked])
      .when({ type: 'ReleaseLocks', now, actor: admin, accountId, username: 'li.mei' })
      .then([{ type: 'LoginLocksReleased', data: { accountId, username: 'li.mei', releasedAt: '2026-12-01T08:00:00.000Z' } }]);
    expect(state).toEqual({ limitedSinceRelease: 0, lastReleasedAt: '2026-12-01T08:00:00.000Z' });
  });
});
