import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reporting1763700000050 implements MigrationInterface {
  name = 'Reporting1763700000050';

  async up(q: QueryRunner): Promise<void> {
    // The statistics projection's counters: a period's figures are sums over a range of days.
    await q.query(`
      CREATE TABLE reporting_daily_counts (
        day           date   NOT NULL,
        sub_district  text   NOT NULL,
        category      text   NOT NULL,
        channel       text   NOT NULL,
        detail        text   NOT NULL,
        metric        text   NOT NULL,
        value         bigint NOT NULL,
        PRIMARY KEY (day, sub_district, category, channel, detail, metric)
      )`);
    // A sub-district's figures for a period.
    await q.query(`CREATE INDEX reporting_daily_counts_sub_district ON reporting_daily_counts (sub_district, day)`);

    // Per-record facts: what moves the counters, and what the medians and the watch-list read.
    await q.query(`
      CREATE TABLE reporting_dispute_facts (
        stream_id             text PRIMARY KEY,
        dispute_id            text    NOT NULL,
        sub_district          text    NOT NULL,
        category              text    NOT NULL,
        channel               text    NOT NULL,
        employer_name         text    NOT NULL,
        employer_credit_code  text    NOT NULL,
        opened_on             date    NOT NULL,
        workers_involved      int     NOT NULL,
        group_dispute         boolean NOT NULL,
        resolved_on           date,
        outcome               text,
        recoveries            jsonb   NOT NULL,
        amount_recovered_fen  bigint  NOT NULL
      )`);
    await q.query(`CREATE INDEX reporting_dispute_facts_employer ON reporting_dispute_facts (employer_credit_code, opened_on)`);
    await q.query(`CREATE INDEX reporting_dispute_facts_opened ON reporting_dispute_facts (opened_on)`);

    await q.query(`
      CREATE TABLE reporting_complaint_facts (
        stream_id     text PRIMARY KEY,
        sub_district  text NOT NULL,
        source        text NOT NULL,
        received_on   date NOT NULL,
        closed_on     date,
        closed_as     text
      )`);

    await q.query(`
      CREATE TABLE reporting_mediation_facts (
        stream_id             text PRIMARY KEY,
        sub_district          text NOT NULL,
        category              text NOT NULL,
        employer_name         text NOT NULL,
        employer_credit_code  text NOT NULL,
        referred_on           date NOT NULL,
        ended_on              date,
        ended_as              text,
        agreed_on             date,
        amount_fen            bigint
      )`);
    await q.query(`CREATE INDEX reporting_mediation_facts_employer ON reporting_mediation_facts (employer_credit_code, referred_on)`);

    await q.query(`
      CREATE TABLE reporting_alert_facts (
        stream_id         text PRIMARY KEY,
        alert_id          text        NOT NULL,
        informant_id      text,
        sub_district      text        NOT NULL,
        enterprise_name   text,
        credit_code       text,
        workers_affected  int         NOT NULL,
        submitted_at      timestamptz NOT NULL,
        submitted_on      date        NOT NULL,
        grade             text,
        points            double precision,
        acknowledged_at   timestamptz,
        acknowledged_on   date,
        ack_seconds       bigint,
        escalated_on      date,
        converted_on      date,
        dismissed_on      date
      )`);
    // The median time to acknowledge, over the alerts acknowledged in a period.
    await q.query(`CREATE INDEX reporting_alert_facts_acknowledged ON reporting_alert_facts (acknowledged_on) WHERE acknowledged_on IS NOT NULL`);
    // Informants who reported in a period.
    await q.query(`CREATE INDEX reporting_alert_facts_informant ON reporting_alert_facts (informant_id, submitted_on)`);
    await q.query(`CREATE INDEX reporting_alert_facts_enterprise ON reporting_alert_facts (credit_code, submitted_on)`);

    await q.query(`
      CREATE TABLE reporting_informant_facts (
        informant_id    text PRIMARY KEY,
        sub_district    text,
        registered      boolean NOT NULL,
        registered_on   date,
        first_alert_on  date,
        deactivated_on  date
      )`);

    // The monthly reports (诉求信息月报): one per month, made once; not part of the projection.
    await q.query(`
      CREATE TABLE reporting_monthly_reports (
        month         text PRIMARY KEY CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        generated_at  timestamptz NOT NULL,
        trigger       text        NOT NULL,
        generated_by  text,
        content       jsonb       NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reporting_monthly_reports`);
    await q.query(`DROP TABLE reporting_informant_facts`);
    await q.query(`DROP TABLE reporting_alert_facts`);
    await q.query(`DROP TABLE reporting_mediation_facts`);
    await q.query(`DROP TABLE reporting_complaint_facts`);
    await q.query(`DROP TABLE reporting_dispute_facts`);
    await q.query(`DROP TABLE reporting_daily_counts`);
  }
}
