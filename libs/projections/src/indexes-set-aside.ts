import { DataSource, EntityManager } from 'typeorm';
import { Projection } from './projection';

/**
 * A rebuild writes a read model from empty, row after row: every secondary index of its tables
 * takes an entry per row written, in no order, and a row written again in a later page takes new
 * ones. Dropped before the replay and made again after it, each index is built once from the
 * finished table, sorted: on the bench machine a 1,000,000-event rebuild spent about 10 s less of
 * PostgreSQL's CPU with them set aside, and making them again took about 4 s (ADR 0018).
 *
 * Set aside: the indexes of the projection's tables that no constraint needs (unique ones decide
 * upserts and refuse doubles, so they stay) and that its apply does not read by
 * (Projection.indexesReadWhileApplying). The statements that make them again are kept in
 * projection_indexes_set_aside in the same transaction as the drop, so a rebuild that dies halfway
 * leaves them on record; whoever next runs the projection makes them again first.
 */
export async function setIndexesAside(tx: EntityManager, projection: Projection): Promise<number> {
  if (projection.tables.length === 0) return 0;
  const indexes: { name: string; definition: string }[] = await tx.query(
    `SELECT format('%I.%I', n.nspname, i.relname) AS name, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = i.relnamespace
      WHERE x.indrelid = ANY ($1::text[]::regclass[])
        AND NOT x.indisunique AND NOT x.indisprimary AND NOT x.indisexclusion
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        AND NOT (i.relname = ANY ($2::text[]))
      ORDER BY 1`,
    [projection.tables, projection.indexesReadWhileApplying ?? []],
  );
  for (const index of indexes) {
    await tx.query(
      `INSERT INTO projection_indexes_set_aside (projection, index_name, definition) VALUES ($1, $2, $3)
       ON CONFLICT (projection, index_name) DO UPDATE SET definition = EXCLUDED.definition, set_aside_at = now()`,
      [projection.name, index.name, index.definition],
    );
    await tx.query(`DROP INDEX ${index.name}`);
  }
  return indexes.length;
}

/**
 * Makes again the indexes set aside for the projection, in one transaction that also forgets them.
 * Nothing to do (one query) when none are: called whenever a process starts running a projection.
 */
export async function restoreIndexes(dataSource: DataSource, projection: Projection): Promise<number> {
  const pending: { definition: string }[] = await dataSource.query(
    `SELECT definition FROM projection_indexes_set_aside WHERE projection = $1 ORDER BY index_name`,
    [projection.name],
  );
  if (pending.length === 0) return 0;
  await dataSource.transaction(async (tx) => {
    // Sorting a large table's keys in memory rather than in batches on disk; for this transaction only.
    await tx.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const { definition } of pending) {
      // IF NOT EXISTS: a migration, or an earlier attempt cut short after its commit, may have made it.
      await tx.query(definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
    }
    await tx.query(`DELETE FROM projection_indexes_set_aside WHERE projection = $1`, [projection.name]);
  });
  return pending.length;
}
