import { MigrationInterface, QueryRunner } from 'typeorm';

export class Sessions1764620000100 implements MigrationInterface {
  name = 'Sessions1764620000100';

  async up(q: QueryRunner): Promise<void> {
    // A login starts a session; its refresh tokens rotate within it and its access tokens name it
    // (`sid`). Logout or a reused refresh token ends the session, and the guard refuses its access
    // tokens on the next request instead of when they expire.
    await q.query(`
      CREATE TABLE sessions (
        id          uuid PRIMARY KEY,
        account_id  uuid        NOT NULL,
        started_at  timestamptz NOT NULL,
        ended_at    timestamptz,
        end_reason  text
      )`);
    await q.query(`CREATE INDEX sessions_account ON sessions (account_id) WHERE ended_at IS NULL`);
    await q.query(`ALTER TABLE refresh_tokens ADD COLUMN session_id uuid`);
    // Tokens issued before sessions existed: each one a session of its own.
    await q.query(`
      INSERT INTO sessions (id, account_id, started_at, ended_at, end_reason)
      SELECT id, account_id, issued_at, revoked_at, CASE WHEN revoked_at IS NULL THEN NULL ELSE 'migrated' END FROM refresh_tokens`);
    await q.query(`UPDATE refresh_tokens SET session_id = id`);
    await q.query(`ALTER TABLE refresh_tokens ALTER COLUMN session_id SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_tokens DROP COLUMN session_id`);
    await q.query(`DROP TABLE sessions`);
  }
}
