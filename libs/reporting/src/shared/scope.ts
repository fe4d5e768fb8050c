import { DomainError } from '@lc/decider';
import { AuthenticatedActor } from '@lc/http';

/**
 * The sub-district whose figures an actor gets: null for the whole district. Admins and district
 * supervisors see any sub-district or all of them. A supervisor of one sub-district gets theirs
 * without asking, and asking for another is refused (403) rather than quietly answered with their
 * own: a chart labelled 布吉 showing 平湖's numbers would mislead.
 */
export function reportScope(actor: AuthenticatedActor, requested: string | undefined): string | null {
  switch (actor.role) {
    case 'admin':
      return requested ?? null;
    case 'supervisor':
      if (actor.subDistrict === null) return requested ?? null;
      if (requested !== undefined && requested !== actor.subDistrict) {
        throw new DomainError('forbidden', `your figures are those of ${actor.subDistrict}, not ${requested}`, [
          { field: 'subDistrict', message: `must be ${actor.subDistrict} (your sub-district) or left out` },
        ]);
      }
      return actor.subDistrict;
    default:
      throw new DomainError('forbidden', 'statistics are for supervisors and administrators');
  }
}
