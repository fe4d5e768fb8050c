import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeRedisKeys } from '@lc/testing';
import { freePort, runBuiltApp, RunningApp, waitForHttp } from '../support/built-app';
import type { Client } from 'pg';

/**
 * What the outage tests share: the built API and worker as separate processes (as in production),
 * a client that speaks to them as the web app and the phones do, and services of their own
 * (redis-server, a PostgreSQL cluster) on spare ports that they may stop and start. The shared
 * PostgreSQL and Redis of the machine are never touched.
 */

export const ADMIN = { username: 'admin', password: 'Outage-Test-Passw0rd' };

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export class ServiceClient {
  constructor(readonly baseUrl: string) {}

  /** One request; a broken or refused connection answers status 0. Waits at most `timeoutMs`. */
  async call(method: string, path: string, token?: string, body?: unknown, key?: string, timeoutMs = 30_000): Promise<Answer> {
    try {
      const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = { text };
      }
      return { status: res.status, headers: res.headers, body: parsed };
    } catch {
      return { status: 0, headers: new Headers(), body: {} };
    }
  }

  async login(username: string, password: string): Promise<string> {
    const res = await this.call('POST', '/auth/login', undefined, { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  }

  async mediator(adminToken: string, n: number): Promise<{ id: string; token: string }> {
    const username = `mediator${n}`;
    const password = `pw-${randomUUID()}`;
    const res = await this.call('POST', '/users', adminToken, { username, password, role: 'mediator', subDistrict: 'pinghu' });
    if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id as string, token: await this.login(username, password) };
  }
}

export const caseBody = (n: number) => ({
  channel: 'walk_in',
  subDistrict: 'pinghu',
  employer: { name: `深圳市某某电子有限公司第${n}厂`, creditCode: '91440300708461136T' },
  category: 'wage_arrears',
  workersInvolved: 5 + (n % 20),
  amountClaimedFen: 1_000_000 + n,
  summary: `员工反映工资未发放（第${n}宗）`,
  claimants: [{ name: '张三' }],
});

/** Statuses a client must wait out and resend (with the same key), never a failure by themselves. */
export const RETRYABLE = new Set([0, 409, 429, 503]);

/**
 * Load, as mediators at work: each client opens cases one after another, every request with its
 * own Idempotency-Key, resending it (same key, same body) after a 503, a 429, a 409 "still being
 * handled" or a broken connection, as the web app does. Counts what the service answered.
 */
export class CaseLoad {
  readonly statuses = new Map<number, number>();
  readonly opened = new Map<string, string>(); // Idempotency-Key → case id
  retryAfterMissing = 0;
  /** Requests that got no answer at all (a broken connection, or none within 30 s): when, and after how long. */
  readonly noAnswer: Array<{ at: number; afterMs: number }> = [];
  private stopped = false;
  private readonly done: Promise<void>[] = [];
  private counter = 0;

  constructor(private readonly client: ServiceClient, private readonly tokens: string[]) {}

