import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { alertIdForKey } from '@lc/alerts';
import { createTestDatabase, removeRedisKeys, TestDatabase } from '@lc/testing';
import { builtEntry, freePort } from '../support/built-app';
import { recordMeasurement } from './measurements';
import { caseBody } from './service';

/**
 * Issue 12 §1, "a retry after a crash must work": 8 clients (4 informants submitting alerts, 4
 * mediators opening cases), each request with its own Idempotency-Key, while the whole service
 * (`npm start`'s process group: the launcher, the API and the worker) is killed with SIGKILL.
 * After a restart every request that got no answer is sent again with its key, as a phone must:
 * every one succeeds, and every record exists exactly once (no alert lost, none doubled, no case
 * number used twice or left unused).
 */
const CLIENTS_PER_KIND = 4;
/** Answers to wait for before the kill, so that the service is busy and has written a good deal. */
const ANSWERS_BEFORE_KILL = 80;
const ADMIN = { username: 'admin', password: 'Crash-Test-Passw0rd' };
const LEASE_SECONDS = 2;
const JWT_SECRET = `crash-retry-${randomUUID()}`;

let db: TestDatabase;
let sql: Client;
let port: number;
let service: ChildProcess | undefined;
let output = '';

beforeAll(async () => {
  // Both apps must be built: this test runs them as `npm start` does, from dist.
  builtEntry('api');
  builtEntry('worker');
  db = await createTestDatabase('crash_retry');
  sql = new Client({ connectionString: db.url });
  await sql.connect();
  port = await freePort();
});

afterAll(async () => {
  if (service?.pid && service.exitCode === null && service.signalCode === null) {
    process.kill(-service.pid, 'SIGKILL');
    await new Promise((r) => service!.once('exit', r));
  }
  await sql?.end();
  await db?.drop();
  await removeRedisKeys(`${QUEUE_PREFIX}:*`).catch(() => undefined);
});

const QUEUE_PREFIX = `test-crashretry-${randomUUID().slice(0, 8)}`;

