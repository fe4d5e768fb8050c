import { Client } from 'pg';
import { createTestDatabase } from '@lc/testing';
import { evidenceStorageContract } from './evidence-storage.contract';
import { PostgresEvidenceStorage } from './postgres-evidence-storage';

evidenceStorageContract('PostgreSQL', async () => {
  const db = await createTestDatabase('evidence_storage');
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const storage = new PostgresEvidenceStorage(async (sql, params) => (await client.query(sql, params as unknown[])).rows);
  return {
    storage,
    close: async () => {
      await client.end();
      await db.drop();
    },
  };
});
