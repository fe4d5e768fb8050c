import { MigrationInterface, QueryRunner } from 'typeorm';

export class Timeline1763700000002 implements MigrationInterface {
  name = 'Timeline1763700000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE timeline_entries (
        event_id        uuid PRIMARY KEY,
        stream_id       text        NOT NULL,
        stream_version  int         NOT NULL,
        type            text        NOT NULL,
        actor_id        text,
        actor_role      text,
        correlation_id  text,
        recorded_at     timestamptz NOT NULL,
        global_position text        NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX timeline_entries_stream ON timeline_entries (stream_id, stream_version)`);
    await q.query(`CREATE INDEX timeline_entries_actor ON timeline_entries (actor_id, recorded_at)`);
    await q.query(`CREATE INDEX timeline_entries_recorded ON timeline_entries (recorded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE timeline_entries`);
  }
}
