import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '@lc/database';
import { PostgresEventStore } from '@lc/event-store';
import { migrations } from '@lc/migrations';
import { OwnPostgres } from './service';

/**
 * Issue 12 §5: a transaction left open anywhere on the cluster must not hold this log's readers
 * back. A prepared transaction (two-phase commit) is the one kind that outlives its session and
 * shows no backend in pg_locks; the shared cluster allows none (max_prepared_transactions = 0),
 * so this runs on a cluster of the test's own that allows a few.
 */
let pg: OwnPostgres;

beforeAll(async () => {
  pg = await OwnPostgres.start();
  for (const database of ['log', 'neighbour']) {
    await ensureDatabase(pg.url(database));
  }
  await runMigrations(pg.url('log'), migrations);
});

afterAll(async () => {
  await pg?.destroy();
});

async function prepare(database: string, statement: string, gid: string): Promise<void> {
  const client = new Client({ connectionString: pg.url(database) });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(statement);
    await client.query(`PREPARE TRANSACTION '${gid}'`);
  } finally {
    await client.end(); // the prepared transaction outlives its session
  }
}

async function finish(database: string, gid: string, how: 'COMMIT' | 'ROLLBACK'): Promise<void> {
  const client = new Client({ connectionString: pg.url(database) });
  await client.connect();
  try {
    await client.query(`${how} PREPARED '${gid}'`);
  } finally {
    await client.end();
  }
}

const event = (type: string) => [{ eventId: randomUUID(), type, data: {} }];

it("another database's prepared transaction does not hold this log's readers back", async () => {
  const store = new PostgresEventStore({ pool: { connectionString: pg.url('log') } });
  try {
    await prepare('neighbour', 'CREATE TABLE t (n int); INSERT INTO t VALUES (1)', 'neighbour-open');
    await store.append('case-a', event('WhileNeighbourPrepared'));
    const read = await store.readAll();
    expect(read.map((e) => e.type)).toEqual(['WhileNeighbourPrepared']);
    expect(await store.hasEventsAfter(read[0].globalPosition)).toBe(false);
  } finally {
    await finish('neighbour', 'neighbour-open', 'ROLLBACK').catch(() => undefined);
    await store.close();
  }
});

it('an append cannot be prepared, so no prepared transaction holds an event', async () => {
  // append_events notifies, and PostgreSQL refuses to prepare a transaction that did. Readers
  // still wait for a prepared transaction of this database (read_horizon), should that change.
  await expect(
    prepare(
      'log',
      `SELECT * FROM event_store.append_events('case-prepared', ARRAY['${randomUUID()}']::uuid[], 'any',
         '[{"type": "Prepared", "data": {}}]')`,
      'log-append',
    ),
  ).rejects.toThrow(/cannot PREPARE a transaction that has executed LISTEN, UNLISTEN, or NOTIFY/);
});
