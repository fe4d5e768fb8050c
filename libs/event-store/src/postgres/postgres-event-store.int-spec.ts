import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { matchesFilter } from '../event-store.port';
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
        `SELECT * FROM event_store.append_events($1, $2::uuid[], 'any', '[{"type": "Late", "data": {}}]')`,
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

  describe('a transaction that appends nothing does not hold readers back', () => {
    // The shared cluster runs other databases, other services and people's psql sessions. A
    // transaction of theirs that has a transaction id and stays open must not stop this log's
    // readers, as pg_snapshot_xmin once did (a case stayed out of the lists for 38 s).
    async function holdOpenTransaction(url: string, statement: string): Promise<Client> {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query('BEGIN');
      await client.query(statement);
      return client;
    }

    async function appendAndReadWhileOpen(other: Client): Promise<void> {
      const store = new PostgresEventStore({ pool: { connectionString: db.url } });
      const prefix = `open${randomUUID().slice(0, 8)}-`;
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
      try {
        // The other transaction is running, with an id, while these appends commit.
        const { rows } = await other.query<{ state: string }>(
          `SELECT state FROM pg_stat_activity WHERE pid = pg_backend_pid() AND backend_xid IS NOT NULL`,
        );
        expect(rows).toHaveLength(1);
        await store.append(`${prefix}a`, [{ eventId: randomUUID(), type: 'First', data: {} }]);
        await store.append(`${prefix}b`, [{ eventId: randomUUID(), type: 'Second', data: {} }]);

        const read = await store.readAll({ filter: { streamPrefixes: [prefix] } });
        expect(read.map((e) => e.type)).toEqual(['First', 'Second']);
        expect(await store.hasEventsAfter(read[1].globalPosition, { streamPrefixes: [prefix] })).toBe(false);

        // A subscriber gets them too (an idle poll of 2 s is far below jest's timeout; a held-back
        // reader would never get them while the transaction stays open, which it does until finally).
        const iterator = subscription[Symbol.asyncIterator]();
        expect((await iterator.next()).value?.type).toBe('First');
        expect((await iterator.next()).value?.type).toBe('Second');
      } finally {
        await subscription.close();
        await store.close();
      }
    }

    it('in another database of the cluster', async () => {
      const server = new URL(db.url);
      server.pathname = '/postgres';
      const other = await holdOpenTransaction(server.toString(), 'SELECT pg_current_xact_id()');
      try {
        await appendAndReadWhileOpen(other);
      } finally {
        await other.query('ROLLBACK').catch(() => undefined);
        await other.end();
      }
    });

    it('in this database, idle in transaction after a write', async () => {
      const other = await holdOpenTransaction(db.url, 'CREATE TEMP TABLE scratch AS SELECT 1 AS x');
      try {
        await appendAndReadWhileOpen(other);
      } finally {
        await other.query('ROLLBACK').catch(() => undefined);
        await other.end();
      }
    });

    it('nor do short ones that end while the horizon is read: an append is read back at once on a busy cluster', async () => {
      // Sessions of another database write and commit, over and over. One that ended between the
      // horizon's snapshot and its look at pg_locks once held the next read back: 7 % of reads
      // made right after an append missed it (ADR 0004, migration 1764800000210).
      const otherDb = await createTestDatabase('busy_neighbour');
      const others = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const client = new Client({ connectionString: otherDb.url });
          await client.connect();
          return client;
        }),
      );
      await others[0].query('CREATE TABLE writes (n int)');
      let busy = true;
      const churning = others.map(async (client) => {
        while (busy) await client.query('INSERT INTO writes VALUES (1)');
      });
      const store = new PostgresEventStore({ pool: { connectionString: db.url } });
      const prefix = `busy${randomUUID().slice(0, 8)}-`;
      const missed: number[] = [];
      try {
        for (let i = 0; i < 300; i++) {
          await store.append(`${prefix}${i}`, [{ eventId: randomUUID(), type: 'Appended', data: {} }]);
          const read = await store.readAll({ filter: { streamPrefixes: [`${prefix}${i}`] } });
          if (read.length !== 1) missed.push(i);
        }
        expect(missed).toEqual([]);
      } finally {
        busy = false;
        await Promise.all(churning);
        await Promise.all(others.map((client) => client.end()));
        await store.close();
        await otherDb.drop();
      }
    });

    it('while an appender that is still open keeps holding back what committed after it', async () => {
      const store = new PostgresEventStore({ pool: { connectionString: db.url } });
      const prefix = `mixed${randomUUID().slice(0, 8)}-`;
      const bystander = await holdOpenTransaction(db.url, 'SELECT pg_current_xact_id()');
      const appender = new Client({ connectionString: db.url });
      await appender.connect();
      try {
        await store.append(`${prefix}before`, [{ eventId: randomUUID(), type: 'Before', data: {} }]);
        await appender.query('BEGIN');
        await appender.query(
          `SELECT * FROM event_store.append_events($1, $2::uuid[], 'any', '[{"type": "Late", "data": {}}]')`,
          [`${prefix}late`, [randomUUID()]],
        );
        await store.append(`${prefix}after`, [{ eventId: randomUUID(), type: 'After', data: {} }]);

        // The bystander (older than all of them) is passed over; the open appender is not.
        expect((await store.readAll({ filter: { streamPrefixes: [prefix] } })).map((e) => e.type)).toEqual(['Before']);
        await appender.query('COMMIT');
        expect((await store.readAll({ filter: { streamPrefixes: [prefix] } })).map((e) => e.type)).toEqual([
          'Before',
          'Late',
          'After',
        ]);
      } finally {
        await bystander.query('ROLLBACK').catch(() => undefined);
        await bystander.end();
        await appender.end();
        await store.close();
      }
    });
  });

  it('live subscriptions that read together each get exactly their events, in order, while writers append', async () => {
    // One read of the tail serves the subscriptions that ask together (TailReads): each must still
    // get every event its filter lets through, once, in the log's order, whatever the others want.
    const store = new PostgresEventStore({ pool: { connectionString: db.url }, readPageSize: 50 });
    const prefix = `tail${randomUUID().slice(0, 8)}-`;
    const filters = [
      { streamPrefixes: [prefix] },
      { streamPrefixes: [`${prefix}a-`] },
      { streamPrefixes: [`${prefix}b-`, `${prefix}c-`] },
      { streamPrefixes: [prefix], eventTypes: ['Even'] },
      { streamPrefixes: [`${prefix}c-`], eventTypes: ['Odd'] },
    ];
    const subscriptions = filters.map((filter) => store.subscribeToAll({ filter }));
    const writes = 400;
    try {
      await Promise.all(
        Array.from({ length: 8 }, async (_, writer) => {
          for (let i = writer; i < writes; i += 8) {
            await store.append(`${prefix}${'abc'[i % 3]}-${i % 17}`, [{ eventId: randomUUID(), type: i % 2 ? 'Odd' : 'Even', data: { i } }]);
          }
        }),
      );
      const all = await store.readAll({ filter: { streamPrefixes: [prefix] } });
      expect(all).toHaveLength(writes);
      await Promise.all(
        subscriptions.map(async (subscription, s) => {
          const want = all.filter((e) => matchesFilter(e, filters[s])).map((e) => e.eventId);
          const got: string[] = [];
          const iterator = subscription[Symbol.asyncIterator]();
          while (got.length < want.length) got.push((await iterator.next()).value.eventId);
          expect(got).toEqual(want);
        }),
      );
    } finally {
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
      await store.close();
    }
  });

  it('a subscription whose events are rare goes on from the horizon, so shared reads do not start at its last event', async () => {
    // Before, a live subscription kept the position of the last event it wanted: one that wants
    // few events (a worker's accounts read model) made each read it shared with the others start
    // there and return again everything after it, at every wake.
    const store = new PostgresEventStore({ pool: { connectionString: db.url }, readPageSize: 50 });
    const prefix = `rare${randomUUID().slice(0, 8)}-`;
    const rare = store.subscribeToAll({ filter: { streamPrefixes: [`${prefix}rare-`] } });
    const common = store.subscribeToAll({ filter: { streamPrefixes: [`${prefix}common-`] } });
    const pool = (store as unknown as { pool: { query: (...args: unknown[]) => Promise<{ rows: unknown[] }> } }).pool;
    const original = pool.query.bind(pool);
    let rowsRead = 0;
    try {
      // Both consumed as a projection runner consumes: each always waiting for its next event.
      const got = { rare: [] as string[], common: [] as string[] };
      const consumed = [rare, common].map(async (subscription, s) => {
        for await (const event of subscription) (s === 0 ? got.rare : got.common).push(event.streamId);
      });
      const until = async (done: () => boolean) => {
        const deadline = Date.now() + 10_000;
        while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      };
      await store.append(`${prefix}rare-1`, [{ eventId: randomUUID(), type: 'Rare', data: {} }]);
      await until(() => got.rare.length === 1);
      pool.query = async (...args: unknown[]) => {
        const result = await original(...args);
        if (/FROM event_store\.events\s+WHERE \(transaction_id, global_position\) >/.test(String(args[0]))) rowsRead += result.rows.length;
        return result;
      };
      const rounds = 20;
      const perRound = 10;
      for (let round = 1; round <= rounds; round++) {
        const events = Array.from({ length: perRound }, (_, i) => ({ eventId: randomUUID(), type: 'Common', data: { round, i } }));
        await store.append(`${prefix}common-${round}`, events);
        await until(() => got.common.length === round * perRound);
      }
      expect(got.common).toHaveLength(rounds * perRound);
      expect(got.rare).toEqual([`${prefix}rare-1`]);
      pool.query = original;
      await Promise.all([rare.close(), common.close()]);
      await Promise.all(consumed);
      // Each common event read once (200 rows); going on from the rare event's position, the reads
      // the two share return again everything since, up to a page (50), at every wake: 601 rows.
      expect(rowsRead).toBeLessThan(2 * rounds * perRound);
    } finally {
      pool.query = original;
      await Promise.all([rare.close(), common.close()]);
      await store.close();
    }
  });

  it("a subscription's position goes on past the events its filter passes over, to the horizon", async () => {
    // What a projection runner stores as its checkpoint when idle (migration 1765700000300): a
    // filtered read from there does not walk again the events the projection does not read.
    const store = new PostgresEventStore({ pool: { connectionString: db.url }, readPageSize: 50 });
    const prefix = `past${randomUUID().slice(0, 8)}-`;
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix], eventTypes: ['Rare'] } });
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      await store.append(`${prefix}a`, [{ eventId: randomUUID(), type: 'Rare', data: { n: 1 } }]);
      const first = await iterator.next();
      expect(first.value.data).toEqual({ n: 1 });
      // Handed out: the position is that event's, whatever comes after it.
      expect(subscription.position()).toBe(first.value.globalPosition);
      for (let i = 0; i < 3; i++) {
        await store.append(`${prefix}b`, Array.from({ length: 40 }, (_, k) => ({ eventId: randomUUID(), type: 'Common', data: { i, k } })));
      }
      // Waiting for its next event (as a runner always is), it reads on and passes the 120 over.
      const second = iterator.next();
      const deadline = Date.now() + 10_000;
      const pastEverything = async () =>
        (await store.readAll({ fromPosition: subscription.position(), filter: { streamPrefixes: [prefix] } })).length === 0;
      while (!(await pastEverything()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await store.readAll({ fromPosition: subscription.position(), filter: { streamPrefixes: [prefix] } })).toEqual([]);
      // ...and still hands out the next event it wants.
      await store.append(`${prefix}a`, [{ eventId: randomUUID(), type: 'Rare', data: { n: 2 } }]);
      expect((await second).value.data).toEqual({ n: 2 });
      expect(subscription.position()).toBe((await store.readAll({ filter: { streamPrefixes: [prefix], eventTypes: ['Rare'] } }))[1].globalPosition);
    } finally {
      await subscription.close();
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

  describe('group commit', () => {
    // Appends called in one turn of the event loop, or while another group is in flight, share a
    // transaction. One group in flight at a time makes the grouping certain: everything called
    // together goes as one group.
    const grouped = () => new PostgresEventStore({ pool: { connectionString: db.url }, maxInFlightGroups: 1 });
    const ev = (type = 'E') => ({ eventId: randomUUID(), type, data: {} });

    it('appends concurrent appends together, each with its own answer, one conflict failing only itself', async () => {
      const store = grouped();
      const prefix = `group${randomUUID().slice(0, 8)}-`;
      try {
        await store.append(`${prefix}existing`, [ev(), ev()]);
        const results = await Promise.allSettled([
          store.append(`${prefix}a`, [ev('A1'), ev('A2')], { expectedVersion: 'no_stream' }),
          store.append(`${prefix}existing`, [ev('Late')], { expectedVersion: 1 }), // the stream is at 2
          store.append(`${prefix}b`, [ev('B1')], { expectedVersion: 'exists' }), // does not exist
          store.append(`${prefix}c`, [ev('C1')]),
          store.append(`${prefix}existing2`, [ev('X')], { expectedVersion: 0 }),
        ]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
        expect((results[0] as PromiseFulfilledResult<{ nextVersion: number }>).value.nextVersion).toBe(2);
        expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'concurrency_conflict', actual: 2 });
        expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'concurrency_conflict', actual: 0 });
        const all = await store.readAll({ filter: { streamPrefixes: [prefix] } });
        expect(all.map((e) => `${e.streamId.slice(prefix.length)}:${e.streamVersion}:${e.type}`)).toEqual([
          'existing:1:E',
          'existing:2:E',
          'a:1:A1',
          'a:2:A2',
          'c:1:C1',
          'existing2:1:X',
        ]);
        // The results carry the positions of their own last events.
        const a2 = all.find((e) => e.type === 'A2')!;
        expect((results[0] as PromiseFulfilledResult<{ globalPosition: string }>).value.globalPosition).toBe(a2.globalPosition);
      } finally {
        await store.close();
      }
    });

    it('keeps the call order of appends to one stream, and answers a retry in a later group as a no-op', async () => {
      const store = grouped();
      const stream = `order-${randomUUID()}`;
      try {
        const first = ev('First');
        const results = await Promise.all([
          store.append(stream, [first]),
          store.append(stream, [ev('Second')]),
          store.append(stream, [ev('Third')], { expectedVersion: 2 }),
          store.append(stream, [first]), // the same event again: a retry
        ]);
        expect(results.map((r) => r.nextVersion)).toEqual([1, 2, 3, 1]);
        expect(results[3].globalPosition).toBe(results[0].globalPosition);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['First', 'Second', 'Third']);
      } finally {
        await store.close();
      }
    });

    it('an append the database refuses fails alone, the rest of its group is stored', async () => {
      const store = grouped();
      const prefix = `bad${randomUUID().slice(0, 8)}-`;
      try {
        const blocker = store.append(`${prefix}first`, [ev()]);
        const results = await Promise.allSettled([
          store.append(`${prefix}x`, [ev('X')]),
          store.append(`${prefix}bad`, [{ eventId: 'not-a-uuid', type: 'Bad', data: {} }]),
          store.append(`${prefix}y`, [ev('Y')]),
        ]);
        await blocker;
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        const all = await store.readAll({ filter: { streamPrefixes: [prefix] } });
        expect(all.map((e) => e.type).sort()).toEqual(['E', 'X', 'Y']);
      } finally {
        await store.close();
      }
    });

    it('shares the appends called together evenly among the free groups, one transaction each', async () => {
      // Dispatched as they came, the first two appends each took a group alone and the other six
      // waited for a third.
      const store = new PostgresEventStore({ pool: { connectionString: db.url }, maxInFlightGroups: 2 });
      const prefix = `even${randomUUID().slice(0, 8)}-`;
      try {
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(`${prefix}${i}`, [ev(), ev()])));
        const transactions = new Map<string, number>();
        for (const r of results) {
          const tx = r.globalPosition.split('-')[0];
          transactions.set(tx, (transactions.get(tx) ?? 0) + 1);
        }
        expect([...transactions.values()]).toEqual([4, 4]);
        expect(results.map((r) => r.nextVersion)).toEqual(Array(8).fill(2));
      } finally {
        await store.close();
      }
    });

    it('shares one transaction among the appends of a group, which takes the appender lock first', async () => {
      const store = grouped();
      const prefix = `tx${randomUUID().slice(0, 8)}-`;
      try {
        const blocker = store.append(`${prefix}first`, [ev()]);
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(`${prefix}${i}`, [ev()])));
        await blocker;
        const transactions = new Set(results.map((r) => r.globalPosition.split('-')[0]));
        expect(transactions.size).toBe(1);
        // A grouped append left open holds back readers like any appender (read_horizon finds its lock).
        const slow = new Client({ connectionString: db.url });
        await slow.connect();
        try {
          await slow.query('BEGIN');
          await slow.query(
            `SELECT * FROM event_store.append_events_grouped(ARRAY[$1, $2], ARRAY['any', 'any'], ARRAY[1, 1],
               ARRAY[$3, $4]::uuid[], '[{"type": "Slow", "data": {}}, {"type": "Slow", "data": {}}]')`,
            [`${prefix}slow1`, `${prefix}slow2`, randomUUID(), randomUUID()],
          );
          await store.append(`${prefix}fast`, [ev('Fast')]);
          const before = await store.readAll({ filter: { streamPrefixes: [`${prefix}slow`, `${prefix}fast`] } });
          expect(before).toEqual([]);
          await slow.query('COMMIT');
          const after = await store.readAll({ filter: { streamPrefixes: [`${prefix}slow`, `${prefix}fast`] } });
          expect(after.map((e) => e.type)).toEqual(['Slow', 'Slow', 'Fast']);
        } finally {
          await slow.end();
        }
      } finally {
        await store.close();
      }
    });
  });
});
