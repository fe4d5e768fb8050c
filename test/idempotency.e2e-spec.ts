import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { alertIdForKey } from '@lc/alerts';
import { IDEMPOTENCY_KEY_PURGE_SCHEDULER, IdempotencyKeyPurge, MAINTENANCE_QUEUE } from '@lc/http';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { openDisputeBody } from './support/bodies';

/**
 * Issue 12 §1: a key whose request died with its process is a lease that runs out; the same
 * request then runs again and answers as the first time, appending nothing twice. Keys are
 * deleted after their retention, and an alert's identity does not depend on them.
 */
const NOW = new Date('2026-03-10T02:00:00Z');

let app: TestApp;
let mediator: { id: string; token: string };
let informant: { id: string; token: string };
let sql: DataSource;

beforeAll(async () => {
  app = await startTestApp('idempotency', { now: NOW, env: { IDEMPOTENCY_LEASE_SECONDS: '2' } });
  mediator = await app.user('mediator', 'pinghu');
  informant = await app.user('informant', 'pinghu');
  sql = app.api.get(DataSource);
});
afterAll(async () => {
  await app?.close();
});

const post = (token: string, path: string, body: object, key: string) =>
  app.http().post(`/api/v1${path}`).set(...bearer(token)).set('Idempotency-Key', key).send(body);

const alertBody = () => ({
  enterprise: { name: '深圳市某某电子有限公司', creditCode: '91440300708461136T' },
  subDistrict: 'pinghu',
  signals: ['owner_unreachable', 'wage_delay'],
  workersAffected: 60,
  description: '老板失联，工人聚集在厂门口',
  observedAt: '2026-03-10T09:30:00+08:00',
});

/** What a SIGKILL between the append and the stored answer leaves: the key pending, its lease running. */
async function asIfTheProcessDied(key: string, leaseSecondsLeft: number): Promise<void> {
  const [, updated] = await sql.query(
    `UPDATE idempotency_keys SET state = 'pending', status = NULL, body = NULL, headers = NULL, lease_id = gen_random_uuid(),
            lease_expires_at = now() + make_interval(secs => $2) WHERE key = $1`,
    [key, leaseSecondsLeft],
  );
  expect(updated).toBe(1);
}

async function waitUntilLeaseRunsOut(key: string): Promise<void> {
  for (;;) {
    const [{ left }] = await sql.query(`SELECT extract(epoch FROM lease_expires_at - now())::float8 AS left FROM idempotency_keys WHERE key = $1`, [key]);
    if (left < 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const streamTypes = async (stream: string) => (await app.store.readStream(stream)).map((e) => e.type);

it('an alert whose request died mid-way: 409 with Retry-After while the lease runs, then the retry answers as the first time', async () => {
  const key = randomUUID();
  const first = await post(informant.token, '/alerts', alertBody(), key);
  expect(first.status).toBe(201);
  await asIfTheProcessDied(key, 30);

  const early = await post(informant.token, '/alerts', alertBody(), key);
  expect(early.status).toBe(409);
  expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);

  await sql.query(`UPDATE idempotency_keys SET lease_expires_at = now() - interval '1 second' WHERE key = $1`, [key]);
  const retried = await post(informant.token, '/alerts', alertBody(), key);
  expect(retried.status).toBe(201);
  expect(retried.body).toEqual(first.body);
  expect(await streamTypes(`alert-${first.body.id}`)).toEqual(['AlertSubmitted', 'AlertGraded']);
  // And the key is answered from the table again.
  const replay = await post(informant.token, '/alerts', alertBody(), key);
  expect(replay.headers['idempotent-replayed']).toBe('true');
  expect(replay.body).toEqual(first.body);
});

it('a case opening whose request died before its answer was kept: once the lease ran out, the same case and number', async () => {
  const key = randomUUID();
  const first = await post(mediator.token, '/disputes', openDisputeBody(), key);
  expect(first.status).toBe(201);
  await asIfTheProcessDied(key, 1);
  await waitUntilLeaseRunsOut(key);

  const retried = await post(mediator.token, '/disputes', openDisputeBody(), key);
  expect(retried.status).toBe(201);
  expect(retried.body).toEqual(first.body);
  expect(await streamTypes(`dispute-${first.body.id}`)).toEqual(['DisputeOpened']);
  const allocations = (await app.store.readStream('case-numbers-LG-PH-2026')).filter(
    (e) => (e.data as { disputeId: string }).disputeId === first.body.id,
  );
  expect(allocations).toHaveLength(1);
});

it('a lease taken over by one retry is not taken twice: of three simultaneous retries one runs, the others hear 409 or the answer', async () => {
  const key = randomUUID();
  const first = await post(informant.token, '/alerts', alertBody(), key);
  await asIfTheProcessDied(key, 1);
  await waitUntilLeaseRunsOut(key);
  const racing = await Promise.all([1, 2, 3].map(() => post(informant.token, '/alerts', alertBody(), key)));
  for (const r of racing) expect([201, 409]).toContain(r.status);
  expect(racing.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
  for (const r of racing.filter((r) => r.status === 201)) expect(r.body).toEqual(first.body);
  expect(await streamTypes(`alert-${first.body.id}`)).toEqual(['AlertSubmitted', 'AlertGraded']);
});

it('a key used for another body is still refused while pending (422), and a request that fails leaves no key', async () => {
  const key = randomUUID();
  await post(informant.token, '/alerts', alertBody(), key);
  await asIfTheProcessDied(key, 30);
  const other = await post(informant.token, '/alerts', { ...alertBody(), workersAffected: 61 }, key);
  expect(other.status).toBe(422);

  const failing = randomUUID();
  const refused = await post(mediator.token, '/disputes', { ...openDisputeBody(), openedOn: '2026-03-11' }, failing);
  expect(refused.status).toBe(422);
  expect(await sql.query(`SELECT 1 FROM idempotency_keys WHERE key = $1`, [failing])).toHaveLength(0);
});

it('keys past their retention are deleted by the scheduled purge; a resent alert is still the one alert', async () => {
  const key = randomUUID();
  const first = await post(informant.token, '/alerts', alertBody(), key);
  const fresh = randomUUID();
  await post(informant.token, '/alerts', alertBody(), fresh);
  await sql.query(`UPDATE idempotency_keys SET created_at = now() - interval '7 days 1 minute' WHERE key = $1`, [key]);

  const deleted = await app.worker.get(IdempotencyKeyPurge).purge();
  expect(deleted).toBe(1);
  expect(await sql.query(`SELECT 1 FROM idempotency_keys WHERE key = $1`, [key])).toHaveLength(0);
  expect(await sql.query(`SELECT 1 FROM idempotency_keys WHERE key = $1`, [fresh])).toHaveLength(1);

  const resent = await post(informant.token, '/alerts', alertBody(), key);
  expect(resent.status).toBe(201);
  expect(resent.body.id).toBe(first.body.id);
  expect(resent.body.id).toBe(alertIdForKey(`${informant.id}:${key}`));
  expect(await streamTypes(`alert-${first.body.id}`)).toEqual(['AlertSubmitted', 'AlertGraded']);

  // The worker registered the hourly purge as a BullMQ job scheduler.
  const queue = app.worker.get<Queue>(getQueueToken(MAINTENANCE_QUEUE));
  await expect(queue.getJobScheduler(IDEMPOTENCY_KEY_PURGE_SCHEDULER)).resolves.toMatchObject({ pattern: '17 * * * *' });
});
