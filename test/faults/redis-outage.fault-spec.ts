import { Queue } from 'bullmq';
import { Client } from 'pg';
import { IDEMPOTENCY_KEY_PURGE_SCHEDULER, MAINTENANCE_QUEUE } from '../../libs/http/src/idempotency/idempotency-key-retention';
import { MONTHLY_REPORT_SCHEDULER, REPORTS_QUEUE } from '../../libs/reporting/src/monthly-report/monthly-report.jobs';
import { createTestDatabase, TestDatabase } from '@lc/testing';
import { builtEntry } from '../support/built-app';
import { recordMeasurement } from './measurements';
import { ADMIN, CaseLoad, OwnRedis, startService, waitUntil } from './service';

/**
 * Issue 12 §5: Redis stopped for 30 s under load (REDIS_OUTAGE_SECONDS), then back EMPTY, as a
 * Redis without persistence comes back. Cases keep being opened through it (Redis is not on their
 * path), nothing answers 500, an upload answers 503 at once instead of hanging, a login 503 with
 * Retry-After, and afterwards the worker has registered its job schedulers again by itself.
 */
const OUTAGE_MS = Number(process.env.REDIS_OUTAGE_SECONDS ?? 30) * 1000;

let db: TestDatabase;
let sql: Client;
let redis: OwnRedis;
let service: Awaited<ReturnType<typeof startService>> | undefined;

beforeAll(async () => {
  builtEntry('api');
  builtEntry('worker');
  db = await createTestDatabase('redis_outage');
  sql = new Client({ connectionString: db.url });
  await sql.connect();
  redis = await OwnRedis.start();
});

afterAll(async () => {
  await service?.stop();
  await redis?.kill();
  await sql?.end();
  await db?.drop();
});

it('Redis gone for 30 s under load, then back empty: no 500, honest 503s, schedulers registered again without a restart', async () => {
  const queuePrefix = `test-redis-outage-${Date.now()}`;
  service = await startService({ DATABASE_URL: db.url, REDIS_URL: redis.url, QUEUE_PREFIX: queuePrefix });
  const { client } = service;
  const adminToken = await client.login(ADMIN.username, ADMIN.password);
  const mediators = await Promise.all([1, 2, 3, 4].map((n) => client.mediator(adminToken, n)));

  // Every repeatable job: the monthly report, and the purge of old Idempotency-Keys.
  const schedulers = [
    { queue: new Queue(REPORTS_QUEUE, { connection: { url: redis.url }, prefix: queuePrefix }), id: MONTHLY_REPORT_SCHEDULER },
    { queue: new Queue(MAINTENANCE_QUEUE, { connection: { url: redis.url }, prefix: queuePrefix }), id: IDEMPOTENCY_KEY_PURGE_SCHEDULER },
  ];
  for (const { queue } of schedulers) queue.on('error', () => undefined); // they lose Redis too
  const schedulerRegistered = async () => {
    const found = await Promise.all(schedulers.map(({ queue, id }) => queue.getJobScheduler(id).catch(() => undefined)));
    return found.every(Boolean);
  };
  try {
    await waitUntil(schedulerRegistered, 'the job schedulers at start');

    const load = new CaseLoad(client, mediators.map((m) => m.token));
    load.start();
    await waitUntil(async () => load.opened.size >= 20, 'cases opened before the outage');

    await redis.kill();
    const outageStarted = Date.now();
    const openedBefore = load.opened.size;

    // While Redis is away: a login cannot count failures, so it answers 503 with Retry-After;
    // an upload cannot be queued, so it is refused at once, before anything is written.
    const login = await client.call('POST', '/auth/login', undefined, ADMIN);
    expect(login.status).toBe(503);
    expect(login.headers.get('content-type')).toMatch(/problem\+json/);
    expect(Number(login.headers.get('retry-after'))).toBeGreaterThan(0);

    // One good row of a past year's spreadsheet: it passes every check, then needs the queue.
    const csv = [
      '街道,来源渠道,纠纷类型,用人单位,统一社会信用代码,涉及职工人数,诉求金额（元）,案情摘要,受理日期,申请人',
      '平湖,来访,欠薪,深圳市某某电子有限公司,91440300708461136T,12,360000,12名员工反映2月工资未发放,2021-03-02,张三',
    ].join('\n');
    const form = new FormData();
    form.append('file', new Blob([csv]), 'cases.csv');
    const uploadStarted = Date.now();
    const upload = await fetch(`${client.baseUrl}/api/v1/imports?kind=disputes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
      body: form,
      signal: AbortSignal.timeout(15_000), // "fails fast": an upload waiting for Redis would hang far longer
    });
    const uploadMs = Date.now() - uploadStarted;
    expect({ status: upload.status, body: await upload.json() }).toMatchObject({ status: 503, body: { code: 'service_unavailable' } });
    expect(Number(upload.headers.get('retry-after'))).toBeGreaterThan(0);
    // ...and wrote nothing: no import record waits for a job that was never queued.
    expect((await sql.query(`SELECT count(*)::int AS n FROM imports`)).rows[0].n).toBe(0);

    await waitUntil(async () => Date.now() - outageStarted >= OUTAGE_MS, 'the outage to last', OUTAGE_MS + 10_000);
    const openedDuring = load.opened.size - openedBefore;

    await redis.up(); // empty
    const back = Date.now();
    const rescheduledMs = await waitUntil(schedulerRegistered, 'the job schedulers registered again in the empty Redis', 120_000);
    const loginAfter = await waitUntil(async () => (await client.call('POST', '/auth/login', undefined, ADMIN)).status === 200, 'logins again');

    await load.stop();
    expect(load.serverErrors).toBe(0);
    expect(load.retryAfterMissing).toBe(0);

    // Every case the load opened exists exactly once in the log.
    const checked = await load.inLog(sql);
    expect(checked).toEqual({ lost: 0, doubled: 0 });

    recordMeasurement('redis-outage', {
      outageSeconds: OUTAGE_MS / 1000,
      requestsTried: [...load.statuses.values()].reduce((a, b) => a + b, 0),
      statuses: Object.fromEntries(load.statuses),
      serverErrors5xxOtherThan503: load.serverErrors,
      casesOpened: load.opened.size,
      casesOpenedDuringOutage: openedDuring,
      recordsLost: checked.lost,
      recordsDoubled: checked.doubled,
      uploadAnsweredMs: uploadMs,
      uploadStatus: upload.status,
      schedulerBackAfterRedisMs: rescheduledMs,
      loginBackAfterRedisMs: loginAfter,
      sinceRedisBackMs: Date.now() - back,
      noAnswer: load.noAnswer.map((n) => ({ sentAfterOutageStartMs: n.at - outageStarted, afterMs: n.afterMs })),
    });
  } finally {
    for (const { queue } of schedulers) await queue.close().catch(() => undefined);
  }
}, 10 * 60_000); // a 30 s outage inside; minutes to start and settle on a busy machine
