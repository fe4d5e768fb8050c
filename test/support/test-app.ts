import { randomUUID } from 'node:crypto';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CommandBus } from '@nestjs/cqrs';
import { CreateAccountCommand } from '@lc/accounts';
import { AppConfig, loadConfig } from '@lc/config';
import { CLOCK, ManualClock } from '@lc/decider';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { ProjectionRegistry } from '@lc/projections';
import { createTestDatabase, removeRedisKeys, TestDatabase } from '@lc/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApi } from '../../apps/api/src/configure-api';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/** How long settled() waits for the projections before it calls the test failed. */
const SETTLE_TIMEOUT_MS = 180_000;

export const ADMIN = { username: 'admin', password: 'Test-Secret-Passw0rd' };

export interface TestApp {
  config: AppConfig;
  db: TestDatabase;
  api: INestApplication;
  readonly worker: INestApplicationContext;
  /** Stops the worker and starts a new one, as a deploy or a crash would; `whileStopped` runs in between. */
  restartWorker(whileStopped?: () => Promise<void>): Promise<void>;
  store: EventStore;
  clock: ManualClock;
  http: () => ReturnType<typeof request>;
  /** Waits until every projection has applied every event so far. */
  settled(): Promise<void>;
  /**
   * Committed events that requests appended (the clocks' own events left out), counted in the
   * table itself: readAll holds back events behind any open transaction, which a "nothing was
   * appended" check must not mistake for nothing.
   */
  requestEventCount(): Promise<number>;
  /** Logs in and returns an access token. */
  login(username: string, password: string): Promise<string>;
  /** Creates an account as the admin and returns its id and a token for it. */
  user(role: 'admin' | 'supervisor' | 'mediator' | 'informant', subDistrict?: string): Promise<{ id: string; token: string; username: string }>;
  close(): Promise<void>;
}

/**
 * The API and the worker in this process, against a database of their own and the real Redis,
 * with a clock the test moves. Requests go through HTTP (supertest on an ephemeral port).
 */
export async function startTestApp(label: string, options: { now?: Date; env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await createTestDatabase(label);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    QUEUE_PREFIX: `test-${label}-${randomUUID().slice(0, 8)}`,
    // 4xx answers are logged as warnings; the tests provoke hundreds of them on purpose.
    LOG_LEVEL: 'error',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    MIGRATIONS_RUN: 'false',
    // Two apps (API and worker) per test file, and files run side by side: stay under max_connections.
    DATABASE_POOL_SIZE: '4',
    ...options.env,
  });
  const clock = new ManualClock(options.now ?? new Date());

  const apiModule = await Test.createTestingModule({ imports: [ApiModule.forRoot(config)] })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
  const api = apiModule.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] });
  configureApi(api, config);
  // A start that fails half-way must not leave pools and timers open: jest would wait for them forever.
  const abandon = async (error: unknown): Promise<never> => {
    await api.close().catch(() => undefined);
    await db.drop().catch(() => undefined);
    throw error;
  };
  await api.listen(0, '127.0.0.1').catch(abandon);

  const startWorker = async () => {
    const workerModule = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] })
      .overrideProvider(CLOCK)
      .useValue(clock)
      .compile();
    const context = await workerModule.init();
    context.get(ProjectionRegistry).startAll();
    return context;
  };
  let worker = await startWorker().catch(abandon);

  const http = () => request(api.getHttpServer());
  const login = async (username: string, password: string) => {
    const res = await http().post('/api/v1/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };
  let adminToken: string | undefined;
  let users = 0;

  return {
    config,
    db,
    api,
    get worker() {
      return worker;
    },
    async restartWorker(whileStopped) {
      await worker.close();
      await whileStopped?.();
      worker = await startWorker();
    },
    store: api.get(EVENT_STORE),
    clock,
    http,
    login,
    async requestEventCount() {
      const [{ n }] = await api
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM event_store.events WHERE metadata->>'actorRole' IS DISTINCT FROM 'system'`);
      return n as number;
    },
    async settled() {
      // A liveness bound, not a speed check: on a machine shared with other work (CI beside other
      // jobs, two cores) a few hundred events can take tens of seconds to project.
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      while (!(await worker.get(ProjectionRegistry).caughtUp())) {
        if (Date.now() > deadline) throw new Error(`projections did not catch up within ${SETTLE_TIMEOUT_MS / 1000} s`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async user(role, subDistrict) {
      adminToken ??= await login(ADMIN.username, ADMIN.password);
      const username = `${role}${++users}`;
      const password = `pw-${randomUUID()}`;
      if (role === 'informant') {
        // POST /users makes no informants (the registry does, with their enterprises); tests that
        // only need an informant's account get one from the command the registry itself uses.
        const admin = { id: 'test-fixture', role: 'admin' as const };
        const created = await api.get(CommandBus).execute(new CreateAccountCommand({ username, password, role, subDistrict }, { actor: admin }));
        return { id: (created as { id: string }).id, token: await login(username, password), username };
      }
      const res = await http()
        .post('/api/v1/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ username, password, role, ...(subDistrict ? { subDistrict } : {}) });
      if (res.status !== 201) throw new Error(`create ${role}: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id, token: await login(username, password), username };
    },
    async close() {
      await api.close();
      await worker.close();
      await db.drop();
      // Its queues, jobs and rate limits: the shared Redis would keep them for as long as it runs.
      await removeRedisKeys(`${config.QUEUE_PREFIX}:*`, config.REDIS_URL).catch(() => undefined);
    },
  };
}

export function bearer(token: string): [string, string] {
  return ['Authorization', `Bearer ${token}`];
}

/**
 * A second API process's worth of app against the same database and Redis as `app` (its own
 * providers, caches and pool), for what must hold across API replicas. Close it before `app`.
 */
export async function startApiReplica(app: TestApp): Promise<{ http: () => ReturnType<typeof request>; close(): Promise<void> }> {
  const module = await Test.createTestingModule({ imports: [ApiModule.forRoot(app.config)] })
    .overrideProvider(CLOCK)
    .useValue(app.clock)
    .compile();
  const replica = module.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] });
  configureApi(replica, app.config);
  await replica.listen(0, '127.0.0.1');
  return { http: () => request(replica.getHttpServer()), close: () => replica.close() };
}
