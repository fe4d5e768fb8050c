import { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1763700000040 implements MigrationInterface {
  name = 'Alerts1763700000040';

  async up(q: QueryRunner): Promise<void> {
    // The alerts projection: the triage list, the informant's own alerts, the enterprise view.
    await q.query(`
      CREATE TABLE alerts (
        id                      uuid PRIMARY KEY,
        status                  text        NOT NULL,
        -- Null only until AlertGraded, appended with AlertSubmitted, is applied.
        grade                   text,
        points                  int,
        breakdown               jsonb,
        weights_version         int,
        informant_id            uuid        NOT NULL,
        enterprise_name         text        NOT NULL,
        enterprise_credit_code  text        NOT NULL,
        sub_district            text        NOT NULL,
        signals                 text[]      NOT NULL,
        workers_affected        int         NOT NULL,
        description             text        NOT NULL,
        observed_at             timestamptz NOT NULL,
        location                jsonb,
        submitted_at            timestamptz NOT NULL,
        submitted_on            date        NOT NULL,
        pickup_deadline_at      timestamptz,
        acknowledged_at         timestamptz,
        acknowledged_by         uuid,
        verified_at             timestamptz,
        verification_note       text,
        dismissed_at            timestamptz,
        dismissal_reason        text,
        escalated               boolean     NOT NULL,
        escalated_at            timestamptz,
        escalation_reason       text,
        converted_at            timestamptz,
        dispute_id              uuid,
        recorded_at             timestamptz NOT NULL,
        updated_at              timestamptz NOT NULL,
        version                 int         NOT NULL
      )`);
    await q.query(`CREATE INDEX alerts_scope ON alerts (sub_district, submitted_at DESC)`);
    await q.query(`CREATE INDEX alerts_submitted ON alerts (submitted_at DESC)`);
    await q.query(`CREATE INDEX alerts_informant ON alerts (informant_id, submitted_at DESC)`);
    await q.query(`CREATE INDEX alerts_enterprise ON alerts (enterprise_credit_code)`);
    await q.query(`CREATE INDEX alerts_status ON alerts (status, grade, sub_district)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alerts`);
  }
}
