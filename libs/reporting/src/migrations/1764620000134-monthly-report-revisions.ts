import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issued monthly reports keep every version: the current one in reporting_monthly_reports, those it replaced here. */
export class MonthlyReportRevisions1764620000134 implements MigrationInterface {
  name = 'MonthlyReportRevisions1764620000134';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reporting_monthly_reports ADD COLUMN revision int NOT NULL DEFAULT 1`);
    await q.query(`
      CREATE TABLE reporting_monthly_report_revisions (
        month         text        NOT NULL,
        revision      int         NOT NULL,
        generated_at  timestamptz NOT NULL,
        trigger       text        NOT NULL,
        generated_by  text,
        content       jsonb       NOT NULL,
        PRIMARY KEY (month, revision)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reporting_monthly_report_revisions`);
    await q.query(`ALTER TABLE reporting_monthly_reports DROP COLUMN revision`);
  }
}
