import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL event store.
 *
 * Global order is (transaction_id, global_position), and readers only look below the oldest
 * transaction still running (pg_snapshot_xmin). A bigserial alone is not enough: a transaction
 * that took position 10 may commit after one that took 11, and a reader that had moved past 11
 * would skip 10 for ever.
 *
 * append_events does everything an append needs in one round trip: lock the stream, answer a
 * retried append (same event ids) as a no-op, check the expected version, insert, notify.
 */
export class EventStore1763700000000 implements MigrationInterface {
  name = 'EventStore1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS event_store`);
    await q.query(`
      CREATE TABLE event_store.streams (
        stream_id text PRIMARY KEY,
        version   bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE event_store.events (
        global_position bigserial PRIMARY KEY,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL,
        stream_version  bigint      NOT NULL,
        event_id        uuid        NOT NULL,
        type            text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
        recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version),
        CONSTRAINT events_stream_event_id_unique UNIQUE (stream_id, event_id)
      )`);
    // The subscribers' query walks this index: (transaction_id, global_position) > checkpoint.
    await q.query(`CREATE INDEX events_global_order ON event_store.events (transaction_id, global_position)`);
    await q.query(`CREATE INDEX events_type ON event_store.events (type, transaction_id, global_position)`);

    await q.query(`
      CREATE FUNCTION event_store.append_events(
        p_stream_id        text,
        p_expected         text,      -- 'any' | 'no_stream' | 'exists' | a version number
        p_event_ids        uuid[],
        p_types            text[],
        p_data             jsonb[],
        p_metadata         jsonb[]
      ) RETURNS TABLE (status text, version bigint, transaction_id xid8, global_position bigint)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_current   bigint;
        v_count     int := cardinality(p_event_ids);
        v_known     int;
        v_last_tx   xid8;
        v_last_pos  bigint;
        v_last_ver  bigint;
      BEGIN
        -- Serialise appends to one stream BEFORE this transaction writes anything: an advisory
        -- lock assigns no transaction id, so ours is taken after the previous appender committed,
        -- and the global order (transaction_id first) keeps every stream's own order.
        PERFORM pg_advisory_xact_lock(hashtextextended('event_store:' || p_stream_id, 0));

        -- Lock the stream row, creating it when an append may start the stream. Every later
        -- statement in this function then sees the appends that committed before we got the lock.
        SELECT s.version INTO v_current FROM event_store.streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
        IF NOT FOUND THEN
          IF p_expected IN ('any', 'no_stream') OR p_expected = '0' THEN
            INSERT INTO event_store.streams (stream_id, version) VALUES (p_stream_id, 0) ON CONFLICT DO NOTHING;
            SELECT s.version INTO v_current FROM event_store.streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
          ELSE
            v_current := 0;
          END IF;
        END IF;

        -- A retried append: every event id is already in the stream, so answer as the first time.
        SELECT count(*), max(e.stream_version) INTO v_known, v_last_ver
          FROM event_store.events e
         WHERE e.stream_id = p_stream_id AND e.event_id = ANY (p_event_ids);
        IF v_known > 0 THEN
          IF v_known < v_count THEN
            RETURN QUERY SELECT 'partial_duplicate'::text, v_current, NULL::xid8, NULL::bigint;
            RETURN;
          END IF;
          RETURN QUERY SELECT 'duplicate'::text, v_last_ver, e.transaction_id, e.global_position
            FROM event_store.events e WHERE e.stream_id = p_stream_id AND e.stream_version = v_last_ver;
          RETURN;
        END IF;

        IF (p_expected = 'no_stream' AND v_current <> 0)
           OR (p_expected = 'exists' AND v_current = 0)
           OR (p_expected NOT IN ('any', 'no_stream', 'exists') AND v_current <> p_expected::bigint) THEN
          RETURN QUERY SELECT 'conflict'::text, v_current, NULL::xid8, NULL::bigint;
          RETURN;
        END IF;

        INSERT INTO event_store.events (stream_id, stream_version, event_id, type, data, metadata)
        SELECT p_stream_id, v_current + i, p_event_ids[i], p_types[i], p_data[i], p_metadata[i]
          FROM generate_subscripts(p_event_ids, 1) AS i
         ORDER BY i;

        UPDATE event_store.streams SET version = v_current + v_count WHERE stream_id = p_stream_id;

        SELECT e.transaction_id, e.global_position INTO v_last_tx, v_last_pos
          FROM event_store.events e WHERE e.stream_id = p_stream_id AND e.stream_version = v_current + v_count;

        PERFORM pg_notify('event_store_appended', '');
        RETURN QUERY SELECT 'ok'::text, v_current + v_count, v_last_tx, v_last_pos;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA event_store CASCADE`);
  }
}
