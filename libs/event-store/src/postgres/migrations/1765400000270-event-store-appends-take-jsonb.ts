import { MigrationInterface, QueryRunner } from 'typeorm';
import { APPEND_EVENTS as ARRAY_APPEND_EVENTS, APPENDER_LOCK } from './1763700000090-event-store-read-horizon';
import { EventStoreGroupedAppendIndexed1763700000092 } from './1763700000092-event-store-grouped-append-indexed';
import { APPEND_FUNCTIONS as ARRAY_APPEND_FUNCTIONS, EventStoreAppendsByIndex1765200000250 } from './1765200000250-event-store-appends-by-index';
import { EventStoreAppendsPlannedOnce1765300000260 } from './1765300000260-event-store-appends-planned-once';

const APPEND_FUNCTIONS = [
  'event_store.append_events(text, uuid[], text, jsonb)',
  'event_store.append_events_grouped(text[], text[], int[], uuid[], jsonb)',
];

/*
 * Both functions: the append's events as one jsonb array of {type, data, metadata} (ids apart, as
 * uuid[]), each stream's version read from its last event, and the settings migrations
 * 1765200000250 and 1765300000260 gave the functions before them (plans on indexes, made once per
 * connection).
 */
const SINGLE = `
  CREATE FUNCTION event_store.append_events(
    p_stream_id  text,
    p_event_ids  uuid[],
    p_expected   text,      -- 'any' | 'no_stream' | 'exists' | a version number
    p_events     jsonb      -- [{"type", "data", "metadata"}], one per id, in order
  ) RETURNS TABLE (status text, version bigint, transaction_id xid8, global_position bigint)
  LANGUAGE plpgsql
  SET enable_seqscan = off SET plan_cache_mode = force_generic_plan
  AS $fn$
  DECLARE
    v_current   bigint;
    v_count     int := cardinality(p_event_ids);
    v_known     int;
    v_last_ver  bigint;
    v_last_pos  bigint;
  BEGIN
    -- Mark this transaction as an appender BEFORE it has a transaction id (see read_horizon).
    PERFORM pg_advisory_xact_lock_shared(${APPENDER_LOCK.classId}, ${APPENDER_LOCK.objId});
    IF jsonb_array_length(p_events) IS DISTINCT FROM v_count THEN
      RAISE EXCEPTION 'append_events: % event ids for % events', v_count, jsonb_array_length(p_events);
    END IF;
    -- Appends to one stream take turns; the lock is released after the holder's commit is visible,
    -- so every later statement here sees the events of the appends before ours.
    PERFORM pg_advisory_xact_lock(hashtextextended('event_store:' || p_stream_id, 0));

    SELECT e.stream_version INTO v_current FROM event_store.events e
     WHERE e.stream_id = p_stream_id ORDER BY e.stream_version DESC LIMIT 1;
    v_current := coalesce(v_current, 0);

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

    WITH inserted AS (
      INSERT INTO event_store.events (stream_id, stream_version, event_id, type, data, metadata)
      SELECT p_stream_id, v_current + x.n, p_event_ids[x.n], x.type, x.data, coalesce(x.metadata, '{}')
        FROM ROWS FROM (jsonb_to_recordset(p_events) AS (type text, data jsonb, metadata jsonb)) WITH ORDINALITY AS x(type, data, metadata, n)
       ORDER BY x.n
      RETURNING events.global_position
    )
    SELECT max(i.global_position) INTO v_last_pos FROM inserted i;

    PERFORM pg_notify('event_store_appended', '');
    RETURN QUERY SELECT 'ok'::text, v_current + v_count, pg_current_xact_id(), v_last_pos;
  END
  $fn$`;

