import { DataSource, DataSourceOptions } from 'typeorm';
import { withDefaultUser } from './connection';
import { migrations } from './migrations';

export function dataSourceOptions(databaseUrl: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: withDefaultUser(databaseUrl),
    migrations,
    migrationsTableName: 'schema_migrations',
    // The schema changes only through migrations, reviewed like code.
    synchronize: false,
    migrationsRun: false,
    ...extra,
  } as DataSourceOptions;
}

const MIGRATION_LOCK = 'labour-cases:migrations';

/**
 * Applies pending migrations. Several replicas may start at once; an advisory lock lets one of
 * them migrate while the others wait, then find nothing left to do.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
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
