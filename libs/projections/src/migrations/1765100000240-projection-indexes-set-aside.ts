import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The secondary indexes a rebuild has set aside (dropped) while it replays the log, with the
 * statement that makes each again: written in the transaction that empties the read model and
 * drops them, deleted in the one that makes them again. A rebuild that dies in between leaves its
 * rows here, and whoever next runs the projection makes the indexes again first (ADR 0018).
 */
export class ProjectionIndexesSetAside1765100000240 implements MigrationInterface {
  name = 'ProjectionIndexesSetAside1765100000240';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_indexes_set_aside (
        projection text NOT NULL,
        index_name text NOT NULL,
        definition text NOT NULL,
        set_aside_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, index_name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_indexes_set_aside`);
  }
}