export const GROUPED = `
  CREATE FUNCTION event_store.append_events_grouped(
    p_stream_ids text[],   -- one per append, all distinct
    p_expected   text[],   -- one per append: 'any' | 'no_stream' | 'exists' | a version number
    p_counts     int[],    -- one per append: how many of the events below are its own
    p_event_ids  uuid[],   -- the events of all appends, append after append
    p_events     jsonb     -- [{"type", "data", "metadata"}], one per id, in the same order
  ) RETURNS TABLE (status text, version bigint, transaction_id xid8, global_position bigint)
  LANGUAGE plpgsql
  SET enable_seqscan = off SET plan_cache_mode = force_generic_plan
  AS $fn$
  BEGIN
    -- Mark this transaction as an appender BEFORE it has a transaction id (see read_horizon).
    PERFORM pg_advisory_xact_lock_shared(${APPENDER_LOCK.classId}, ${APPENDER_LOCK.objId});

    IF (SELECT count(DISTINCT s) FROM unnest(p_stream_ids) s) <> cardinality(p_stream_ids) THEN
      RAISE EXCEPTION 'append_events_grouped: one append per stream per group';
    END IF;
    IF jsonb_array_length(p_events) IS DISTINCT FROM cardinality(p_event_ids)
       OR (SELECT sum(c) FROM unnest(p_counts) c) IS DISTINCT FROM cardinality(p_event_ids) THEN
      RAISE EXCEPTION 'append_events_grouped: the counts, ids and events do not match';
    END IF;

    -- Every stream lock before any write, in ascending key order (no two groups wait on each other).
    PERFORM pg_advisory_xact_lock(k)
       FROM (SELECT DISTINCT hashtextextended('event_store:' || s, 0) AS k FROM unnest(p_stream_ids) s ORDER BY 1) keys;

    RETURN QUERY
    WITH req AS (
      SELECT a.i, a.stream_id, a.expected, a.cnt,
             (sum(a.cnt) OVER (ORDER BY a.i) - a.cnt)::int AS off
        FROM unnest(p_stream_ids, p_expected, p_counts) WITH ORDINALITY AS a(stream_id, expected, cnt, i)
    ),
    cur AS (
      SELECT r.*, coalesce(head.version, 0) AS current
        FROM req r
        LEFT JOIN LATERAL (
          SELECT e.stream_version AS version FROM event_store.events e
           WHERE e.stream_id = r.stream_id ORDER BY e.stream_version DESC LIMIT 1) head ON true
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
        FROM cur c
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS known, max(e.stream_version) AS last_ver
            FROM event_store.events e
           WHERE e.stream_id = c.stream_id AND e.event_id = ANY (p_event_ids[c.off + 1 : c.off + c.cnt])) k
    ),
    -- Read once: as the inner side of the join below, the function would run again for each append.
    ev AS MATERIALIZED (
      SELECT x.* FROM ROWS FROM (jsonb_to_recordset(p_events) AS (type text, data jsonb, metadata jsonb))
        WITH ORDINALITY AS x(type, data, metadata, n)
    ),
    inserted AS (
      INSERT INTO event_store.events (stream_id, stream_version, event_id, type, data, metadata)
      SELECT d.stream_id, d.current + ev.n - d.off, p_event_ids[ev.n], ev.type, ev.data, coalesce(ev.metadata, '{}')
        FROM decided d JOIN ev ON ev.n > d.off AND ev.n <= d.off + d.cnt
       WHERE d.status = 'ok'
       ORDER BY ev.n
      RETURNING events.stream_id, events.global_position
    ),
    last_inserted AS (
      SELECT ins.stream_id, max(ins.global_position) AS pos FROM inserted ins GROUP BY ins.stream_id
    )
    SELECT d.status,
           CASE d.status WHEN 'ok' THEN d.current + d.cnt WHEN 'duplicate' THEN d.last_ver ELSE d.current END,
           CASE WHEN li.pos IS NOT NULL THEN pg_current_xact_id() ELSE prior.transaction_id END,
           coalesce(li.pos, prior.global_position)
      FROM decided d
      LEFT JOIN last_inserted li ON d.status = 'ok' AND li.stream_id = d.stream_id
      LEFT JOIN LATERAL (
        SELECT p.transaction_id, p.global_position FROM event_store.events p
         WHERE d.status = 'duplicate' AND p.stream_id = d.stream_id AND p.stream_version = d.last_ver) prior ON true
     ORDER BY d.i;

    -- One notification for the group, when it appended anything (only an insert gives it an id).
    IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
      PERFORM pg_notify('event_store_appended', '');
    END IF;
  END
  $fn$`;

