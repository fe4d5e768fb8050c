import { MigrationInterface, QueryRunner } from 'typeorm';

export class Mediations1763700000020 implements MigrationInterface {
  name = 'Mediations1763700000020';

  async up(q: QueryRunner): Promise<void> {
    // The mediations projection: the list, its filters and search, the amount won, the deadlines. Workers masked.
    await q.query(`
      CREATE TABLE mediations (
        id                                uuid PRIMARY KEY,
        court                             text        NOT NULL,
        court_case_no                     text        NOT NULL,
        status                            text        NOT NULL,
        sub_district                      text        NOT NULL,
        category                          text        NOT NULL,
        employer_name                     text        NOT NULL,
        employer_credit_code              text        NOT NULL,
        workers                           jsonb       NOT NULL,
        worker_names                      text        NOT NULL,
        workers_count                     int         NOT NULL,
        claim_amount_fen                  bigint      NOT NULL,
        referred_on                       date        NOT NULL,
        mediator_id                       text,
        sessions_held                     int         NOT NULL,
        last_session_on                   date,
        extra_days                        int         NOT NULL,
        deadline_on                       date        NOT NULL,
        agreed_on                         date,
        amount_won_fen                    bigint,
        judicial_confirmation             text        NOT NULL,
        judicial_confirmation_applied_on  date,
        judicial_confirmation_decided_on  date,
        judicial_confirmation_deadline_on date,
        failed_on                         date,
        withdrawn_on                      date,
        ended_on                          date,
        recorded_at                       timestamptz NOT NULL,
        updated_at                        timestamptz NOT NULL,
        version                           int         NOT NULL
      )`);
    await q.query(`CREATE INDEX mediations_scope ON mediations (sub_district, referred_on DESC)`);
    await q.query(`CREATE INDEX mediations_referred ON mediations (referred_on DESC, recorded_at DESC)`);
    await q.query(`CREATE INDEX mediations_mediator ON mediations (mediator_id) WHERE mediator_id IS NOT NULL`);
    await q.query(`CREATE INDEX mediations_status ON mediations (status, sub_district)`);
    // Reports count the amount won on the agreement date.
    await q.query(`CREATE INDEX mediations_agreed ON mediations (agreed_on) WHERE agreed_on IS NOT NULL`);
    // Running mediations by deadline: overdue lists and the clocks' reconciliation.
    await q.query(`CREATE INDEX mediations_running_deadline ON mediations (deadline_on) WHERE status IN ('referred', 'in_progress')`);
    await q.query(`CREATE INDEX mediations_court_case ON mediations (court_case_no)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mediations`);
  }
}
