import { DataSource, DataSourceOptions, MigrationInterface } from 'typeorm';
import { withDefaultUser } from './connection';
import { PreparingClient } from './prepared-statements';

/** One migration class; TypeORM runs them in the order of the timestamp that ends the class name. */
export type Migration = new () => MigrationInterface;

/** `options.extra` goes to node-postgres' pool on top of ours: `Client` there replaces PreparingClient. */
export function dataSourceOptions(databaseUrl: string, options: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: withDefaultUser(databaseUrl),
    migrationsTableName: 'schema_migrations',
    // The schema changes only through migrations, reviewed like code.
    synchronize: false,
    migrationsRun: false,
    ...options,
    // Statements marked `prepared` are parsed once per connection (ADR 0020).
    extra: { Client: PreparingClient, ...(options as { extra?: object }).extra },
  } as DataSourceOptions;
}

const MIGRATION_LOCK = 'labour-cases:migrations';

/**
 * Applies pending migrations. Several replicas may start at once; an advisory lock lets one of
 * them migrate while the others wait, then find nothing left to do. The list comes from
 * @lc/migrations, which gathers each lib's beside its tables: this floor, below the contexts,
 * does not know them.
 */
export async function runMigrations(databaseUrl: string, migrations: Migration[]): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, { migrations }));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
