import { ERASED } from '@lc/reference-data';
import { PERSON_ERASED, PERSON_STREAM_PREFIX, PERSONAL_FIELDS } from './personal-fields';

/*
 * How read models follow an erasure. Their projections subscribe to PersonErased (stream prefix
 * `person-`) besides their own events and blank the person where they keep them; a rebuild gets
 * the same result by itself, since the events then open as erased. Counts and amounts are never
 * touched, nor a record's version (its own stream did not change).
 */

/** Something that runs SQL with parameters: a TypeORM EntityManager inside a projection's transaction. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export function isPersonErased(event: { type: string; data: Record<string, unknown> }): event is { type: typeof PERSON_ERASED; data: { personId: string } } {
  return event.type === PERSON_ERASED && typeof event.data.personId === 'string';
}

/** The jsonb containment probe that finds rows naming the person in a list column (GIN-indexed). */
export function personProbe(personId: string): string {
  return JSON.stringify([{ personId }]);
}

/**
 * In `table`, where the jsonb list `column` names the person, sets their name, ID number and
 * phone to ERASED and `erased: true`; `namesColumn` (the names kept for text search) follows.
 */
export async function erasePersonInList(
  tx: SqlRunner,
  table: string,
  column: string,
  namesColumn: string | null,
  personId: string,
): Promise<void> {
  const fields = PERSONAL_FIELDS.map((f) => `'${f}'`).join(', ');
  await tx.query(
    `UPDATE ${table} SET ${column} = (
        SELECT jsonb_agg(
                 CASE WHEN p->>'personId' = $1
                      THEN p || coalesce((SELECT jsonb_object_agg(k, $2::text) FROM jsonb_object_keys(p) AS k WHERE k IN (${fields})), '{}'::jsonb)
                             || '{"erased": true}'::jsonb
                      ELSE p END
                 ORDER BY ord)
          FROM jsonb_array_elements(${column}) WITH ORDINALITY AS e(p, ord))
      WHERE ${column} @> $3::jsonb`,
    [personId, ERASED, personProbe(personId)],
  );
  if (namesColumn) {
    await tx.query(
      `UPDATE ${table} SET ${namesColumn} = (
          SELECT coalesce(string_agg(p->>'name', ' ' ORDER BY ord), '') FROM jsonb_array_elements(${column}) WITH ORDINALITY AS e(p, ord))
        WHERE ${column} @> $1::jsonb`,
      [personProbe(personId)],
    );
  }
}

/**
 * A batch of a read model that keeps persons, cut at its erasures: `apply` gets the record events
 * between two erasures (the person- stream's events left out), `erase` each erasure's person, all
 * in order. So a projection that holds rows in memory writes them before an erasure blanks them.
 */
export async function betweenErasures<E extends { streamId: string; type: string; data: Record<string, unknown> }>(
  events: E[],
  apply: (segment: E[]) => Promise<void>,
  erase: (personId: string) => Promise<void>,
): Promise<void> {
  let segment: E[] = [];
  for (const event of events) {
    if (!event.streamId.startsWith(PERSON_STREAM_PREFIX)) segment.push(event);
    else if (isPersonErased(event)) {
      await apply(segment);
      segment = [];
      await erase(event.data.personId);
    }
  }
  await apply(segment);
}
