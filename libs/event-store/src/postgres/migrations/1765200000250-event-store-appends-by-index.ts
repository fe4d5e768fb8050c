import { MigrationInterface, QueryRunner } from 'typeorm';

export const APPEND_FUNCTIONS = [
  'event_store.append_events(text, text, uuid[], text[], jsonb[], jsonb[])',
  'event_store.append_events_grouped(text[], text[], int[], uuid[], text[], jsonb[], jsonb[])',
];

/**
 * The append functions find their streams and events by index, however small the tables were when
 * a connection planned them. PL/pgSQL keeps a statement's generic plan for the life of the
 * connection; made on a young log (a few pages), it hashed sequential scans of event_store.streams
 * and event_store.events on every call, and went on doing so as the log grew: in a bench on a
 * fresh log, 32 concurrent single-event appends read 41 million rows in 4 s and slowed from 5,276
 * to 3,249 events/s within seconds; with this setting 8,908-10,425 (10-event batches from
 * 19,400-22,000 to 23,100-26,000). Every statement of theirs has an index to take (streams_pkey,
 * events_stream_version_unique, events_stream_event_id_unique, events_global_order); the setting
 * holds during the call only.
 */
export class EventStoreAppendsByIndex1765200000250 implements MigrationInterface {
  name = 'EventStoreAppendsByIndex1765200000250';

  async up(q: QueryRunner): Promise<void> {
    for (const fn of APPEND_FUNCTIONS) await q.query(`ALTER FUNCTION ${fn} SET enable_seqscan = off`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of APPEND_FUNCTIONS) await q.query(`ALTER FUNCTION ${fn} RESET enable_seqscan`);
  }
}
