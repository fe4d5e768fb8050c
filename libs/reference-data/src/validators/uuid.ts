/**
 * A uuid in its text form, any version: what PostgreSQL reads as `uuid`. Ids that reach a query as
 * `uuid[]` (actors, sessions) are checked first, as one it cannot read fails the whole query.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
