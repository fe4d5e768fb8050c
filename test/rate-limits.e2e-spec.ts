import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app';
import { freePort } from './support/built-app';
import { RateLimiter } from '../libs/accounts/src/auth/rate-limiter';

/**
 * Rate limits on every route, shared through Redis, and login when Redis is down. Redis is a
 * server of this test's own, so that stopping it disturbs nobody else; the limits are set low
 * so that a few dozen requests reach them. TRUST_PROXY is off (the default): X-Forwarded-For must
 * not let a client pick its own address.
 */
const LIMITS = { RATE_LIMIT_PER_ADDRESS: '80', RATE_LIMIT_PER_ACCOUNT: '15', RATE_LIMIT_PUBLIC_PER_ADDRESS: '10', RATE_LIMIT_WINDOW_SECONDS: '600' };

let port: number;
let redisServer: ChildProcess | undefined;
let app: TestApp;
let admin: string;

async function startRedis(): Promise<void> {
  redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      if (i > 200) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      probe.disconnect();
    }
  }
}

async function stopRedis(): Promise<void> {
  const server = redisServer;
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  app = await startTestApp('rate-limits', { env: { REDIS_URL: `redis://127.0.0.1:${port}`, ...LIMITS } });
  // The first of the 10 public requests this address may make in the window.
  admin = await app.login(ADMIN.username, ADMIN.password);
});
afterAll(async () => {
  if (redisServer?.exitCode !== null) await startRedis().catch(() => undefined);
  await app?.close();
  await stopRedis();
});

it('limits login, refresh and logout per address, ignoring X-Forwarded-For unless TRUST_PROXY says so', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 9; i++) {
    // A different claimed address each time: without TRUST_PROXY they are all this one client.
    const res = await app.http().post('/api/v1/auth/refresh').set('X-Forwarded-For', `198.51.100.${i}`).send({ refreshToken: 'x' });
    statuses.push(res.status);
  }
  expect(statuses.every((s) => s === 401)).toBe(true);
  const refused = await app.http().post('/api/v1/auth/login').set('X-Forwarded-For', '198.51.100.99').send({ username: ADMIN.username, password: ADMIN.password });
  expect(refused.status).toBe(429);
  expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(refused.body).toMatchObject({ status: 429, code: 'too_many_requests' });
  const retryAfter = Number(refused.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);

  // The count is in Redis: another replica (another client on the same Redis) sees it.
  const otherReplica = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 1 });
  try {
    await new Promise((resolve) => otherReplica.once('ready', resolve));
    const [key] = await otherReplica.keys(`${app.config.QUEUE_PREFIX}:rate:public:*`);
    const address = key.slice(`${app.config.QUEUE_PREFIX}:rate:public:`.length);
    expect((await new RateLimiter(otherReplica, app.config).hit([['public', address]]))?.waitSeconds).toBeGreaterThan(0);

    // A request's buckets are counted in one call, in order: the first one over its limit answers,
    // and the buckets after it are not counted for a refused request.
    const strict = new RateLimiter(otherReplica, { ...app.config, RATE_LIMIT_PER_ADDRESS: 1 });
    const subject = `bucket-order-${Date.now()}`;
    expect(await strict.hit([['address', subject], ['account', subject]])).toBeUndefined();
    expect(await strict.hit([['address', subject], ['account', subject]])).toEqual({ bucket: 'address', waitSeconds: expect.any(Number) });
    expect(await otherReplica.get(`${app.config.QUEUE_PREFIX}:rate:account:${subject}`)).toBe('1');
  } finally {
    otherReplica.disconnect();
  }
});

it('counts the requests asked together in one call to Redis, each judged by its own buckets', async () => {
  const replica = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 1 });
  try {
    await new Promise((resolve) => replica.once('ready', resolve));
    const limiter = new RateLimiter(replica, { ...app.config, RATE_LIMIT_PER_ADDRESS: 3, RATE_LIMIT_PER_ACCOUNT: 2 });
    const evals = async () => Number(/cmdstat_eval:calls=(\d+)/.exec(await replica.info('commandstats'))?.[1] ?? 0);
    const [address, account, other] = ['together-address', 'together-account', 'together-other'].map((s) => `${s}-${Date.now()}`);
    const before = await evals();
    // Five requests of one address in one turn, four of them with the same account; then one more.
    const verdicts = await Promise.all([
      limiter.hit([['address', address], ['account', account]]),
      limiter.hit([['address', address], ['account', account]]),
      limiter.hit([['address', address], ['account', account]]),
      limiter.hit([['address', address]]),
      limiter.hit([['address', other], ['account', account]]),
    ]);
    expect(await evals()).toBe(before + 1);
    expect(verdicts).toEqual([
      undefined,
      undefined,
      { bucket: 'account', waitSeconds: expect.any(Number) }, // the address's third: under its 3, the account's third: over its 2
      { bucket: 'address', waitSeconds: expect.any(Number) }, // the address's fourth
      { bucket: 'account', waitSeconds: expect.any(Number) }, // another address, the same account: its fourth
    ]);
    // A refused request's buckets after the one over its limit are not counted.
    expect(await replica.get(`${app.config.QUEUE_PREFIX}:rate:address:${address}`)).toBe('4');
    expect(await replica.get(`${app.config.QUEUE_PREFIX}:rate:account:${account}`)).toBe('4');
    expect(await replica.get(`${app.config.QUEUE_PREFIX}:rate:address:${other}`)).toBe('1');
  } finally {
    replica.disconnect();
  }
});

it('limits each account', async () => {
  for (let i = 0; i < 15; i++) await app.http().get('/api/v1/auth/me').set(...bearer(admin)).expect(200);
  const refused = await app.http().get('/api/v1/auth/me').set(...bearer(admin));
  expect(refused.status).toBe(429);
  expect(refused.body.detail).toMatch(/this account/);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
});

it('limits every route per address, with or without a token', async () => {
  let answered = 0;
  let refused: { status: number; headers: Record<string, string>; body: { code?: string } } | undefined;
  for (let i = 0; i < 100 && !refused; i++) {
    const res = await app.http().get('/health');
    if (res.status === 429) refused = res;
    else answered++;
  }
  expect(refused).toBeDefined();
  expect(answered).toBeLessThan(80);
  expect(refused!.body.code).toBe('too_many_requests');
  expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
});

it('with Redis down, login answers 503 problem+json with Retry-After, and other routes do not fail on the limits', async () => {
  // A fresh window for this address, so the earlier tests' counts do not answer first.
  const flush = new Redis(`redis://127.0.0.1:${port}`);
  await flush.flushall();
  flush.disconnect();

  await stopRedis();
  const res = await app.http().post('/api/v1/auth/login').send({ username: ADMIN.username, password: ADMIN.password });
  expect(res.status).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 503, code: 'service_unavailable' });
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  // Rate limits fail open: a request that needs no Redis still works.
  const me = await app.http().get('/api/v1/auth/me');
  expect(me.status).toBe(401);

  await startRedis();
  // Back: login works again once the client has reconnected.
  const deadline = Date.now() + 30_000;
  let status = 0;
  while (Date.now() < deadline && status !== 200) {
    status = (await app.http().post('/api/v1/auth/login').send({ username: ADMIN.username, password: ADMIN.password })).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 200));
  }
  expect(status).toBe(200);
});
