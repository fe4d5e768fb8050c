import { MigrationInterface, QueryRunner } from 'typeorm';
// This context's own sealing code, by path: its index would bring the Nest modules into `migrate`.
import { masterKeyFromEnvironment, sealLegacyEventsAndRewind } from '../legacy-events';
import type { Query } from '../postgres-person-key-store';

export class PersonalData1763700000120 implements MigrationInterface {
  name = 'PersonalData1763700000120';

  async up(q: QueryRunner): Promise<void> {
    // Per-person keys (crypto-shredding), wrapped under the master key from the environment.
    // identity_digest: keyed digest of the ID number (else phone and name), so one person has one key.
    await q.query(`
      CREATE TABLE person_keys (
        person_id        uuid PRIMARY KEY,
        identity_digest  bytea UNIQUE,
        wrapped_key      bytea       NOT NULL,
        master_key_id    text        NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    // Keyed digests of ID numbers and phones, to find persons; they go with the key on erasure.
    await q.query(`
      CREATE TABLE person_lookups (
        digest     bytea NOT NULL,
        person_id  uuid  NOT NULL REFERENCES person_keys (person_id) ON DELETE CASCADE,
        PRIMARY KEY (digest, person_id)
      )`);
    await q.query(`CREATE INDEX person_lookups_person ON person_lookups (person_id)`);
    await q.query(`
      CREATE TABLE person_erasures (
        person_id  uuid PRIMARY KEY,
        erased_at  timestamptz NOT NULL
      )`);

    // Read models find a person's rows by containment ({"personId": ...}) when erasing or answering an admin.
    await q.query(`CREATE INDEX dispute_cases_claimants ON dispute_cases USING gin (claimants jsonb_path_ops)`);
    await q.query(`CREATE INDEX mediations_workers ON mediations USING gin (workers jsonb_path_ops)`);
    // informants.phone now holds the masked phone (the full one only in the sealed event); person_id finds them.
    await q.query(`ALTER TABLE informants ADD COLUMN person_id uuid`);
    await q.query(`CREATE INDEX informants_person ON informants (person_id)`);

    // Events written before this change hold names, ID numbers and phones in clear: seal them.
    const query = (async (sql: string, params?: unknown[]) => q.query(sql, params)) as Query;
    await sealLegacyEventsAndRewind(query, () => masterKeyFromEnvironment());
  }

  async down(q: QueryRunner): Promise<void> {
    // The sealed events stay sealed: opening them needs the keys, which this would drop. Refuse.
    const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM person_keys`);
    if (n > 0) throw new Error('person_keys holds keys of sealed events: reverting would make their personal data unreadable');
    await q.query(`DROP INDEX informants_person`);
    await q.query(`ALTER TABLE informants DROP COLUMN person_id`);
    await q.query(`DROP INDEX mediations_workers`);
    await q.query(`DROP INDEX dispute_cases_claimants`);
    await q.query(`DROP TABLE person_erasures`);
    await q.query(`DROP TABLE person_lookups`);
    await q.query(`DROP TABLE person_keys`);
  }
}
