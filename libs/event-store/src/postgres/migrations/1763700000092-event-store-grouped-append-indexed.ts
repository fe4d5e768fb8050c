import { MigrationInterface, QueryRunner } from 'typeorm';
import { APPENDER_LOCK } from './1763700000090-event-store-read-horizon';

/**
 * append_events_grouped (migration 1763700000091) looked its appends' streams and event ids up
 * with plain joins against a set-returning unnest, whose size the planner guesses at 100 rows:
 * on a large log that invites hash joins over a sequential scan of event_store.events. Each
 * look-up is now a LATERAL subquery keyed by the append's own stream, so it is always an index
 * probe (streams_pkey, events_stream_event_id_unique, events_stream_version_unique), whatever the
 * estimates. Same contract, same locks, same answers.
 */
export class EventStoreGroupedAppendIndexed1763700000092 implements MigrationInterface {
  name = 'EventStoreGroupedAppendIndexed1763700000092';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION event_store.append_events_grouped(
        p_stream_ids text[],   -- one per append, all distinct
        p_expected   text[],   -- one per append: 'any' | 'no_stream' | 'exists' | a version number
        p_counts     int[],    -- one per append: how many of the events below are its own
        p_event_ids  uuid[],   -- the events of all appends, append after append
        p_types      text[],
        p_data       jsonb[],
        p_metadata   jsonb[]
      ) RETURNS TABLE (status text, version bigint, transaction_id xid8, global_position bigint)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_key bigint;
      BEGIN
        -- Mark this transaction as an appender BEFORE it has a transaction id (see read_horizon).
        PERFORM pg_advisory_xact_lock_shared(${APPENDER_LOCK.classId}, ${APPENDER_LOCK.objId});

        IF (SELECT count(DISTINCT s) FROM unnest(p_stream_ids) s) <> cardinality(p_stream_ids) THEN
          RAISE EXCEPTION 'append_events_grouped: one append per stream per group';
        END IF;

        -- Every stream lock before any write, in ascending key order.
        FOR v_key IN
          SELECT k FROM (SELECT DISTINCT hashtextextended('event_store:' || s, 0) AS k FROM unnest(p_stream_ids) s) keys
           ORDER BY k
        LOOP
          PERFORM pg_advisory_xact_lock(v_key);
        END LOOP;

        -- The stream rows of appends that may start a stream.
        INSERT INTO event_store.streams (stream_id, version)
        SELECT a.s, 0 FROM unnest(p_stream_ids, p_expected) AS a(s, e)
         WHERE a.e IN ('any', 'no_stream', '0')
        ON CONFLICT DO NOTHING;

        RETURN QUERY
        WITH req AS (
          SELECT a.i, a.stream_id, a.expected, a.cnt,
                 (sum(a.cnt) OVER (ORDER BY a.i) - a.cnt)::int AS off
            FROM unnest(p_stream_ids, p_expected, p_counts) WITH ORDINALITY AS a(stream_id, expected, cnt, i)
        ),
        cur AS (
          SELECT r.*, coalesce(s.version, 0) AS current
            FROM req r
            LEFT JOIN LATERAL (SELECT st.version FROM event_store.streams st WHERE st.stream_id = r.stream_id) s ON true
        ),
        known AS (
          SELECT c.i, k.known, k.last_ver
            FROM cur c
            CROSS JOIN LATERAL (
              SELECT count(*)::int AS known, max(e.stream_version) AS last_ver
                FROM event_store.events e
               WHERE e.stream_id = c.stream_id AND e.event_id = ANY (p_event_ids[c.off + 1 : c.off + c.cnt])) k
        ),
        decided AS (
          SELECT c.*, k.known, k.last_ver,
                 CASE
                   WHEN k.known > 0 AND k.known < c.cnt THEN 'partial_duplicate'
                   WHEN k.known > 0 THEN 'duplicate'
                   WHEN c.expected = 'any' THEN 'ok'
                   WHEN c.expected = 'no_stream' THEN CASE WHEN c.current = 0 THEN 'ok' ELSE 'conflict' END
                   WHEN c.expected = 'exists' THEN CASE WHEN c.current > 0 THEN 'ok' ELSE 'conflict' END
                   WHEN c.current = c.expected::bigint THEN 'ok'
                   ELSE 'conflict'
                 END AS status
            FROM cur c JOIN known k USING (i)
        ),
        inserted AS (
          INSERT INTO event_store.events (stream_id, stream_version, event_id, type, data, metadata)
          SELECT d.stream_id, d.current + j, p_event_ids[d.off + j], p_types[d.off + j], p_data[d.off + j], p_metadata[d.off + j]
            FROM decided d, generate_series(1, d.cnt) AS j
           WHERE d.status = 'ok'
           ORDER BY d.i, j
          RETURNING events.stream_id, events.transaction_id, events.global_position
        ),
        updated AS (
          UPDATE event_store.streams s SET version = d.current + d.cnt
            FROM decided d
           WHERE d.status = 'ok' AND s.stream_id = d.stream_id
        ),
        last_inserted AS (
          SELECT ins.stream_id, max(ins.global_position) AS pos
            FROM inserted ins GROUP BY ins.stream_id
        )
        SELECT d.status,
               CASE d.status WHEN 'ok' THEN d.current + d.cnt
                             WHEN 'duplicate' THEN d.last_ver
                             ELSE d.current END,
               CASE WHEN li.pos IS NOT NULL THEN pg_current_xact_id() ELSE prior.transaction_id END,
               coalesce(li.pos, prior.global_position)
          FROM decided d
          LEFT JOIN last_inserted li ON d.status = 'ok' AND li.stream_id = d.stream_id
          LEFT JOIN LATERAL (
            SELECT p.transaction_id, p.global_position FROM event_store.events p
             WHERE d.status = 'duplicate' AND p.stream_id = d.stream_id AND p.stream_version = d.last_ver) prior ON true
         ORDER BY d.i;

        -- One notification for the group, when it appended anything.
        IF EXISTS (SELECT 1 FROM event_store.events e WHERE e.transaction_id = pg_current_xact_id_if_assigned()) THEN
          PERFORM pg_notify('event_store_appended', '');
        END IF;
      END
      $fn$`);
  }

  async down(): Promise<void> {
    // The function of 1763700000091 answers the same; nothing to undo.
  }
}
