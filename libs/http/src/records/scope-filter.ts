import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuthenticatedActor } from '../access/access';
import { DomainError } from '@lc/decider';

/**
 * Restricts a list to the records inScope() would let the actor see: the same rule as for one
 * record, in SQL. `assignedColumn` names the column of the person a record is assigned to, if any.
 */
export function restrictToScope<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  actor: AuthenticatedActor,
  columns: { subDistrict: string; assignedTo?: string },
): SelectQueryBuilder<T> {
  switch (actor.role) {
    case 'admin':
      return query;
    case 'supervisor':
      return actor.subDistrict === null ? query : query.andWhere(`${columns.subDistrict} = :scopeSubDistrict`, { scopeSubDistrict: actor.subDistrict });
    case 'mediator':
      return columns.assignedTo
        ? query.andWhere(`(${columns.subDistrict} = :scopeSubDistrict OR ${columns.assignedTo} = :scopeActor)`, {
            scopeSubDistrict: actor.subDistrict,
            scopeActor: actor.id,
          })
        : query.andWhere(`${columns.subDistrict} = :scopeSubDistrict`, { scopeSubDistrict: actor.subDistrict });
    case 'informant':
      return query.andWhere('false');
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
