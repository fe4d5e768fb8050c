import { MigrationInterface, QueryRunner } from 'typeorm';

export class Imports1763700000070 implements MigrationInterface {
  name = 'Imports1763700000070';

  async up(q: QueryRunner): Promise<void> {
    // One row per uploaded import: its state and progress for GET /imports/{id}. The file waits in
    // `content` for the worker's job and is cleared when the job ends (it holds personal data).
    await q.query(`
      CREATE TABLE imports (
        id                    uuid PRIMARY KEY,
        kind                  text        NOT NULL,
        file_name             text,
        file_hash             text        NOT NULL,
        format                text        NOT NULL,
        content               bytea,
        state                 text        NOT NULL,
        rows_total            int         NOT NULL DEFAULT 0,
        rows_done             int         NOT NULL DEFAULT 0,
        rows_written          int         NOT NULL DEFAULT 0,
        rows_already_imported int         NOT NULL DEFAULT 0,
        errors                jsonb       NOT NULL DEFAULT '[]'::jsonb,
        message               text,
        actor_id              text        NOT NULL,
        actor_role            text        NOT NULL,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        finished_at           timestamptz
      )`);
    await q.query(`CREATE INDEX imports_file ON imports (file_hash, kind)`);
    await q.query(`CREATE INDEX imports_created ON imports (created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE imports`);
  }
}
