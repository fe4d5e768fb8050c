/**
 * Sections 4 (HTTP commands) and 6 (projection lag under that load).
 *
 * The API and the worker run as child processes of their own (the build `npm start` runs, their
 * logs in files), as in production, against a fresh migrated database; autocannon, in this process, sends
 * the mix with 64 connections. One load serves both sections: while it runs, this process polls
 * `projection_checkpoints` and counts, for every event a projection has passed since the last poll,
 * the time from its `recorded_at` to the poll that saw it passed (visible in that read model).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { freePort } from '../test/support/built-app';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { runMigrations } from '@lc/database';
import { migrations } from '@lc/migrations';
import { BenchDatabase, busyMs, cpuTimes, fmt, freshDatabase, median, percentile, postgresCpuMs, RUNS, size, spread } from './lib';
import { launch, waitForHealth } from './processes';
import { cleanups } from './rebuild.bench';

const SECONDS = size('HTTP_SECONDS', 10);
const CONNECTIONS = size('HTTP_CONNECTIONS', 64);
/** Mediators (each with a pool of open cases) and informants, spread over four sub-districts. */
const MEDIATORS = size('HTTP_MEDIATORS', 16);
const CASES_PER_MEDIATOR = size('HTTP_CASES_PER_MEDIATOR', 4);
const INFORMANTS = size('HTTP_INFORMANTS', 8);
/** DATABASE_POOL_SIZE of the API and the worker (the app's default is 10; each process has two pools of it). */
const POOL_SIZE = size('HTTP_POOL_SIZE', 10);
/** How often the lag poller looks at the checkpoints: the resolution of section 6. */
const LAG_POLL_MS = 20;

const SUB_DISTRICTS = ['pinghu', 'buji', 'bantian', 'nanwan'];
const ENTERPRISES = ['91440300708461136T', '91350200776049653A'];
const PASSWORD = 'Bench-Passw0rd-2026';
const ADMIN = { username: 'bench-admin', password: 'Load-Test-Secret-2026' };

/**
 * The server's connections are shared with whatever else runs on the machine: start only when the
 * two processes will find theirs (two pools each, the worker's listener and a lock per projection).
 */
async function waitForConnections(url: string, needed: number, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Client({ connectionString: url });
    let free = 0;
    try {
      await client.connect();
      const { rows } = await client.query<{ free: number }>(
        `SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - count(*)::int AS free FROM pg_stat_activity`,
      );
      free = rows[0].free;
    } catch {
      // too many clients already: none free
    } finally {
      await client.end().catch(() => undefined);
    }
    if (free >= needed) return;
    if (Date.now() > deadline) throw new Error(`PostgreSQL had ${free} free connections, fewer than the ${needed} needed, for ${timeoutMs / 1000} s`);
    console.log(`http: waiting for ${needed} free PostgreSQL connections (${free} free)`);
    await new Promise((r) => setTimeout(r, 5_000));
  }
}

