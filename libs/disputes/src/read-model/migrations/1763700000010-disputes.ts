import { MigrationInterface, QueryRunner } from 'typeorm';

export class Disputes1763700000010 implements MigrationInterface {
  name = 'Disputes1763700000010';

  async up(q: QueryRunner): Promise<void> {
    // The dispute-cases projection: the case list, its filters and text search. Claimants masked.
    await q.query(`
      CREATE TABLE dispute_cases (
        id                    uuid PRIMARY KEY,
        case_no               text        NOT NULL UNIQUE,
        status                text        NOT NULL,
        channel               text        NOT NULL,
        sub_district          text        NOT NULL,
        category              text        NOT NULL,
        employer_name         text        NOT NULL,
        employer_credit_code  text        NOT NULL,
        workers_involved      int         NOT NULL,
        group_dispute         boolean     NOT NULL,
        amount_claimed_fen    bigint      NOT NULL,
        amount_recovered_fen  bigint      NOT NULL,
        summary               text        NOT NULL,
        claimants             jsonb       NOT NULL,
        claimant_names        text        NOT NULL,
        opened_on             date        NOT NULL,
        mediator_id           text,
        steps_logged          int         NOT NULL,
        resolved_on           date,
        outcome               text,
        times_reopened        int         NOT NULL,
        source_kind           text,
        source_id             text,
        recorded_at           timestamptz NOT NULL,
        updated_at            timestamptz NOT NULL,
        version               int         NOT NULL
      )`);
    await q.query(`CREATE INDEX dispute_cases_scope ON dispute_cases (sub_district, opened_on DESC)`);
    await q.query(`CREATE INDEX dispute_cases_opened ON dispute_cases (opened_on DESC, case_no DESC)`);
    await q.query(`CREATE INDEX dispute_cases_mediator ON dispute_cases (mediator_id) WHERE mediator_id IS NOT NULL`);
    await q.query(`CREATE INDEX dispute_cases_employer ON dispute_cases (employer_credit_code)`);
    await q.query(`CREATE INDEX dispute_cases_status ON dispute_cases (status, sub_district)`);

    // The complaints projection.
    await q.query(`
      CREATE TABLE complaints (
        id                    uuid PRIMARY KEY,
        status                text        NOT NULL,
        source                text        NOT NULL,
        work_order_no         text,
        sub_district          text        NOT NULL,
        employer_name         text,
        employer_credit_code  text,
        summary               text        NOT NULL,
        received_at           timestamptz NOT NULL,
        received_on           date        NOT NULL,
        handled_on            date,
        handling_note         text,
        converted_on          date,
        dispute_id            uuid,
        recorded_at           timestamptz NOT NULL,
        updated_at            timestamptz NOT NULL,
        version               int         NOT NULL
      )`);
    await q.query(`CREATE INDEX complaints_scope ON complaints (sub_district, received_at DESC)`);
    await q.query(`CREATE INDEX complaints_received ON complaints (received_at DESC)`);
    await q.query(`CREATE INDEX complaints_status ON complaints (status, sub_district)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaints`);
    await q.query(`DROP TABLE dispute_cases`);
  }
}
