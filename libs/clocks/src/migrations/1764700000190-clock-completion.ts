import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A clock is met or missed on its record's own dates (docs/decisions/0007): each row says on which
 * day the record's work was done (completed_on) and whether that was by the last day (met), and a
 * reopened case's 15-day mediation clock runs afresh from the reopening. Emptying the clocks and
 * their checkpoint makes the worker replay the projection once, so existing rows mean this too.
 * The notifications are replayed as well (same ids, reads kept apart survive): a clock_overdue of
 * a deadline that a back-dated completion met is withdrawn on the way.
 */
export class ClockCompletion1764700000190 implements MigrationInterface {
  name = 'ClockCompletion1764700000190';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clocks ADD COLUMN completed_on date, ADD COLUMN met boolean`);
    await q.query(`TRUNCATE clocks`);
    await q.query(`DELETE FROM projection_checkpoints WHERE name = 'clocks'`);
    await q.query(`TRUNCATE notifications`);
    await q.query(`DELETE FROM projection_checkpoints WHERE name = 'notifications'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clocks DROP COLUMN completed_on, DROP COLUMN met`);
  }
}
