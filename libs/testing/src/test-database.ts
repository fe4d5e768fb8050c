import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase, runMigrations, withDefaultUser } from '@lc/database';
import { migrations } from '@lc/migrations';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own for one test file, on the real PostgreSQL server
 * (TEST_DATABASE_SERVER, default postgres://localhost:5432). Test files can then run in parallel.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_SERVER ?? 'postgres://localhost:5432';
  const name = `lc_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const url = withDefaultUser(`${server}/${name}`);
  await ensureDatabase(url);
  await runMigrations(url, migrations);
  return {
    url,
    drop: async () => {
      const admin = new Client({ connectionString: withDefaultUser(`${server}/postgres`) });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
