import { Client } from 'pg';
import { recordMeasurement } from './faults/measurements';
import { bearer, startTestApp, TestApp } from './support/test-app';

// The shared PostgreSQL cluster runs other databases and other people's sessions. One of them
// holding a transaction open (with a transaction id) must not keep new cases out of the lists:
// the event store's readers wait only for transactions that append events (ADR 0004). The bound
// is therefore the duration of one append, not the other session's: a case opened while the
// session is open is listed while it is still open, however long it stays open.
const NOW = new Date('2026-03-10T02:00:00Z');
/** How long the other sessions stay in their transactions, at least (issue 12: 60 s). */
const HELD_MS = 60_000;
/** Cases opened one after another while they do. */
const CASES = 12;
/**
 * The bound this test holds the service to, from a case's 201 to the list showing it. The design's
 * bound is one append plus the projection's own lag; this is far above that on a busy machine and
 * far below what a held-back reader would show (the whole HELD_MS: 38 s of a 40 s transaction in
 * the measured run before the fix). It is a correctness bound, not a speed figure (those are in
 * docs/benchmarks.md).
 */
const BOUND_MS = HELD_MS / 4;

let app: TestApp;
const held: Client[] = [];

/** A session that starts a transaction, takes an id, and stays idle in it until the test ends. */
async function idleInTransaction(url: string, statement: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  held.push(client);
  await client.query('BEGIN');
  await client.query(statement);
  return client;
}

async function stillInTransaction(client: Client, xid: string): Promise<boolean> {
  const { rows } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
  return rows[0].xid === xid;
}

beforeAll(async () => {
  app = await startTestApp('busy_cluster', { now: NOW });
});
afterAll(async () => {
  for (const client of held) await client.end().catch(() => undefined);
  await app?.close();
});

it(`cases opened while other sessions sit in open transactions for ${HELD_MS / 1000} s are listed before those end`, async () => {
  const otherDatabase = new URL(app.db.url);
  otherDatabase.pathname = '/postgres';
  const elsewhere = await idleInTransaction(otherDatabase.toString(), 'SELECT pg_current_xact_id()');
  const here = await idleInTransaction(app.db.url, 'CREATE TEMP TABLE scratch AS SELECT 1 AS x');
  const xids = await Promise.all(held.map(async (c) => (await c.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0].xid));
  const heldSince = Date.now();

  const mediator = await app.user('mediator', 'pinghu');
  const list = async (): Promise<Set<string>> => {
    const res = await app.http().get('/api/v1/disputes?pageSize=100').set(...bearer(mediator.token));
    expect(res.status).toBe(200);
    return new Set((res.body.items as Array<{ id: string }>).map((item) => item.id));
  };

  // One case every HELD_MS / CASES, the last at HELD_MS, each followed until the list shows it: the time from its 201
  // to the list is what an open transaction elsewhere would have stretched (38 s of a 40 s one).
  const visibleAfterMs: number[] = [];
  for (let i = 0; i < CASES; i++) {
    const due = heldSince + ((i + 1) * HELD_MS) / CASES;
    if (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
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
        claimants: [{ name: `张${i}` }],
      });
    expect(res.status).toBe(201);
    const answeredAt = Date.now();
    while (!(await list()).has(res.body.id)) await new Promise((r) => setTimeout(r, 20));
    visibleAfterMs.push(Date.now() - answeredAt);
    // Listed while both sessions are still in the same transactions they started with.
    await expect(stillInTransaction(elsewhere, xids[0])).resolves.toBe(true);
    await expect(stillInTransaction(here, xids[1])).resolves.toBe(true);
  }
  const heldMs = Date.now() - heldSince;
  expect(heldMs).toBeGreaterThanOrEqual(HELD_MS);
  expect((await list()).size).toBe(CASES);

  const sorted = [...visibleAfterMs].sort((a, b) => a - b);
  expect(sorted[sorted.length - 1]).toBeLessThan(BOUND_MS);
  recordMeasurement('busy-cluster', {
    transactionsHeldOpenMs: heldMs,
    casesOpened: CASES,
    listedWhileHeldOpen: visibleAfterMs.length,
    msFrom201ToListedMedian: sorted[Math.floor(sorted.length / 2)],
    msFrom201ToListedMax: sorted[sorted.length - 1],
  });
}, 5 * 60_000);
