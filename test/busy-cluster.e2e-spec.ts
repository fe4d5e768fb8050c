import { Client } from 'pg';
import { bearer, startTestApp, TestApp } from './support/test-app';

// The shared PostgreSQL cluster runs other databases and other people's sessions. One of them
// holding a transaction open (with a transaction id) must not keep new cases out of the lists:
// the event store's readers wait only for transactions that append events (ADR 0004).
const NOW = new Date('2026-03-10T02:00:00Z');

let app: TestApp;
const held: Client[] = [];

/** A session that starts a transaction, takes an id, and stays idle in it until the test ends. */
async function idleInTransaction(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  held.push(client);
  await client.query('BEGIN');
  await client.query(statement);
}

beforeAll(async () => {
  app = await startTestApp('busy_cluster', { now: NOW });
});
afterAll(async () => {
  for (const client of held) await client.end().catch(() => undefined);
  await app?.close();
});

it('cases opened while other sessions sit in open transactions reach the lists', async () => {
  const otherDatabase = new URL(app.db.url);
  otherDatabase.pathname = '/postgres';
  await idleInTransaction(otherDatabase.toString(), 'SELECT pg_current_xact_id()');
  await idleInTransaction(app.db.url, 'CREATE TEMP TABLE scratch AS SELECT 1 AS x');

  const mediator = await app.user('mediator', 'pinghu');
  const opened: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await app
      .http()
      .post('/api/v1/disputes')
      .set(...bearer(mediator.token))
      .send({
        channel: 'walk_in',
        subDistrict: 'pinghu',
        employer: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
        category: 'wage_arrears',
        workersInvolved: 3,
        amountClaimedFen: 1_000_000 + i,
        summary: `第${i + 1}宗`,
        openedOn: '2026-03-02',
        claimants: [{ name: '张三' }],
      });
    expect(res.status).toBe(201);
    opened.push(res.body.id);
  }

  // Both sessions are still open: the projections must catch up all the same (settled() gives
  // them 30 s; before ADR 0004's read horizon they waited for the sessions to end).
  const stillOpen = await held[0].query('SELECT pg_current_xact_id() IS NOT NULL AS open');
  expect(stillOpen.rows[0].open).toBe(true);
  await app.settled();
  const list = await app.http().get('/api/v1/disputes?pageSize=50').set(...bearer(mediator.token));
  expect(list.status).toBe(200);
  expect((list.body.items as Array<{ id: string }>).map((item) => item.id).sort()).toEqual([...opened].sort());
});
