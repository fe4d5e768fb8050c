import { DomainError, fold } from '@lc/decider';
import { AccountCommand, accountDecider, AccountEvent } from './account.decider';

const now = new Date('2026-03-10T02:00:00Z');
const admin = { id: 'admin-1', role: 'admin' };
const created: AccountEvent = {
  type: 'AccountCreated',
  data: {
    accountId: 'a-1',
    username: 'li.mei',
    role: 'mediator',
    subDistrict: 'pinghu',
    displayName: '李梅',
    createdAt: '2026-03-01T00:00:00.000Z',
  },
};

type Bare<T> = T extends unknown ? Omit<T, 'now' | 'actor'> & { actor?: typeof admin } : never;

function when(given: AccountEvent[], command: Bare<AccountCommand>) {
  return accountDecider.decide({ now, actor: admin, ...command } as AccountCommand, fold(accountDecider, given));
}

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the decider to refuse');
}

describe('Account decider', () => {
  it('creates a mediator of one sub-district, username in lower case', () => {
    expect(
      when([], { type: 'CreateAccount', accountId: 'a-1', username: 'Li.Mei', role: 'mediator', subDistrict: 'pinghu', displayName: '李梅' }),
    ).toEqual([{ ...created, data: { ...created.data, createdAt: now.toISOString() } }]);
  });

  it('requires a sub-district for mediators and informants, and refuses one for admins', () => {
    for (const role of ['mediator', 'informant'] as const) {
      const error = errorOf(() => when([], { type: 'CreateAccount', accountId: 'a', username: 'x', role }));
      expect(error.code).toBe('validation_failed');
      expect(error.errors).toEqual([{ field: 'subDistrict', message: `is required for a ${role}` }]);
    }
    expect(errorOf(() => when([], { type: 'CreateAccount', accountId: 'a', username: 'x', role: 'admin', subDistrict: 'buji' })).code).toBe(
      'validation_failed',
    );
  });

  it('lets a supervisor be district-wide or scoped to a sub-district', () => {
    expect(when([], { type: 'CreateAccount', accountId: 'a', username: 's', role: 'supervisor' })[0].data).toMatchObject({ subDistrict: null });
    expect(
      when([], { type: 'CreateAccount', accountId: 'a', username: 's', role: 'supervisor', subDistrict: 'buji' })[0].data,
    ).toMatchObject({ subDistrict: 'buji' });
  });

  it('refuses to create an account twice', () => {
    expect(errorOf(() => when([created], { type: 'CreateAccount', accountId: 'a-1', username: 'x', role: 'admin' })).code).toBe('conflict');
  });

  it('changes role and scope, and records nothing when nothing changes', () => {
    expect(when([created], { type: 'ChangeRole', role: 'supervisor' })).toEqual([
      { type: 'AccountRoleChanged', data: { role: 'supervisor', subDistrict: null, changedAt: now.toISOString() } },
    ]);
    expect(when([created], { type: 'ChangeRole', role: 'mediator', subDistrict: 'pinghu' })).toEqual([]);
  });

  it('keeps an admin from locking themselves out', () => {
    const self = { id: 'a-1', role: 'admin' };
    const adminCreated: AccountEvent = { ...created, data: { ...created.data, role: 'admin', subDistrict: null } };
    expect(errorOf(() => when([adminCreated], { type: 'DeactivateAccount', actor: self })).code).toBe('unprocessable');
    expect(errorOf(() => when([adminCreated], { type: 'ChangeRole', role: 'supervisor', actor: self })).code).toBe('unprocessable');
  });

  it('deactivates once, and a deactivated account can be reactivated', () => {
    const deactivated = when([created], { type: 'DeactivateAccount' });
    expect(deactivated).toEqual([{ type: 'AccountDeactivated', data: { deactivatedAt: now.toISOString() } }]);
    const state = fold(accountDecider, [created, ...deactivated]);
    expect(state.active).toBe(false);
    expect(state.credentialsVersion).toBe(2);
    expect(when([created, ...deactivated], { type: 'DeactivateAccount' })).toEqual([]);
    expect(when([created, ...deactivated], { type: 'ReactivateAccount' })[0].type).toBe('AccountReactivated');
  });

  it('records a password change without the password or its hash', () => {
    const [event] = when([created], { type: 'ChangePassword' });
    expect(event).toEqual({ type: 'AccountPasswordChanged', data: { changedAt: now.toISOString() } });
  });

  it("gives an informant's account no display name: their name is the informant registry's, sealed and erasable", () => {
    const informant = { type: 'CreateAccount', accountId: 'i-1', username: 'Informant.Chen', role: 'informant', subDistrict: 'pinghu' } as const;
    expect(when([], informant)[0].data).toMatchObject({ username: 'informant.chen', role: 'informant', displayName: null });
    const named = errorOf(() => when([], { ...informant, displayName: '陈小红' }));
    expect(named.code).toBe('unprocessable');
    expect(named.errors?.map((e) => e.field)).toEqual(['displayName']);
    const [informantCreated] = when([], informant);
    const renamed = errorOf(() => when([informantCreated], { type: 'RenameAccount', displayName: '陈小红' }));
    expect(renamed.code).toBe('unprocessable');
    expect(renamed.errors?.map((e) => e.field)).toEqual(['displayName']);
    // Staff accounts keep theirs.
    expect(when([created], { type: 'RenameAccount', displayName: '李美' })).toEqual([
      { type: 'AccountRenamed', data: { displayName: '李美', changedAt: now.toISOString() } },
    ]);
  });

  it('answers not found for commands on an account never created', () => {
    expect(errorOf(() => when([], { type: 'ChangePassword' })).code).toBe('not_found');
    expect(errorOf(() => when([], { type: 'RenameAccount', displayName: 'x' })).code).toBe('not_found');
  });
});
