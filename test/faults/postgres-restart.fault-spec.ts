import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '@lc/database';
import { migrations } from '@lc/migrations';
import { builtEntry } from '../support/built-app';
import { recordMeasurement } from './measurements';
import { ADMIN, CaseLoad, OwnPostgres, startService, waitUntil } from './service';

/**
 * Issue 12 §5: PostgreSQL stopped for a while (POSTGRES_OUTAGE_SECONDS, default 20) under load and
 * started again, on a cluster of the test's own. While it is down every request answers 503
 * problem+json with Retry-After, never 500; afterwards the service recovers by itself (no
 * restart): requests succeed, the projections catch up, and every case the load opened exists
 * exactly once.
 */
const OUTAGE_MS = Number(process.env.POSTGRES_OUTAGE_SECONDS ?? 20) * 1000;

let pg: OwnPostgres;
let service: Awaited<ReturnType<typeof startService>> | undefined;

beforeAll(async () => {
  builtEntry('api');
  builtEntry('worker');
  pg = await OwnPostgres.start();
  await ensureDatabase(pg.url('labour_cases'));
  await runMigrations(pg.url('labour_cases'), migrations);
});

afterAll(async () => {
  await service?.stop();
  await pg?.destroy();
});

it('PostgreSQL restarted under load: 503 with Retry-After while it is down, then recovery without a restart, each case once', async () => {
  const url = pg.url('labour_cases');
  service = await startService({ DATABASE_URL: url, MIGRATIONS_RUN: 'false' });
  const { client } = service;
  const adminToken = await client.login(ADMIN.username, ADMIN.password);
  const mediators = await Promise.all([1, 2, 3, 4].map((n) => client.mediator(adminToken, n)));

  const load = new CaseLoad(client, mediators.map((m) => m.token));
  load.start();
  await waitUntil(async () => load.opened.size >= 20, 'cases opened before the outage');

  await pg.down();
  const downAt = Date.now();
  // A read while the database is away: an honest 503, not a 500.
  const list = await client.call('GET', '/disputes', mediators[0].token);
  expect(list.status).toBe(503);
  expect(list.body).toMatchObject({ status: 503, code: 'service_unavailable' });
  expect(Number(list.headers.get('retry-after'))).toBeGreaterThan(0);
  await waitUntil(async () => Date.now() - downAt >= OUTAGE_MS, 'the outage to last', OUTAGE_MS + 10_000);
  const openedBeforeUp = load.opened.size;

  await pg.up();
  const upAt = Date.now();
  const recoveredMs = await waitUntil(async () => load.opened.size > openedBeforeUp + 5, 'cases opened again after the restart');
  const healthyMs = await waitUntil(
    async () => (await fetch(`${client.baseUrl}/health`).then((r) => r.status).catch(() => 0)) === 200,
    'health 200 again',
  );
  await load.stop();

  expect(load.serverErrors).toBe(0);
  expect(load.retryAfterMissing).toBe(0);
  expect(load.count(503)).toBeGreaterThan(0); // the outage was met, and answered honestly

  // Each case once in the log, and the list (a projection) catches up with all of them.
  const sql = new Client({ connectionString: url });
  await sql.connect();
  const checked = await load.inLog(sql).finally(() => sql.end());
  expect(checked).toEqual({ lost: 0, doubled: 0 });
  await waitUntil(async () => {
    const res = await client.call('GET', '/disputes?pageSize=1', adminToken);
    return res.status === 200 && res.body.total === load.opened.size;
  }, 'the dispute list to show every case');
  const listedAt = Date.now();

  recordMeasurement('postgres-restart', {
    outageSeconds: OUTAGE_MS / 1000,
    requestsTried: [...load.statuses.values()].reduce((a, b) => a + b, 0),
    statuses: Object.fromEntries(load.statuses),
    serverErrors5xxOtherThan503: load.serverErrors,
    casesOpened: load.opened.size,
    recordsLost: checked.lost,
    recordsDoubled: checked.doubled,
    firstCasesAfterRestartMs: recoveredMs,
    healthyAfterRestartMs: healthyMs,
    listCaughtUpAfterRestartMs: listedAt - upAt,
    noAnswer: load.noAnswer.map((n) => ({ sentAfterOutageStartMs: n.at - downAt, afterMs: n.afterMs })),
  });
}, 10 * 60_000); // an outage inside; minutes to start and settle on a busy machine
