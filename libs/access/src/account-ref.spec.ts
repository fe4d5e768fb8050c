import { ValidationFailedError } from '@lc/decider';
import type { AuthenticatedActor } from './actor';
import { resolveMediatorFilter } from './account-ref';

const actor = (role: AuthenticatedActor['role']): AuthenticatedActor => ({ id: `${role}-id`, username: role, role, subDistrict: null });

describe('a mediatorId filter', () => {
  it('given a mediator, when they ask for me, then it is their own id', () => {
    expect(resolveMediatorFilter('me', actor('mediator'))).toBe('mediator-id');
  });

  it('given a supervisor or an admin, when they ask for me, then it is a 400 naming mediatorId', () => {
    for (const role of ['supervisor', 'admin'] as const) {
      let thrown: unknown;
      try {
        resolveMediatorFilter('me', actor(role));
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ValidationFailedError);
      expect((thrown as ValidationFailedError).errors).toEqual([
        { field: 'mediatorId', message: `'me' is the calling mediator; as ${role === 'admin' ? 'an admin' : 'a supervisor'} name a mediator's id` },
      ]);
    }
  });

  it('given anyone, when they name an id or nothing, then it stays as it is', () => {
    expect(resolveMediatorFilter('6f1c1a52-0000-4000-8000-000000000001', actor('supervisor'))).toBe('6f1c1a52-0000-4000-8000-000000000001');
    expect(resolveMediatorFilter(undefined, actor('admin'))).toBeUndefined();
  });
});
