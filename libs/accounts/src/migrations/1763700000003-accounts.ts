import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1763700000003 implements MigrationInterface {
  name = 'Accounts1763700000003';

  async up(q: QueryRunner): Promise<void> {
    // The accounts projection: look-ups and the admins' user list.
    await q.query(`
      CREATE TABLE accounts (
        id            uuid PRIMARY KEY,
        username      text        NOT NULL UNIQUE,
        role          text        NOT NULL,
        sub_district  text,
        display_name  text,
        active        boolean     NOT NULL,
        created_at    timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL,
        version       int         NOT NULL
      )`);
    await q.query(`CREATE INDEX accounts_role_scope ON accounts (role, sub_district)`);
    // Secrets stay out of the event log: the log says that a password changed, this table holds its hash.
    await q.query(`
      CREATE TABLE account_credentials (
        account_id     uuid PRIMARY KEY,
        password_hash  text        NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id           uuid PRIMARY KEY,
        account_id   uuid        NOT NULL,
        token_hash   text        NOT NULL UNIQUE,
        issued_at    timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        revoked_at   timestamptz,
        replaced_by  uuid,
        -- The account's credentialsVersion at issue: a password change or deactivation ends the session.
        credentials_version int NOT NULL
      )`);
    await q.query(`CREATE INDEX refresh_tokens_account ON refresh_tokens (account_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE account_credentials`);
    await q.query(`DROP TABLE accounts`);
  }
}
