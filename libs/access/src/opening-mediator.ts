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

/**
 * Who may name whom in an assignment: a mediator takes work for themselves only; handing work to
 * someone else, or taking it from a colleague, is a supervisor's decision. Judged first, whatever
 * the record's state: a mediator naming a colleague is a 403 even when the record is that
 * colleague's already (not a quiet no-op). `record` names it in the message ("a case").
 */
export function refuseAssigningOthers(actor: { id: string; role: string }, mediatorId: string, record: string): void {
  if (actor.role === 'mediator' && mediatorId !== actor.id) {
    throw new DomainError('forbidden', `A mediator may take ${record} for themselves only; a supervisor assigns it to others`, [
      { field: 'mediatorId', message: 'must be your own id (or me)' },
    ]);
  }
}
