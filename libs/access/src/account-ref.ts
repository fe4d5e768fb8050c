import { z } from 'zod';
import type { AuthenticatedActor } from './actor';

/**
 * An account named in a request: its id, or `me` for the caller. Mediators' home screens ask for
 * "my" cases (`?mediatorId=me`) without first looking up their own id.
 */
export const accountRef = (message = 'must be the id (uuid) of an account, or me') =>
  z.union([z.literal('me'), z.uuid(message)], { error: message });

/** `me` → the caller's id; an id stays as it is. */
export function resolveAccountRef<T extends string | undefined>(ref: T, actor: AuthenticatedActor): T {
  return (ref === 'me' ? actor.id : ref) as T;
}
