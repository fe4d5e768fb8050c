import { DomainError } from '@lc/decider';
import type { AuthenticatedActor } from './actor';

/**
 * Whether a record of a sub-district (and possibly assigned to someone) is within the actor's
 * scope. Handlers answer a record outside it with 404, as if it did not exist, so that ids cannot
 * be probed.
 */
export function inScope(actor: AuthenticatedActor, record: { subDistrict: string; assignedTo?: string | null }): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'supervisor':
      return actor.subDistrict === null || actor.subDistrict === record.subDistrict;
    case 'mediator':
      return actor.subDistrict === record.subDistrict || (record.assignedTo != null && record.assignedTo === actor.id);
    case 'informant':
      return false;
  }
}

/**
 * The one rule for a sub-district filter outside the caller's scope, on lists and statistics
 * alike: 403 naming `subDistrict`, never an empty list or another sub-district's figures in its
 * place (a page titled 布吉 showing nothing, or 平湖's numbers, would mislead). Admins and district
 * supervisors may name any sub-district; supervisors and mediators of one, only their own
 * (a mediator's cases assigned elsewhere are found with `mediatorId`, not `subDistrict`).
 */
export function requireSubDistrictInScope(actor: AuthenticatedActor, requested: string | undefined): void {
  if (requested === undefined || actor.role === 'admin' || actor.subDistrict === null || actor.subDistrict === requested) return;
  throw new DomainError('forbidden', `your scope is ${actor.subDistrict}, not ${requested}`, [
    { field: 'subDistrict', message: `must be ${actor.subDistrict} (your sub-district) or left out` },
  ]);
}

/** Those who work cases (admins, mediators in scope) see claimants' ID numbers and phones; supervisors see them masked. */
export function seesPersonalData(actor: AuthenticatedActor): boolean {
  return actor.role === 'admin' || actor.role === 'mediator';
}
