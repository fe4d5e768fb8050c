import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1763700000011 implements MigrationInterface {
  name = 'Notifications1763700000011';

  async up(q: QueryRunner): Promise<void> {
    // The notifications projection: addressed to a role in a sub-district (or, null, the district).
    await q.query(`
      CREATE TABLE notifications (
        id              uuid PRIMARY KEY,
        kind            text        NOT NULL,
        audience_role   text        NOT NULL,
        sub_district    text,
        subject_stream  text        NOT NULL,
        subject_id      text        NOT NULL,
        title_zh        text        NOT NULL,
        title_en        text        NOT NULL,
        params          jsonb       NOT NULL,
        created_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX notifications_audience ON notifications (audience_role, sub_district, created_at DESC)`);
    await q.query(`CREATE INDEX notifications_subject ON notifications (subject_stream)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
  }
}
