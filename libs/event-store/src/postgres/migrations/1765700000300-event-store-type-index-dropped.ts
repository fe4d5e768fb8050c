import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The events table loses its index on event types: each event writes three index entries instead
 * of four.
 *
 * events_type, on (type, transaction_id, global_position), served the reads of the log filtered by
 * type: a projection catching up on rare events, and the freshness counts of such read models
 * (`countEventsAfter` from a checkpoint left at the model's last event). Every event paid for it
 * with an index entry. Section 1's 10-event batches (8 writers), alternating `npm run bench --
 * append` runs with and without the index: 3.57× and 3.22× Emmett without it against 2.82× and
 * 2.68× with it; pgbench's own 10-row transactions into a copy of the table 14-19 % faster.
 *
 * Filtered reads now walk the log's order (the primary key) from their position and skip what does
 * not match, so their cost follows how far back that position is. Runners keep it close: a
 * subscription says how far it has read for its subscriber (`Subscription.position`, past events
 * that did not match), and an idle runner stores that as its checkpoint (ADR 0004's addendum of
 * 2026-12-05). A rebuild leaves every checkpoint at the end of the log it read.
 */
export class EventStoreTypeIndexDropped1765700000300 implements MigrationInterface {
  name = 'EventStoreTypeIndexDropped1765700000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS event_store.events_type`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS events_type ON event_store.events (type, transaction_id, global_position)`);
  }
}
