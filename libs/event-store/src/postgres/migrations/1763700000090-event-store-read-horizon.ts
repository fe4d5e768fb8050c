import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The key of the shared advisory lock every append takes first (the two-int form: classid,
 * objid). read_horizon finds the appenders by it. Shared, so appenders never wait for each other.
 */
export const APPENDER_LOCK = { classId: 1279480645, objId: 1 } as const; // 'LCSE': labour-cases store events

/** append_events taking arrays, as this migration made it (migration 1765400000270 undoes to it). */
export const APPEND_EVENTS = `
      CREATE OR REPLACE FUNCTION event_store.append_events(
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
        -- Mark this transaction as an appender BEFORE it has a transaction id (see read_horizon).
        PERFORM pg_advisory_xact_lock_shared(${APPENDER_LOCK.classId}, ${APPENDER_LOCK.objId});

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
      $fn$`;

/**
 * Readers no longer wait for every transaction of the cluster, only for the appenders.
 *
 * The first horizon was pg_snapshot_xmin: the oldest transaction still running anywhere on the
 * cluster, in any database. A session idle in transaction in another database (a psql left
 * open, another service, another test) then held back every reader of this log for as long as
 * it stayed open: 38 s of a 40 s transaction in one measured run.
 *
 * Only a transaction that inserts events can make an event appear below a reader's position.
 * append_events now takes a shared advisory lock as its very first statement, before the
 * transaction has a transaction id, and keeps it until commit. So a transaction that has an id
 * and does not hold that lock has not appended, and never will with that id: ids are handed out
 * in increasing order and an appender takes the lock before it gets one.
 *
 * read_horizon is the oldest running transaction of the reader's snapshot that might be an
 * appender; without one, the snapshot's xmax. A running id is passed over only when pg_locks
 * shows, at one instant (transaction-id and advisory locks are not fast-path locks, so the view
 * reads them under the lock manager's partition locks as one consistent snapshot), a live
 * backend holding that id without the appender lock of this database. Anything it cannot
 * place (a transaction that ended meanwhile, a prepared transaction) still holds readers back:
 * wrongly waiting is safe, wrongly passing would skip an event for ever.
 *
 * The bound on how long an open transaction can hold back readers is therefore the duration of
 * an append, whatever else runs on the cluster. ADR 0004 has the whole argument.
 */
export class EventStoreReadHorizon1763700000090 implements MigrationInterface {
  name = 'EventStoreReadHorizon1763700000090';

  async up(q: QueryRunner): Promise<void> {
    await q.query(APPEND_EVENTS);
    await q.query(`
      CREATE FUNCTION event_store.read_horizon() RETURNS xid8
      LANGUAGE sql STABLE AS $fn$
        WITH snapshot AS MATERIALIZED (SELECT pg_current_snapshot() AS s),
        locks AS MATERIALIZED (
          SELECT locktype, database, transactionid, pid
            FROM pg_locks
           WHERE granted
             AND ((locktype = 'transactionid' AND mode = 'ExclusiveLock')
               OR (locktype = 'advisory' AND classid = ${APPENDER_LOCK.classId} AND objid = ${APPENDER_LOCK.objId} AND objsubid = 2))
        ),
        appenders AS (
          SELECT pid FROM locks
           WHERE locktype = 'advisory'
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        )
        SELECT coalesce(min(running.xid), (SELECT pg_snapshot_xmax(s) FROM snapshot))
          FROM snapshot, pg_snapshot_xip(snapshot.s) AS running(xid)
         WHERE NOT EXISTS (
           SELECT 1 FROM locks l
            WHERE l.locktype = 'transactionid'
              AND l.transactionid = xid(running.xid)
              AND l.pid IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM appenders a WHERE a.pid = l.pid))
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION event_store.read_horizon()`);
  }
}
