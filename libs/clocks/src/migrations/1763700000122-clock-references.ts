import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clocks name their record as people know it: the case number (or the court's case number) and
 * the employer. The clocks projection fills these from the record's stream; emptying the table
 * and its checkpoint here makes the worker replay it once, so existing clocks get them too.
 */
export class ClockReferences1763700000122 implements MigrationInterface {
  name = 'ClockReferences1763700000122';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clocks ADD COLUMN reference text, ADD COLUMN employer_name text`);
    await q.query(`CREATE INDEX clocks_assigned_running ON clocks (assigned_to, deadline_at) WHERE running`);
    await q.query(`TRUNCATE clocks`);
    await q.query(`DELETE FROM projection_checkpoints WHERE name = 'clocks'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX clocks_assigned_running`);
    await q.query(`ALTER TABLE clocks DROP COLUMN reference, DROP COLUMN employer_name`);
  }
}
