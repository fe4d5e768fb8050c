import { AuthenticatedActor } from '@lc/access';

/**
 * The Idempotency-Key as commands use it (event ids, new aggregate ids). Keys are chosen by
 * clients and only unique per user, as the interceptor keeps them: two users sending "1" must not
 * make one's step a replay of the other's.
 */
export function commandKey(actor: Pick<AuthenticatedActor, 'id'>, idempotencyKey: string | undefined): string | undefined {
  return idempotencyKey === undefined ? undefined : `${actor.id}:${idempotencyKey}`;
}
