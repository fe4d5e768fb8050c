import { DomainError } from '@lc/decider';
import type { AuthenticatedActor } from './actor';

/**
 * Who a new record (a dispute case, a referred mediation) is assigned to as it is opened: the
 * mediator who opens it, unless they say otherwise (`assignToMe: false`); nobody when a supervisor
 * or an admin opens it: they assign a mediator with POST .../assignments.
 */
export function openingMediator(actor: AuthenticatedActor, assignToMe: boolean | undefined): string | undefined {
  if (actor.role !== 'mediator') {
    if (assignToMe === true) {
      throw new DomainError('unprocessable', `A ${actor.role} cannot be assigned work: assign a mediator with POST .../assignments`, [
        { field: 'assignToMe', message: 'only a mediator can be assigned' },
      ]);
    }
    return undefined;
  }
  return assignToMe === false ? undefined : actor.id;
}
