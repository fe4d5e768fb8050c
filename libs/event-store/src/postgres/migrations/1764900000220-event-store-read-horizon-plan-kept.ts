import { MigrationInterface, QueryRunner } from 'typeorm';
import { READ_HORIZON } from './1764800000210-event-store-read-horizon-ended-transactions';

/**
 * read_horizon in PL/pgSQL, the same query: its plan is kept for the session instead of made again
 * at every call. PostgreSQL plans the query of a SQL function (one it cannot inline, as this one
 * with its CTEs) anew each time it is called: 1.0 ms of planning for 0.2-0.3 ms of execution,
 * measured with EXPLAIN on an idle machine. Every subscribing process asks once per wake; under the
 * HTTP bench the calls were 13 % of PostgreSQL's statement time.
 *
 * The query's names are its columns (`#variable_conflict use_column`: it has a column `found`,
 * which PL/pgSQL also has as a variable).
 *
 * When no transaction of the cluster is running in the snapshot, the answer is the snapshot's xmax
 * without reading pg_locks (the query's own answer then: the minimum over no running id).
 */
export class EventStoreReadHorizonPlanKept1764900000220 implements MigrationInterface {
  name = 'EventStoreReadHorizonPlanKept1764900000220';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION event_store.read_horizon() RETURNS xid8
      LANGUAGE plpgsql STABLE AS $fn$
      #variable_conflict use_column
      DECLARE
        current_snapshot pg_snapshot := pg_current_snapshot();
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_snapshot_xip(current_snapshot)) THEN
          RETURN pg_snapshot_xmax(current_snapshot);
        END IF;
        RETURN (${READ_HORIZON.replace('SELECT pg_current_snapshot() AS s', 'SELECT current_snapshot AS s')});
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION event_store.read_horizon() RETURNS xid8
      LANGUAGE sql STABLE AS $fn$
${READ_HORIZON}
      $fn$`);
  }
}
