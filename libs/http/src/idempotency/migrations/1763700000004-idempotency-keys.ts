import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1763700000004 implements MigrationInterface {
  name = 'IdempotencyKeys1763700000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        actor_id      text        NOT NULL,
        key           text        NOT NULL,
        request_hash  text        NOT NULL,
        state         text        NOT NULL CHECK (state IN ('pending', 'done')),
        status        int,
        body          jsonb,
        headers       jsonb,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