/** A connection of the harness's own, waiting while the server has none free (other work comes and goes). */
async function connectPatiently(url: string, timeoutMs = 300_000): Promise<Client> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (!/too many clients/.test(String(error)) || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

// ---- setting up the users and cases -------------------------------------------------------------

async function call(base: string, token: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const login = async (base: string, username: string, password: string): Promise<string> =>
  (await call(base, undefined, 'POST', '/auth/login', { username, password })).accessToken;

/** Today and yesterday in Shanghai (the service's calendar), as YYYY-MM-DD. */
function shanghaiDay(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

let claimants = 0;
/** A case body every check accepts; the claimant's name differs each time, so no opening is a possible duplicate. */
const openBody = (subDistrict: string) => ({
  channel: 'walk_in',
  subDistrict,
  employer: { name: '深圳市某某电子有限公司', creditCode: ENTERPRISES[0] },
  category: 'wage_arrears',
  workersInvolved: 12,
  amountClaimedFen: 36_000_000,
  summary: '12名员工反映上月工资未发放',
  openedOn: shanghaiDay(-1),
  claimants: [{ name: `申请人${++claimants}号-${randomBytes(3).toString('hex')}` }],
});

interface Actor {
  token: string;
  subDistrict: string;
  cases: string[];
}

async function setUp(base: string): Promise<{ mediators: Actor[]; informants: Actor[] }> {
  const admin = await (await runningApp()).adminToken();
  const mediators: Actor[] = [];
  for (let i = 0; i < MEDIATORS; i++) {
    const subDistrict = SUB_DISTRICTS[i % SUB_DISTRICTS.length];
    const username = `bench-mediator-${i}`;
    await call(base, admin, 'POST', '/users', { username, password: PASSWORD, role: 'mediator', subDistrict });
    const token = await login(base, username, PASSWORD);
    const cases: string[] = [];
    for (let c = 0; c < CASES_PER_MEDIATOR; c++) cases.push((await call(base, token, 'POST', '/disputes', openBody(subDistrict))).id);
    mediators.push({ token, subDistrict, cases });
  }
  const informants: Actor[] = [];
  for (let i = 0; i < INFORMANTS; i++) {
    const subDistrict = SUB_DISTRICTS[i % SUB_DISTRICTS.length];
    const username = `bench-informant-${i}`;
    await call(
      base,
      admin,
      'POST',
      '/informants',
      { username, password: PASSWORD, name: '陈小红', phone: `138${String(10_000_000 + i).slice(-8)}`, subDistrict, enterprises: ENTERPRISES },
      { 'idempotency-key': randomUUID() },
    );
    informants.push({ token: await login(base, username, PASSWORD), subDistrict, cases: [] });
  }
  return { mediators, informants };
}

// ---- the load ------------------------------------------------------------------------------------

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];
const json = (token: string, extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}`, ...extra });

interface Load {
  perSecond: number;
  p50: number;
  p99: number;
  total: number;
  /** Answers other than 2xx, by status (and "socket" for errors and timeouts). */
  refused: Record<string, number>;
  /** Requests answered, by kind. */
  kinds: Record<string, number>;
  /** CPU ms the API and the worker used per request answered, while the load ran (the worker's until it caught up). */
  apiCpuPerRequest?: number;
  workerCpuPerRequest?: number;
  /** The same for PostgreSQL (all its processes), the harness (autocannon) and the whole machine, over the same span as the worker's. */
  postgresCpuPerRequest?: number;
  harnessCpuPerRequest?: number;
  machineCpuPerRequest?: number;
}

const KINDS = ['open case', 'log step', 'record recovery', 'submit alert'] as const;

async function commandLoad(base: string, actors: { mediators: Actor[]; informants: Actor[] }, seconds: number): Promise<Load> {
  const refused: Record<string, number> = {};
  const kinds: Record<string, number> = {};
  const seen = (kind: string) => (status: number, body: string) => {
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    if (status < 200 || status >= 300) {
      const code = (() => {
        try {
          return (JSON.parse(body) as { code?: string }).code;
        } catch {
          return undefined;
        }
      })();
      const key = `${status}${code ? ` ${code}` : ''} (${kind})`;
      refused[key] = (refused[key] ?? 0) + 1;
    }
  };
  const mediator = () => pick(actors.mediators);
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const m = mediator();
          return { ...req, method: 'POST', path: '/api/v1/disputes', headers: json(m.token), body: JSON.stringify(openBody(m.subDistrict)) };
        },
        onResponse: seen(KINDS[0]),
      },
      {
        setupRequest: (req) => {
          const m = mediator();
          const body = { kind: 'contact', note: '电话联系企业负责人，约定面谈时间', occurredAt: new Date(Date.now() - 60_000).toISOString() };
          return { ...req, method: 'POST', path: `/api/v1/disputes/${pick(m.cases)}/steps`, headers: json(m.token), body: JSON.stringify(body) };
        },
        onResponse: seen(KINDS[1]),
      },
      {
        setupRequest: (req) => {
          const m = mediator();
          const body = { amountFen: 100, recoveredOn: shanghaiDay() };
          return { ...req, method: 'POST', path: `/api/v1/disputes/${pick(m.cases)}/recoveries`, headers: json(m.token), body: JSON.stringify(body) };
        },
        onResponse: seen(KINDS[2]),
      },
      {
        setupRequest: (req) => {
          const informant = pick(actors.informants);
          const body = {
            enterprise: { name: '深圳市某某电子有限公司', creditCode: pick(ENTERPRISES) },
            subDistrict: informant.subDistrict,
            signals: ['wage_delay'],
            workersAffected: 12,
            description: '工人反映本月工资推迟发放',
            observedAt: new Date(Date.now() - 3_600_000).toISOString(),
          };
          return {
            ...req,
            method: 'POST',
            path: '/api/v1/alerts',
            headers: json(informant.token, { 'idempotency-key': randomUUID() }),
            body: JSON.stringify(body),
          };
        },
        onResponse: seen(KINDS[3]),
      },
    ],
  });
  return loadOf(result, refused, kinds);
}

/** The same-run reference: the guard alone (token check and account lookup), `GET /auth/me`. */
async function guardLoad(base: string, token: string, seconds: number): Promise<Load> {
  const result = await autocannon({ url: `${base}/api/v1/auth/me`, connections: CONNECTIONS, duration: seconds, headers: { authorization: `Bearer ${token}` } });
  return loadOf(result, result.non2xx ? { 'non-2xx': result.non2xx } : {}, {});
}

/** autocannon's result as a Load: the refusals counted by the caller, plus what never got an answer. */
function loadOf(result: Awaited<ReturnType<typeof autocannon>>, refused: Record<string, number>, kinds: Record<string, number>): Load {
  if (result.timeouts) refused['no answer within 10 s (autocannon\'s timeout)'] = result.timeouts;
  if (result.errors - result.timeouts > 0) refused['socket errors'] = result.errors - result.timeouts;
  return {
    perSecond: (result.requests.total / (result.finish.getTime() - result.start.getTime())) * 1000,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    refused,
    kinds,
  };
}

// ---- projection lag ------------------------------------------------------------------------------

interface Checkpoint {
  name: string;
  position: string | null;
  filter: { streamPrefixes?: string[]; eventTypes?: string[] } | null;
}

/** How many read models have not applied every event of the log their filter selects (0: the worker has caught up). */
async function projectionsBehind(client: Client): Promise<number> {
  const { rows } = await client.query<{ behind: number }>(
    `SELECT count(*)::int AS behind FROM projection_checkpoints c
      WHERE EXISTS (SELECT 1 FROM event_store.events e
                     WHERE (e.transaction_id, e.global_position) > (split_part(coalesce(c.position, '0-0'), '-', 1)::xid8, split_part(coalesce(c.position, '0-0'), '-', 2)::bigint)
                       AND (c.filter->'streamPrefixes' IS NULL OR jsonb_array_length(c.filter->'streamPrefixes') = 0
                            OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.filter->'streamPrefixes') p WHERE starts_with(e.stream_id, p)))
                       AND (c.filter->'eventTypes' IS NULL OR jsonb_array_length(c.filter->'eventTypes') = 0 OR c.filter->'eventTypes' ? e.type))`,
  );
  return rows[0].behind;
}

/** Polls until every read model has caught up (true) or `timeoutMs` has passed (false). */
export async function untilProjected(client: Client, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await projectionsBehind(client)) === 0) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Polls the checkpoints every LAG_POLL_MS. For each projection that moved, the events it passed
 * (those its filter selects, between its old and new position in the log's order) became visible
 * at this poll: their lag is now − recorded_at. So each sample is late by up to one poll interval.
 */
class LagProbe {
  readonly lags = new Map<string, number[]>();
  private last = new Map<string, string | null>();
  private stopped = false;
  private loop?: Promise<void>;

  /** `client`: connected, the caller's to close (one for every run: the server's connections are scarce). */
  constructor(private readonly client: Client) {}

  async start(): Promise<void> {
    for (const c of await this.checkpoints()) this.last.set(c.name, c.position);
    this.loop = (async () => {
      while (!this.stopped) {
        await this.poll();
        await new Promise((r) => setTimeout(r, LAG_POLL_MS));
      }
    })();
  }

  private async checkpoints(): Promise<Checkpoint[]> {
    // Named statements, as the service's own hot statements are (ADR 0020): this sampler's queries
    // run on the PostgreSQL whose CPU per command section 4 reports, so they should cost it little.
    return (await this.client.query<Checkpoint>({ name: 'bench_lag_checkpoints', text: `SELECT name, position, filter FROM projection_checkpoints ORDER BY name` })).rows;
  }

  private async poll(): Promise<void> {
    const checkpoints = await this.checkpoints();
    const now = Date.now();
    for (const c of checkpoints) {
      const before = this.last.get(c.name) ?? null;
      if (c.position === before || c.position === null) continue;
      this.last.set(c.name, c.position);
      const [fromTx, fromPos] = before ? before.split('-') : ['0', '0'];
      const [toTx, toPos] = c.position.split('-');
      const prefixes = c.filter?.streamPrefixes?.length ? c.filter.streamPrefixes.map((p) => `${p.replace(/[\\%_]/g, '\\$&')}%`) : null;
      const types = c.filter?.eventTypes?.length ? c.filter.eventTypes : null;
      const { rows } = await this.client.query<{ at: number }>({
        name: 'bench_lag_events',
        text: `SELECT (extract(epoch FROM recorded_at) * 1000)::float8 AS at FROM event_store.events
          WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
            AND (transaction_id, global_position) <= ($3::text::xid8, $4::bigint)
            AND ($5::text[] IS NULL OR stream_id LIKE ANY ($5::text[]))
            AND ($6::text[] IS NULL OR type = ANY ($6::text[]))`,
        values: [fromTx, fromPos, toTx, toPos, prefixes, types],
      });
      const lags = this.lags.get(c.name) ?? [];
      for (const { at } of rows) lags.push(now - at);
      this.lags.set(c.name, lags);
    }
  }

  /** Keeps polling until every projection has passed the log's last event (or `timeoutMs`), then stops. */
  async drain(timeoutMs: number): Promise<boolean> {
    const caughtUp = await untilProjected(this.client, timeoutMs);
    this.stopped = true;
    await this.loop;
    await this.poll();
    return caughtUp;
  }
}

// ---- the processes, shared by sections 4, 6 and 7's import ----------------------------------------

export interface RunningApp {
  db: BenchDatabase;
  base: string;
  startSeconds: number;
  login(username: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  /** CPU time used so far by each process (ms). */
  cpuMs(): { api: number; worker: number };
  /** Both processes' last output, for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

let app: Promise<RunningApp> | undefined;

/** The API and the worker as child processes against a fresh migrated database, started once per `npm run bench`. */
export function runningApp(): Promise<RunningApp> {
  app ??= (async () => {
    const db: BenchDatabase = await freshDatabase('http');
    cleanups.push(() => db.drop());
    await runMigrations(db.url, migrations);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      NODE_ENV: 'development',
      DATABASE_URL: db.url,
      PORT: String(port),
      QUEUE_PREFIX: `bench_http_${process.pid}`,
      // Production's level: a line per request, as operators keep it (into the file launch gives it).
      LOG_LEVEL: 'info',
      MIGRATIONS_RUN: 'false',
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: randomBytes(32).toString('hex'),
      // The limits per address and per account are for people, not for a load generator on localhost.
      RATE_LIMIT_PER_ADDRESS: '1000000000',
      RATE_LIMIT_PER_ACCOUNT: '1000000000',
    };
    await waitForConnections(db.url, 4 * POOL_SIZE + 20);
    const started = performance.now();
    const worker = launch('worker', env);
    let api = launch('api', env);
    const stop = async () => {
      await api.stop();
      await worker.stop();
    };
    cleanups.unshift(stop);
    const output = () => `API output:\n${api.output()}\nworker output:\n${worker.output()}`;
    for (let attempt = 1; ; attempt++) {
      try {
        await waitForHealth(base, api);
        break;
      } catch (error) {
        // Other work on the server may take the connections between the count and the start; the
        // worker retries by itself, the API gives up: start it again, a few times.
        if (attempt < 4 && /too many clients/.test(api.output())) {
          console.log(`http: the API found no free PostgreSQL connection; starting it again (attempt ${attempt + 1})`);
          await api.stop();
          await waitForConnections(db.url, 2 * POOL_SIZE + 10);
          api = launch('api', env);
          continue;
        }
        console.error(output());
        await stop();
        throw error;
      }
    }
    const startSeconds = (performance.now() - started) / 1000;
    console.log(`http: API and worker up in ${fmt(startSeconds, 1)} s`);
    let admin: Promise<string> | undefined;
    return {
      db,
      base,
      startSeconds,
      login: (username, password) => login(base, username, password),
      adminToken: () => (admin ??= login(base, ADMIN.username, ADMIN.password)),
      cpuMs: () => ({ api: api.cpuMs(), worker: worker.cpuMs() }),
      output,
      stop,
    };
  })();
  return app;
}

// ---- the load and its lag, shared by sections 4 and 6 --------------------------------------------

interface HttpResults {
  commands: Load[];
  guard: Load[];
  lags: Map<string, number[]>[];
  caughtUp: boolean[];
  startSeconds: number;
  setupSeconds: number;
}

let fixture: Promise<HttpResults> | undefined;

function httpResults(): Promise<HttpResults> {
  fixture ??= (async () => {
    const { base, db, startSeconds, output, cpuMs } = await runningApp();
    try {
      const t = performance.now();
      const actors = await setUp(base);
      const setupSeconds = (performance.now() - t) / 1000;
      console.log(`http: ${actors.mediators.length} mediators with ${CASES_PER_MEDIATOR} cases each, ${actors.informants.length} informants, in ${fmt(setupSeconds, 1)} s`);
      const results: HttpResults = { commands: [], guard: [], lags: [], caughtUp: [], startSeconds, setupSeconds };
      // Warm-up: the first seconds of a fresh process (JIT, pools, caches) are not what is measured.
      // Then let the requests autocannon left in flight finish and the worker catch up.
      await commandLoad(base, actors, Math.min(3, SECONDS));
      const probeClient = await connectPatiently(db.url);
      cleanups.unshift(() => probeClient.end());
      const warm = new LagProbe(probeClient);
      await warm.start();
      await warm.drain(120_000);
      for (let r = 1; r <= RUNS; r++) {
        const probe = new LagProbe(probeClient);
        await probe.start();
        const before = { ...cpuMs(), postgres: postgresCpuMs(), harness: process.cpuUsage(), machine: cpuTimes() };
        const load = await commandLoad(base, actors, SECONDS);
        const afterLoad = cpuMs();
        results.caughtUp.push(await probe.drain(120_000));
        const postgres = postgresCpuMs();
        const harness = process.cpuUsage(before.harness);
        const machine = busyMs(before.machine, cpuTimes());
        load.apiCpuPerRequest = (afterLoad.api - before.api) / load.total;
        load.workerCpuPerRequest = (cpuMs().worker - before.worker) / load.total;
        if (postgres !== undefined && before.postgres !== undefined) load.postgresCpuPerRequest = (postgres - before.postgres) / load.total;
        load.harnessCpuPerRequest = (harness.user + harness.system) / 1000 / load.total;
        if (machine !== undefined) load.machineCpuPerRequest = machine / load.total;
        results.commands.push(load);
        results.lags.push(probe.lags);
        console.log(`http run ${r}: ${fmt(load.perSecond)} commands/s, p50 ${load.p50} ms, p99 ${load.p99} ms, refused ${JSON.stringify(load.refused)}`);
        const beforeGuard = cpuMs();
        const guard = await guardLoad(base, actors.mediators[0].token, SECONDS);
        guard.apiCpuPerRequest = (cpuMs().api - beforeGuard.api) / guard.total;
        results.guard.push(guard);
        console.log(`http run ${r}, GET /auth/me: ${fmt(guard.perSecond)} requests/s, p50 ${guard.p50} ms, p99 ${guard.p99} ms`);
      }
      return results;
    } catch (error) {
      console.error(output());
      throw error;
    }
  })();
  return fixture;
}

const refusedText = (load: Load) => {
  const entries = Object.entries(load.refused);
  return entries.length ? entries.map(([k, n]) => `${fmt(n)} × ${k}`).join('; ') : 'none';
};

export async function httpBench(): Promise<string[]> {
  const { commands, guard, startSeconds, setupSeconds } = await httpResults();
  const errors = commands.map((l) => Object.values(l.refused).reduce((a, b) => a + b, 0));
  const kinds = KINDS.map((k) => `${k} ${fmt(median(commands.map((l) => l.kinds[k] ?? 0)))}`).join(', ');
  return [
    `The API and the worker as child processes of their own (started in ${fmt(startSeconds, 1)} s; \`DATABASE_POOL_SIZE=${POOL_SIZE}\`,`,
    `every other setting at its default but the per-address and per-account rate limits, raised), a fresh migrated database,`,
    `${MEDIATORS} mediators in ${SUB_DISTRICTS.length} sub-districts with ${CASES_PER_MEDIATOR} open cases each and ${INFORMANTS} registered informants`,
    `(set up through the API in ${fmt(setupSeconds, 1)} s). autocannon, in the harness's process, keeps ${CONNECTIONS} connections busy for`,
    `${SECONDS} s a run (BENCH_HTTP_SECONDS; the issue says 30), each connection sending in turn: open a case (a random`,
    `mediator, in their sub-district), log a step and record a recovery (a random mediator, on one of their cases), submit an`,
    `alert with a fresh Idempotency-Key (a random informant). ${RUNS} runs after a ${Math.min(3, SECONDS)} s warm-up. Requests answered`,
    `per run, by kind (median): ${kinds}.`,
    '',
    `The reference of the same run: \`GET /api/v1/auth/me\` with the same ${CONNECTIONS} connections, the access guard alone`,
    `(token check, session check, the account's state: ADR 0015) and no command; run right after each command run.`,
    '',
    '| figure | the command mix | `GET /auth/me` (reference) | mix ÷ reference |',
    '| --- | --- | --- | --- |',
    `| requests/s | ${spread(commands.map((l) => l.perSecond))} | ${spread(guard.map((l) => l.perSecond))} | ${ratioText(commands.map((l) => l.perSecond), guard.map((l) => l.perSecond))} |`,
    `| p50 latency (ms) | ${spread(commands.map((l) => l.p50))} | ${spread(guard.map((l) => l.p50))} | |`,
    `| p99 latency (ms) | ${spread(commands.map((l) => l.p99))} | ${spread(guard.map((l) => l.p99))} | |`,
    `| the API's CPU time per request (ms) | ${spread(commands.map((l) => l.apiCpuPerRequest ?? NaN), 1)} | ${spread(guard.map((l) => l.apiCpuPerRequest ?? NaN), 1)} | ${ratioText(commands.map((l) => l.apiCpuPerRequest ?? NaN), guard.map((l) => l.apiCpuPerRequest ?? NaN))} |`,
    `| the worker's CPU time per request, until it caught up (ms) | ${spread(commands.map((l) => l.workerCpuPerRequest ?? NaN), 1)} | | |`,
    `| PostgreSQL's CPU time per request, the same span (ms) | ${spread(commands.map((l) => l.postgresCpuPerRequest ?? NaN), 1)} | | |`,
    `| the harness's (autocannon's) CPU time per request (ms) | ${spread(commands.map((l) => l.harnessCpuPerRequest ?? NaN), 1)} | | |`,
    `| the whole machine's busy CPU time per request (ms) | ${spread(commands.map((l) => l.machineCpuPerRequest ?? NaN), 1)} | | |`,
    `| errors (non-2xx, socket errors, timeouts), per run | ${errors.map((n) => fmt(n)).join(', ')} (answered: ${commands.map((l) => fmt(l.total)).join(', ')}) | ${guard.map((l) => fmt(Object.values(l.refused).reduce((a, b) => a + b, 0))).join(', ')} (answered: ${guard.map((l) => fmt(l.total)).join(', ')}) | |`,
    '',
    `Errors by answer, per run: ${commands.map((l, i) => `run ${i + 1}: ${refusedText(l)}`).join('. ')}.`,
    '',
    `CPU time comes from /proc for each process over the load (requests left unanswered when a run ends are not counted,`,
    `so with few requests a run it reads high): unlike requests/s it hardly depends on how many other processes share the`,
    `cores, so it is the figure to compare between runs on a busy machine. One API process runs its JavaScript on one`,
    `thread: 1,000 ms ÷ the API's CPU ms per request is about the most it could answer a second with a core to itself.`,
    `PostgreSQL's figure counts all of its processes (every database's sessions: other work on a shared machine reads as`,
    `PostgreSQL's); the machine's figure is everything busy on it, so it tells what is left for what none of the rows name.`,
  ];
}