/** `npm start` (scripts/start.js) in a process group of its own, so that one signal reaches all of it. */
function startService(): ChildProcess {
  const child = spawn(process.execPath, [join(__dirname, '../../scripts/start.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: db.url,
      QUEUE_PREFIX,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: '5',
      IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS),
      // As in production, a configured secret: the clients' tokens outlive the crash. (Without one,
      // each start makes a random secret and every session ends with the restart.)
      JWT_SECRET: JWT_SECRET,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return child;
}

async function waitForHealth(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no healthy service within 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function call(method: string, path: string, token: string | undefined, body?: unknown, key?: string): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

/**
 * Sends until it gets a final answer, as a well-behaved client does: 409 "still being handled"
 * and 429/503 are waited out for their Retry-After.
 */
async function sendUntilAnswered(path: string, token: string, body: unknown, key: string): Promise<Answer> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await call('POST', path, token, body, key);
    const busy = answer.status === 409 || answer.status === 429 || answer.status === 503;
    if (!busy || Date.now() > deadline) return answer;
    const wait = Number(answer.headers.get('retry-after') ?? '1');
    await new Promise((r) => setTimeout(r, Math.min(Math.max(wait, 0.2), 5) * 1000));
  }
}

async function login(username: string, password: string): Promise<string> {
  const res = await call('POST', '/auth/login', undefined, { username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

interface Sent {
  kind: 'alert' | 'case';
  path: string;
  token: string;
  actorId: string;
  key: string;
  body: unknown;
  /** The first answer, if one came before the kill. */
  answer?: Answer;
}

const alertBody = (n: number) => ({
  enterprise: { name: `深圳市某某电子有限公司第${n}厂`, creditCode: '91440300708461136T' },
  subDistrict: 'pinghu',
  signals: ['owner_unreachable', 'wage_delay'],
  workersAffected: 40 + (n % 20),
  description: `老板已三天联系不上，工人在厂门口聚集（第${n}次报告）`,
  observedAt: new Date(Date.now() - 60_000).toISOString(),
});

it('after a SIGKILL of the whole service under load, every unanswered request resent with its key succeeds, and each record exists once', async () => {
  service = startService();
  await waitForHealth(service);
  const adminToken = await login(ADMIN.username, ADMIN.password);
  const makeUser = async (role: 'informant' | 'mediator', n: number) => {
    const username = `${role}${n}`;
    const password = `pw-${randomUUID()}`;
    // Informants come from the registry (POST /users makes none): the same account, with its entry.
    const res =
      role === 'informant'
        ? await call('POST', '/informants', adminToken, {
            username,
            password,
            name: `信息员${n}`,
            phone: '13812345678',
            subDistrict: 'pinghu',
            enterprises: ['91440300708461136T'],
          })
        : await call('POST', '/users', adminToken, { username, password, role, subDistrict: 'pinghu' });
    if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id as string, token: await login(username, password) };
  };
  const informants = await Promise.all(Array.from({ length: CLIENTS_PER_KIND }, (_, n) => makeUser('informant', n)));
  const mediators = await Promise.all(Array.from({ length: CLIENTS_PER_KIND }, (_, n) => makeUser('mediator', n)));

  // Eight clients, each sending one request after another until the service is gone.
  const sent: Sent[] = [];
  let answered = 0;
  let serverErrors = 0;
  let stop = false;
  let counter = 0;
  const client = async (kind: Sent['kind'], user: { id: string; token: string }) => {
    while (!stop) {
      const n = counter++;
      const request: Sent = {
        kind,
        path: kind === 'alert' ? '/alerts' : '/disputes',
        token: user.token,
        actorId: user.id,
        key: randomUUID(),
        body: kind === 'alert' ? alertBody(n) : caseBody(n),
      };
      sent.push(request);
      try {
        request.answer = await call('POST', request.path, request.token, request.body, request.key);
        if (request.answer.status >= 500) serverErrors++;
        answered++;
      } catch {
        return; // the connection broke: the service is gone
      }
    }
  };
  const clients = [...informants.map((u) => client('alert', u)), ...mediators.map((u) => client('case', u))];
  while (answered < ANSWERS_BEFORE_KILL) await new Promise((r) => setTimeout(r, 5));

  process.kill(-service.pid!, 'SIGKILL');
  stop = true;
  await Promise.all(clients);
  await new Promise((r) => (service!.exitCode !== null || service!.signalCode !== null ? r(undefined) : service!.once('exit', r)));

  const unanswered = sent.filter((s) => !s.answer);
  expect(unanswered.length).toBeGreaterThan(0); // the kill really cut requests off
  expect(sent.filter((s) => s.answer && s.answer.status !== 201).map((s) => s.answer!.status)).toEqual([]);
  const pendingAtKill = Number((await sql.query(`SELECT count(*) AS n FROM idempotency_keys WHERE state = 'pending'`)).rows[0].n);

  // Restart, and resend what got no answer, as the phones and browsers would.
  const restartedAt = Date.now();
  output = '';
  service = startService();
  await waitForHealth(service);
  const healthyAt = Date.now();
  const resent = await Promise.all(unanswered.map((s) => sendUntilAnswered(s.path, s.token, s.body, s.key)));
  const recoveredMs = Date.now() - restartedAt;
  const resendMs = Date.now() - healthyAt;
  serverErrors += resent.filter((a) => a.status >= 500).length;
  expect(resent.map((a) => a.status)).toEqual(unanswered.map(() => 201));
  unanswered.forEach((s, i) => (s.answer = resent[i]));

  // Answered ones resent too answer as the first time (from the table), with the same record.
  const again = await Promise.all(sent.map((s) => sendUntilAnswered(s.path, s.token, s.body, s.key)));
  expect(again.map((a) => a.body.id)).toEqual(sent.map((s) => s.answer!.body.id));

  // Every alert exactly once, at the id its key gives.
  const alerts = sent.filter((s) => s.kind === 'alert');
  for (const s of alerts) expect(s.answer!.body.id).toBe(alertIdForKey(`${s.actorId}:${s.key}`));
  const submitted = await sql.query(`SELECT stream_id, count(*)::int AS n FROM event_store.events WHERE type = 'AlertSubmitted' GROUP BY stream_id`);
  const alertIds = new Set(alerts.map((s) => `alert-${s.answer!.body.id as string}`));
  expect(submitted.rows.filter((r) => r.n !== 1)).toEqual([]);
  expect(new Set(submitted.rows.map((r) => r.stream_id))).toEqual(alertIds);

  // Every case exactly once, with its own number, and no number used up without a case.
  const cases = sent.filter((s) => s.kind === 'case');
  const opened = await sql.query(
    `SELECT stream_id, count(*)::int AS n, min(data->>'caseNo') AS case_no FROM event_store.events WHERE type = 'DisputeOpened' GROUP BY stream_id`,
  );
  expect(opened.rows.filter((r) => r.n !== 1)).toEqual([]);
  expect(new Set(opened.rows.map((r) => r.stream_id))).toEqual(new Set(cases.map((s) => `dispute-${s.answer!.body.id as string}`)));
  const numbers = opened.rows.map((r) => r.case_no as string).sort();
  expect(new Set(numbers).size).toBe(cases.length);
  const allocated = Number((await sql.query(`SELECT count(*) AS n FROM event_store.events WHERE type = 'CaseNumberAllocated'`)).rows[0].n);
  expect(allocated).toBe(cases.length);
  for (const s of cases) expect(numbers).toContain(s.answer!.body.caseNo);

  const lost = [...alertIds].filter((id) => !submitted.rows.some((r) => r.stream_id === id)).length;
  recordMeasurement('crash-retry', {
    scenario: 'SIGKILL of the service process group while 8 clients submit alerts and open cases with Idempotency-Keys',
    requestsTried: sent.length,
    answeredBeforeKill: sent.length - unanswered.length,
    unansweredAtKill: unanswered.length,
    keysPendingAtKill: pendingAtKill,
    resentAndSucceeded: resent.filter((a) => a.status === 201).length,
    serverErrors,
    recordsLost: lost,
    recordsDoubled: submitted.rows.filter((r) => r.n > 1).length + opened.rows.filter((r) => r.n > 1).length,
    caseNumbersUnused: allocated - opened.rows.length,
    msFromRestartToAllResentAnswered: recoveredMs,
    msFromHealthyToAllResentAnswered: resendMs,
  });

  process.kill(-service.pid!, 'SIGTERM');
  await new Promise((r) => service!.once('exit', r));
  // Two starts of the whole service and some hundred requests: minutes on a busy machine.
}, 300_000);
