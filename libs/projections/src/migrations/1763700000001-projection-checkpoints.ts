import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectionCheckpoints1763700000001 implements MigrationInterface {
  name = 'ProjectionCheckpoints1763700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_checkpoints (
        name            text PRIMARY KEY,
        position        text,
        events_applied  bigint      NOT NULL DEFAULT 0,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        last_error_at   timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_checkpoints`);
  }
}