function ratioText(ours: number[], reference: number[]): string {
  const perRun = ours.map((v, i) => v / reference[i]);
  return `**${fmt(median(ours) / median(reference), 2)}** (runs ${perRun.map((r) => fmt(r, 2)).join(', ')})`;
}

export async function lagBench(): Promise<string[]> {
  const { lags, caughtUp } = await httpResults();
  const names = [...new Set(lags.flatMap((m) => [...m.keys()]))].sort();
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
  };
  const row = (name: string, of: (run: Map<string, number[]>) => number[]) => {
    const perRun = lags.map((run) => stats(of(run)));
    return `| ${name} | ${fmt(median(perRun.map((s) => s.n)))} | ${spread(perRun.map((s) => s.p50))} | ${spread(perRun.map((s) => s.p99))} |`;
  };
  return [
    `Under section 4's load, in each of its ${RUNS} runs and until the worker has caught up after it: for every event a`,
    `read model's projection applied, the time from the event's \`recorded_at\` (set by PostgreSQL in the appending`,
    `transaction) to the moment a poll of \`projection_checkpoints\`, every ${LAG_POLL_MS} ms, found the projection's`,
    `checkpoint past it (the projection's transaction committed: the row is visible to a query). So each figure is late by`,
    `up to one poll interval, and includes the wait for the append's own commit. The worker caught up after the load in`,
    `${caughtUp.filter(Boolean).length} of ${caughtUp.length} runs within 120 s. Milliseconds; events counted per run (median).`,
    '',
    '| read model | events | p50 (ms) | p99 (ms) |',
    '| --- | --- | --- | --- |',
    row('**all read models together**', (run) => [...run.values()].flat()),
    ...names.map((name) => row(name, (run) => run.get(name) ?? [])),
  ];
}
