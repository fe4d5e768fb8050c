import { MigrationInterface, QueryRunner } from 'typeorm';

export class Informants1763700000041 implements MigrationInterface {
  name = 'Informants1763700000041';

  async up(q: QueryRunner): Promise<void> {
    // The informants projection: the registry, and (apart, see InformantActivityView) what each reported.
    await q.query(`
      CREATE TABLE informants (
        id                   uuid PRIMARY KEY,
        name                 text        NOT NULL,
        phone                text        NOT NULL,
        sub_district         text        NOT NULL,
        enterprises          text[]      NOT NULL,
        enterprise_count     int         NOT NULL,
        active               boolean     NOT NULL,
        deactivation_reason  text,
        registered_at        timestamptz NOT NULL,
        updated_at           timestamptz NOT NULL,
        version              int         NOT NULL
      )`);
    await q.query(`CREATE INDEX informants_scope ON informants (sub_district, name)`);
    // "Who covers this enterprise?"
    await q.query(`CREATE INDEX informants_enterprises ON informants USING gin (enterprises)`);
    await q.query(`
      CREATE TABLE informant_activity (
        informant_id      uuid PRIMARY KEY,
        alerts_submitted  int         NOT NULL,
        last_alert_at     timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE informant_activity`);
    await q.query(`DROP TABLE informants`);
  }
}
