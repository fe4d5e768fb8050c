import { DEFAULT_PERSONAL_DATA_MASTER_KEY, decodeMasterKey } from '@lc/config';
import { isSealed, MasterKey } from './cipher';
import { PersonalDataProtection } from './personal-data-protection';
import { PERSONAL_FIELDS, personsIn, PERSONS_IN_EVENTS } from './personal-fields';
import { PostgresPersonKeyStore, Query } from './postgres-person-key-store';

const BATCH = 500;

/**
 * The master key for a migration: the one the process was configured with (the same variable and
 * rules as the config; production never reaches here with the development key, the config refuses it).
 */
export function masterKeyFromEnvironment(env: NodeJS.ProcessEnv = process.env): MasterKey {
  const value = env.PERSONAL_DATA_MASTER_KEY || DEFAULT_PERSONAL_DATA_MASTER_KEY;
  if (env.NODE_ENV === 'production' && value === DEFAULT_PERSONAL_DATA_MASTER_KEY) {
    throw new Error('PERSONAL_DATA_MASTER_KEY must be set in production');
  }
  const secret = decodeMasterKey(value);
  if (!secret) throw new Error('PERSONAL_DATA_MASTER_KEY: must be 32 random bytes, base64 (44 characters) or hex (64)');
  return new MasterKey(secret);
}

/**
 * Seals the personal data that events written before crypto-shredding hold in clear, in place
 * (the first rewrite of the PostgreSQL event log: docs/decisions/0012). Each person is found or
 * created exactly as an append would; events already sealed are left alone, so it can run again.
 * Returns the number of events rewritten.
 */
export async function sealLegacyEvents(query: Query, master: () => MasterKey): Promise<number> {
  const types = Object.keys(PERSONS_IN_EVENTS);
  let protection: PersonalDataProtection | undefined;
  let after = { tx: '0', pos: '0' };
  let rewritten = 0;
  for (;;) {
    // Paged in the log's order, the events table's primary key; `events.`, the columns: bare names
    // would be the text output columns, and positions sorted as text ("1000" before "999") made
    // pages skip events, left in clear.
    const rows = await query<{ transaction_id: string; global_position: string; type: string; data: Record<string, unknown> }>(
      `SELECT transaction_id::text, global_position::text, type, data FROM event_store.events
        WHERE type = ANY ($1::text[]) AND (events.transaction_id, events.global_position) > ($2::text::xid8, $3::bigint)
        ORDER BY events.transaction_id, events.global_position LIMIT $4`,
      [types, after.tx, after.pos, BATCH],
    );
    if (rows.length === 0) return rewritten;
    for (const row of rows) {
      const persons = personsIn(row.type, row.data);
      if (!persons.some((p) => PERSONAL_FIELDS.some((f) => typeof p[f] === 'string' && !isSealed(p[f])))) continue;
      // Only now the key: a database without legacy events needs none.
      protection ??= new PersonalDataProtection(new PostgresPersonKeyStore(query, master()), master(), { cacheSeconds: 0 });
      await protection.seal(persons);
      await query(`UPDATE event_store.events SET data = $1::jsonb WHERE transaction_id = $2::text::xid8 AND global_position = $3::bigint`, [
        JSON.stringify(row.data),
        row.transaction_id,
        row.global_position,
      ]);
      rewritten += 1;
    }
    const last = rows[rows.length - 1];
    after = { tx: last.transaction_id, pos: last.global_position };
  }
}

/** Read models that keep persons, rebuilt from the sealed events when legacy ones were sealed. */
const KEEPING_PERSONS = { 'dispute-cases': ['dispute_cases'], mediations: ['mediations'], informants: ['informants', 'informant_activity'] };

/**
 * Seals what legacy events hold in clear (sealLegacyEvents) and, if it sealed any, empties the read
 * models built from them (they hold full phones and no person ids) and rewinds their checkpoints,
 * so that the worker rebuilds them from the sealed events.
 */
export async function sealLegacyEventsAndRewind(query: Query, master: () => MasterKey): Promise<number> {
  const rewritten = await sealLegacyEvents(query, master);
  if (rewritten > 0) {
    for (const [projection, tables] of Object.entries(KEEPING_PERSONS)) {
      await query(`TRUNCATE ${tables.join(', ')}`);
      await query(`UPDATE projection_checkpoints SET position = NULL, events_applied = 0, updated_at = now() WHERE name = $1`, [projection]);
    }
  }
  return rewritten;
}
