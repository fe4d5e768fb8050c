import { MigrationInterface, QueryRunner } from 'typeorm';
import { APPENDER_LOCK } from './1763700000090-event-store-read-horizon';

/** The horizon's query (migration 1764900000220 runs the same in PL/pgSQL, its plan kept). */
export const READ_HORIZON = `
        WITH snapshot AS MATERIALIZED (SELECT pg_current_snapshot() AS s),
        locks AS MATERIALIZED (
          SELECT locktype, database, transactionid, pid
            FROM pg_locks
           WHERE granted
             AND ((locktype = 'transactionid' AND mode = 'ExclusiveLock')
               OR (locktype = 'advisory' AND classid = ${APPENDER_LOCK.classId} AND objid = ${APPENDER_LOCK.objId} AND objsubid = 2))
        ),
        appenders AS MATERIALIZED (
          SELECT pid FROM locks
           WHERE locktype = 'advisory'
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        ),
        holders AS MATERIALIZED (
          SELECT transactionid, pid FROM locks WHERE locktype = 'transactionid'
        ),
        appender_without_id AS MATERIALIZED (
          SELECT EXISTS (
            SELECT 1 FROM appenders a WHERE NOT EXISTS (SELECT 1 FROM holders h WHERE h.pid = a.pid)
          ) AS found
        )
        SELECT coalesce(min(running.xid), (SELECT pg_snapshot_xmax(s) FROM snapshot))
          FROM snapshot, pg_snapshot_xip(snapshot.s) AS running(xid)
         WHERE EXISTS (
                 SELECT 1 FROM holders h
                  WHERE h.transactionid = xid(running.xid)
                    AND (h.pid IN (SELECT pid FROM appenders)
                      OR (h.pid IS NULL AND NOT EXISTS (
                            SELECT 1 FROM pg_prepared_xacts p
                             WHERE p.transaction = xid(running.xid) AND p.database <> current_database()))))
            OR (NOT EXISTS (SELECT 1 FROM holders h WHERE h.transactionid = xid(running.xid))
                AND (SELECT found FROM appender_without_id))`;

/**
 * read_horizon no longer holds readers back for a transaction that ended while it looked.
 *
 * The horizon takes the statement's snapshot first and reads pg_locks after it. A transaction in
 * the snapshot that ended in between (a short insert in another database of the cluster, say) is
 * gone from pg_locks, so the first version could not place it and held readers back below it. On
 * a cluster busy with other work that happened to 7 % of reads made right after an append (2,000
 * append-then-read pairs beside 16 sessions of one-row inserts in another database): readAll did
 * not return an event whose append had already resolved, and a contract test failed in CI.
 *
 * A transaction id in the snapshot but absent from pg_locks is either
 *   - ended: PostgreSQL takes a transaction out of the proc array before it releases its locks,
 *     so every later snapshot, the reader's page included, sees it finished; or
 *   - just assigned: the id is in the proc array but its lock not yet in the lock table.
 * Only the second can still append here, and only if it is an appender of this database, which
 * took the appender lock before it got its id. So an unplaced id holds readers back only while
 * some appender of this database shows no transaction id of its own in the same pg_locks read
 * (it has none yet, or is in that moment between id and lock).
 *
 * A prepared transaction (two-phase commit: its locks have no pid) of another database is passed
 * over too; before, one left prepared anywhere on the cluster held every reader back until someone
 * committed it. One of this database is still waited for: an append cannot be prepared today
 * (append_events notifies, and PostgreSQL refuses to prepare such a transaction), but that would
 * no longer hold if the notification moved. As before, an id held by an appender of this database holds readers
 * back, and an id held by any other live backend is passed over.
 */
export class EventStoreReadHorizonEndedTransactions1764800000210 implements MigrationInterface {
  name = 'EventStoreReadHorizonEndedTransactions1764800000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION event_store.read_horizon() RETURNS xid8
      LANGUAGE sql STABLE AS $fn$
${READ_HORIZON}
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION event_store.read_horizon() RETURNS xid8
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
}
