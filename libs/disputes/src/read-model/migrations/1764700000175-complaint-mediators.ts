import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A complaint's mediator (`mediator_id`): the mediator who received it, then the one who handled it
 * or turned it into a case, for `GET /complaints?mediatorId=me`. The complaints projection fills it
 * from each event's actor; emptying the table and its checkpoint here makes the worker replay it
 * once, so existing complaints get it too.
 */
export class ComplaintMediators1764700000175 implements MigrationInterface {
  name = 'ComplaintMediators1764700000175';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaints ADD COLUMN mediator_id uuid`);
    await q.query(`CREATE INDEX complaints_mediator ON complaints (mediator_id, received_at DESC) WHERE mediator_id IS NOT NULL`);
    await q.query(`TRUNCATE complaints`);
    await q.query(`DELETE FROM projection_checkpoints WHERE name = 'complaints'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX complaints_mediator`);
    await q.query(`ALTER TABLE complaints DROP COLUMN mediator_id`);
  }
}
