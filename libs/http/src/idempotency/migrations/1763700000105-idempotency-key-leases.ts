import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pending Idempotency-Key is a lease (issue 12 §1): the request holding it renews it, and once
 * it runs out (the process died) the same request may run again. Keys pending from before this
 * change are taken to have run out.
 */
export class IdempotencyKeyLeases1763700000105 implements MigrationInterface {
  name = 'IdempotencyKeyLeases1763700000105';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN lease_id uuid, ADD COLUMN lease_expires_at timestamptz`);
    await q.query(`UPDATE idempotency_keys SET lease_expires_at = now() WHERE state = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN lease_id, DROP COLUMN lease_expires_at`);
  }
}
