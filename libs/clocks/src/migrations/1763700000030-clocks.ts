import { MigrationInterface, QueryRunner } from 'typeorm';

export class Clocks1763700000030 implements MigrationInterface {
  name = 'Clocks1763700000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE clocks (
        clock_id          text PRIMARY KEY,
        kind              text        NOT NULL,
        subject_stream    text        NOT NULL,
        subject_id        text        NOT NULL,
        sub_district      text,
        assigned_to       uuid,
        started_on        date        NOT NULL,
        last_day          date        NOT NULL,
        deadline_at       timestamptz NOT NULL,
        remind_at         timestamptz NOT NULL,
        running           boolean     NOT NULL,
        reminded          boolean     NOT NULL,
        deadline_reached  boolean     NOT NULL,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    // The reconciler and the overdue lists read running clocks by deadline.
    await q.query(`CREATE INDEX clocks_running_deadline ON clocks (deadline_at) WHERE running`);
    await q.query(`CREATE INDEX clocks_subject ON clocks (subject_stream)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE clocks`);
  }
}