/*
 * The array-taking signatures, kept as thin wrappers over the functions above: an API replica
 * still running the code before this migration (a rolling deploy) goes on appending, at the right
 * versions, until it is replaced. A later migration may drop them.
 */
const BODIES = (types: string, data: string, metadata: string) =>
  `(SELECT coalesce(jsonb_agg(jsonb_build_object('type', x.t, 'data', x.d, 'metadata', x.m) ORDER BY x.n), '[]')
      FROM unnest(${types}, ${data}, ${metadata}) WITH ORDINALITY AS x(t, d, m, n))`;
const SINGLE_OF_ARRAYS = `
  CREATE FUNCTION event_store.append_events(
    p_stream_id text, p_expected text, p_event_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
  ) RETURNS TABLE (status text, version bigint, transaction_id xid8, global_position bigint)
  LANGUAGE sql AS $fn$
    SELECT * FROM event_store.append_events(p_stream_id, p_event_ids, p_expected, ${BODIES('p_types', 'p_data', 'p_metadata')})
  $fn$`;
const GROUPED_OF_ARRAYS = `
  CREATE FUNCTION event_store.append_events_grouped(
    p_stream_ids text[], p_expected text[], p_counts int[], p_event_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
  ) RETURNS TABLE (status text, version bigint, transaction_id xid8, global_position bigint)
  LANGUAGE sql AS $fn$
    SELECT * FROM event_store.append_events_grouped(p_stream_ids, p_expected, p_counts, p_event_ids, ${BODIES('p_types', 'p_data', 'p_metadata')})
  $fn$`;

/**
 * The appends take their events as one jsonb array, and find a stream's version from its last
 * event; event_store.streams goes.
 *
 * Section 1's 10-event batches spent more than half their CPU outside inserting rows: node-postgres
 * escaping each event's JSON into the text form of a jsonb[] array (and PostgreSQL reading it back,
 * element by element), and a row of event_store.streams written twice per append (created, then
 * its version updated) and read under lock. Measured on one connection, 40-event groups,
 * synchronous_commit off: the array form cost PostgreSQL 29-35 us and node 15-17 us per event,
 * one jsonb document 18-26 and 7-11.
 *
 * The streams' rows held nothing the events do not: a stream's version is its last event's
 * (an index probe backwards on events_stream_version_unique), and the per-stream advisory lock
 * already serialises appends to one stream, which is what `FOR UPDATE` on the row did as well.
 * The parameter order of append_events changes (ids before expected) so that no call of the old
 * signature can reach the new function by accident; the old signatures stay, as wrappers.
 */
export class EventStoreAppendsTakeJsonb1765400000270 implements MigrationInterface {
  name = 'EventStoreAppendsTakeJsonb1765400000270';

  async up(q: QueryRunner): Promise<void> {
    for (const fn of ARRAY_APPEND_FUNCTIONS) await q.query(`DROP FUNCTION ${fn}`);
    await q.query(SINGLE);
    await q.query(GROUPED);
    await q.query(SINGLE_OF_ARRAYS);
    await q.query(GROUPED_OF_ARRAYS);
    await q.query(`DROP TABLE event_store.streams`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE event_store.streams (stream_id text PRIMARY KEY, version bigint NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO event_store.streams SELECT stream_id, max(stream_version) FROM event_store.events GROUP BY stream_id`);
    for (const fn of [...ARRAY_APPEND_FUNCTIONS, ...APPEND_FUNCTIONS]) await q.query(`DROP FUNCTION ${fn}`);
    // The array-taking functions as the migrations before this one left them.
    await q.query(ARRAY_APPEND_EVENTS);
    await new EventStoreGroupedAppendIndexed1763700000092().up(q);
    await new EventStoreAppendsByIndex1765200000250().up(q);
    await new EventStoreAppendsPlannedOnce1765300000260().up(q);
  }
}
