import { DomainError } from '@lc/decider';
import { AuthenticatedActor, requireSubDistrictInScope } from '@lc/access';

/**
 * The sub-district whose figures an actor gets: null for the whole district. Admins and district
 * supervisors see any sub-district or all of them. A supervisor of one sub-district gets theirs
 * without asking, and asking for another is refused (403), by the same rule as the lists
 * (requireSubDistrictInScope): a chart labelled 布吉 showing 平湖's numbers would mislead.
 */
export function reportScope(actor: AuthenticatedActor, requested: string | undefined): string | null {
  switch (actor.role) {
    case 'admin':
      return requested ?? null;
    case 'supervisor':
      requireSubDistrictInScope(actor, requested);
      return actor.subDistrict ?? requested ?? null;
    default:
      throw new DomainError('forbidden', 'statistics are for supervisors and administrators');
  }
}
