import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the API needs to say how current a read model is, without running its projection: the
 * time of the last event applied, and the filter of the events the projection reads (so that
 * "behind" counts only events it would apply).
 */
export class ProjectionFreshness1764620000133 implements MigrationInterface {
  name = 'ProjectionFreshness1764620000133';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projection_checkpoints ADD COLUMN last_event_at timestamptz, ADD COLUMN filter jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projection_checkpoints DROP COLUMN last_event_at, DROP COLUMN filter`);
  }
}
