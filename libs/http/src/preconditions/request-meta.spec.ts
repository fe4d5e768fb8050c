import type { AuthenticatedActor } from '@lc/access';
import { DomainError } from '@lc/decider';
import { commandMetaOf } from './request-meta';

const actor: AuthenticatedActor = { id: 'a1', username: 'mediator', role: 'mediator', subDistrict: 'xinhua' };
const request = (headers: Record<string, string>) => ({ headers, actor });

describe('commandMetaOf', () => {
  it('gives the actor, If-Match as a version and the Idempotency-Key', () => {
    expect(commandMetaOf(request({ 'if-match': 'W/"7"', 'idempotency-key': 'k-1' }), 'change')).toEqual({
      actor,
      expectedVersion: 7,
      idempotencyKey: 'k-1',
    });
  });

  it('leaves out what the request does not send', () => {
    expect(commandMetaOf(request({}), 'change')).toEqual({ actor, expectedVersion: undefined, idempotencyKey: undefined });
  });

  it('refuses a malformed If-Match as the 400 naming If-Match', () => {
    const error = (() => {
      try {
        commandMetaOf(request({ 'if-match': 'seven' }), 'change');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
  });

  it('reads no If-Match for a creation: there is no version to match yet', () => {
    expect(commandMetaOf(request({ 'if-match': 'seven', 'idempotency-key': 'k-2' }), 'create')).toEqual({
      actor,
      expectedVersion: undefined,
      idempotencyKey: 'k-2',
    });
  });

  it('needs an authenticated actor', () => {
    expect(() => commandMetaOf({ headers: {} }, 'change')).toThrow(/without authentication/);
  });
});
