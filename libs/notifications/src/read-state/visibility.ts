import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuthenticatedActor } from '@lc/access';

/**
 * The notifications a person sees (alias n): those addressed to them by name, and those addressed
 * to their role in their scope (a sub-district's people also see the district-wide ones).
 * Admins see every notification addressed to a role, and their own.
 */
export function restrictToAudience<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, actor: AuthenticatedActor): SelectQueryBuilder<T> {
  if (actor.role === 'admin') return query.andWhere('(n.recipient_id IS NULL OR n.recipient_id = :me)', { me: actor.id });
  const scope = actor.subDistrict === null ? '' : ' AND (n.sub_district = :audienceSubDistrict OR n.sub_district IS NULL)';
  return query.andWhere(`(n.recipient_id = :me OR (n.recipient_id IS NULL AND n.audience_role = :audienceRole${scope}))`, {
    me: actor.id,
    audienceRole: actor.role,
    audienceSubDistrict: actor.subDistrict,
  });
}

/** Only those the person has not read (alias n; the reads of the person as alias r must not be joined). */
export function unreadOnly<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, actor: AuthenticatedActor): SelectQueryBuilder<T> {
  return query.andWhere('NOT EXISTS (SELECT 1 FROM notification_reads nr WHERE nr.notification_id = n.id AND nr.account_id = :reader)', {
    reader: actor.id,
  });
}
