import { z } from 'zod';
import { ValidationFailedError } from '@lc/decider';
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

/**
 * A list's `mediatorId` filter: `me` → the caller's id when the caller is a mediator. From anyone
 * else `me` names no mediator, so it is a 400 naming the field rather than an empty list, on every
 * list that takes `mediatorId`.
 */
export function resolveMediatorFilter(ref: string | undefined, actor: AuthenticatedActor): string | undefined {
  if (ref === 'me' && actor.role !== 'mediator') {
    const as = actor.role === 'admin' || actor.role === 'informant' ? `an ${actor.role}` : `a ${actor.role}`;
    throw new ValidationFailedError([{ field: 'mediatorId', message: `'me' is the calling mediator; as ${as} name a mediator's id` }]);
  }
  return resolveAccountRef(ref, actor);
}
