import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuthenticatedActor } from '@lc/access';

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
