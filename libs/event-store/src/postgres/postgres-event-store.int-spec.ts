import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('event_store');
});
afterAll(async () => {
  await db?.drop();
});

describeEventStoreContract('PostgreSQL', async () => new PostgresEventStore({ pool: { connectionString: db.url } }));

describe('PostgreSQL adapter specifics', () => {
  it('never lets a reader pass an event that an older transaction commits late', async () => {
    const store = new PostgresEventStore({ pool: { connectionString: db.url } });
    const slow = new Client({ connectionString: db.url });
    await slow.connect();
    const prefix = `late${randomUUID().slice(0, 8)}-`;
    try {
      // The slow transaction takes its global position first, then waits before committing.
      await slow.query('BEGIN');
      await slow.query(
        `SELECT * FROM event_store.append_events($1, 'any', $2::uuid[], ARRAY['Late'], ARRAY['{}'::jsonb], ARRAY['{}'::jsonb])`,
        [`${prefix}slow`, [randomUUID()]],
      );
      await store.append(`${prefix}fast`, [{ eventId: randomUUID(), type: 'Early', data: {} }]);

      // The fast event is committed but sits behind the open transaction: nobody may see it yet.
      expect(await store.readAll({ filter: { streamPrefixes: [prefix] } })).toEqual([]);
      // ...but a reader asking whether it is caught up learns that it is not.
      expect(await store.hasEventsAfter(undefined, { streamPrefixes: [prefix] })).toBe(true);

      await slow.query('COMMIT');
      const seen = await store.readAll({ filter: { streamPrefixes: [prefix] } });
      expect(seen.map((e) => e.type)).toEqual(['Late', 'Early']);
    } finally {
      await slow.end();
      await store.close();
    }
  });

  it('appends a whole batch in one round trip', async () => {
    const store = new PostgresEventStore({ pool: { connectionString: db.url } });
    const queries: string[] = [];
    // Count what reaches the server: node-postgres sends each pool.query as one round trip.
    const pool = (store as unknown as { pool: { query: (...args: unknown[]) => unknown } }).pool;
    const original = pool.query.bind(pool);
    pool.query = (...args: unknown[]) => {
      queries.push(String(args[0]));
      return original(...args);
    };
    try {
      const events = Array.from({ length: 50 }, (_, i) => ({ eventId: randomUUID(), type: 'Bulk', data: { i } }));
      await store.append(`bulk-${randomUUID()}`, events, { expectedVersion: 'no_stream' });
      expect(queries).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