  start(): void {
    for (const token of this.tokens) this.done.push(this.run(token));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.done);
  }

  count(status: number): number {
    return this.statuses.get(status) ?? 0;
  }

  /**
   * Holds the answered cases against the log: `lost`, a case answered 201 with no DisputeOpened in
   * the log; `doubled`, a case opened more than once, or a case in the log nobody was answered for
   * (a request that was never answered for good leaves no case: every one was resent until it was).
   */
  async inLog(sql: Pick<Client, 'query'>): Promise<{ lost: number; doubled: number }> {
    const { rows } = await sql.query<{ stream_id: string; n: number }>(
      `SELECT stream_id, count(*)::int AS n FROM event_store.events WHERE type = 'DisputeOpened' GROUP BY stream_id`,
    );
    const logged = new Map(rows.map((r) => [r.stream_id.replace(/^dispute-/, ''), r.n]));
    const answered = new Set(this.opened.values());
    const lost = [...answered].filter((id) => !logged.has(id)).length;
    const doubled = rows.filter((r) => r.n > 1).length + [...logged.keys()].filter((id) => !answered.has(id)).length;
    return { lost, doubled };
  }

  get serverErrors(): number {
    return [...this.statuses].filter(([s]) => s >= 500 && s !== 503).reduce((n, [, c]) => n + c, 0);
  }

  private async run(token: string): Promise<void> {
    while (!this.stopped) {
      const n = this.counter++;
      const key = randomUUID();
      const body = caseBody(n);
      // Once started, a request is resent until it is answered for good, even after stop().
      for (;;) {
        const sentAt = Date.now();
        const answer = await this.client.call('POST', '/disputes', token, body, key);
        if (answer.status === 0) this.noAnswer.push({ at: sentAt, afterMs: Date.now() - sentAt });
        this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 503 && !answer.headers.get('retry-after')) this.retryAfterMissing++;
        if (!RETRYABLE.has(answer.status)) {
          if (answer.status === 201) this.opened.set(key, answer.body.id as string);
          break;
        }
        const wait = Number(answer.headers.get('retry-after') ?? '0.5');
        await new Promise((r) => setTimeout(r, Math.min(Math.max(wait, 0.2), 2) * 1000));
      }
    }
  }
}

/** The built API and worker against the given database and Redis, each its own process. */
export async function startService(env: Record<string, string>): Promise<{ api: RunningApp; worker: RunningApp; client: ServiceClient; stop(): Promise<void> }> {
  const port = await freePort();
  const common = {
    NODE_ENV: 'test',
    PORT: String(port),
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: `outage-test-${randomUUID()}`,
    LOG_LEVEL: 'error',
    DATABASE_POOL_SIZE: '5',
    QUEUE_PREFIX: `test-outage-${randomUUID().slice(0, 8)}`,
    ...env,
  };
  const worker = runBuiltApp('worker', common);
  const api = runBuiltApp('api', common);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/health`, api, 120_000);
  const stop = async () => {
    for (const app of [api, worker]) if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGTERM');
    await Promise.all([api.exited, worker.exited]);
    // Its queues and rate limits go with it, as every test app's do (each run of the PostgreSQL
    // restart test left 23 keys in the shared Redis); a test's own redis-server may be down by now.
    await removeRedisKeys(`${common.QUEUE_PREFIX}:*`, env.REDIS_URL).catch(() => undefined);
  };
  return { api, worker, client: new ServiceClient(baseUrl), stop };
}

/** Polls until `check` holds; returns how long it took. */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

/** A redis-server of the test's own, on a spare port, that the test may kill and start again (empty). */
export class OwnRedis {
  private child?: ChildProcess;
  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    this.child = child;
    await waitUntil(async () => spawnSync('redis-cli', ['-p', String(this.port), 'ping']).stdout?.toString().trim() === 'PONG', 'redis-server', 20_000);
  }

  /** Gone at once, with everything it held (no persistence): as a crashed or replaced Redis. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

const PG_BIN = (() => {
  const found = spawnSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1']).stdout?.toString().trim();
  return found || '';
})();

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary folder, a spare port, trust on
 * 127.0.0.1), which the test stops and starts. As root, the server runs as the postgres user.
 */
export class OwnPostgres {
  private constructor(readonly port: number, private readonly dir: string) {}

  static async start(): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'lc-pg-'));
    const pg = new OwnPostgres(await freePort(), dir);
    spawnSync('chmod', ['777', dir]);
    pg.run('initdb', ['-D', pg.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await pg.up();
    return pg;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private run(tool: string, args: string[]): void {
    const binary = join(PG_BIN, tool);
    const asRoot = process.getuid?.() === 0;
    const result = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', binary, ...args], { encoding: 'utf8' })
      : spawnSync(binary, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  }

  async up(): Promise<void> {
    this.run('pg_ctl', [
      '-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-w', '-t', '60',
      '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60 -c max_prepared_transactions=4`,
      'start',
    ]);
  }

  async down(): Promise<void> {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    try {
      await this.down();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
