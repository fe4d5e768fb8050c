/** Section 5, dashboard: GET /api/v1/stats/summary over the read models rebuilt in section 3. */
import { Agent, get } from 'node:http';
import { freePort } from '../test/support/built-app';
import { launch, waitForHealth } from './processes';
import { fmt, percentile, RUNS, size, spread } from './lib';
import { DEMO_PASSWORD, rebuiltLog } from './rebuild.bench';

const REQUESTS = size('DASHBOARD_REQUESTS', 100);
/**
 * Requests per query before the runs: the API's first few hundred requests of a route run cold
 * (V8 has not compiled its path yet, each pooled connection's PostgreSQL backend has not yet
 * cached the catalog): 2-3 ms more at p95 over the first 1,000 in a scratch measurement. A
 * dashboard's API in service has long passed them.
 */
const WARM_UP = size('DASHBOARD_WARM_UP', 300);

export interface RunningApi {
  base: string;
  token(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The built API (`npm start`'s) as a process of its own, logging a line per request into a file as
 * in production: not in this process, whose own fetch calls would share the API's thread.
 */
export async function startApi(url: string, label: string, env: Record<string, string> = {}): Promise<RunningApi> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = launch('api', {
    NODE_ENV: 'development',
    DATABASE_URL: url,
    PORT: String(port),
    QUEUE_PREFIX: `bench_${label}_${process.pid}`,
    LOG_LEVEL: 'info',
    MIGRATIONS_RUN: 'false',
    ...env,
  });
  await waitForHealth(base, child);
  return {
    base,
    async token(username, password) {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    close: () => child.stop(),
  };
}

/**
 * One GET at a time on one kept-alive connection, through node:http: the lightest client node has
 * (fetch's own machinery added about 1 ms at p95 in a scratch comparison, time spent in this
 * process and not in the API's).
 */
async function latencies(url: string, token: string, n: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const t = performance.now();
      get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.on('data', () => undefined);
        res.on('error', reject);
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t) : reject(new Error(`${url}: ${res.statusCode}`))));
      }).on('error', reject);
    });
  const out: number[] = [];
  try {
    for (let i = 0; i < n; i++) out.push(await once());
  } finally {
    agent.destroy();
  }
  return out.sort((a, b) => a - b);
}

export async function dashboardBench(): Promise<string[]> {
  const log = await rebuiltLog();
  // The rate limits are the defaults (3,000 requests a minute per account): the warm-up and the
  // runs of both queries come to more within a minute.
  const api = await startApi(log.db.url, 'dashboard', { RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_ACCOUNT: '1000000' });
  const queries = [
    { name: 'the year 2022, whole district', query: 'period=2022' },
    { name: 'the year 2022, one sub-district', query: 'period=2022&subDistrict=pinghu' },
  ];
  const results = new Map(queries.map((q) => [q.name, { p50: [] as number[], p95: [] as number[] }]));
  try {
    const token = await api.token('district-supervisor', DEMO_PASSWORD);
    for (const q of queries) await latencies(`${api.base}/api/v1/stats/summary?${q.query}`, token, WARM_UP);
    for (let r = 1; r <= RUNS; r++) {
      for (const q of queries) {
        const l = await latencies(`${api.base}/api/v1/stats/summary?${q.query}`, token, REQUESTS);
        results.get(q.name)!.p50.push(percentile(l, 50));
        results.get(q.name)!.p95.push(percentile(l, 95));
        console.log(`dashboard run ${r} ${q.name}: p50 ${fmt(percentile(l, 50), 1)} ms, p95 ${fmt(percentile(l, 95), 1)} ms`);
      }
    }
  } finally {
    await api.close();
  }
  return [
    `\`GET /api/v1/stats/summary\` as the district supervisor, over the read models of section 3's log (${fmt(log.events)} events`,
    `projected), one request at a time on one kept-alive connection (node:http) to the built API in a process of its own on localhost (token check and rate limit included; a log line per request into a file, as in production), ${REQUESTS} requests a run after ${WARM_UP}`,
    `to warm up, ${RUNS} runs. Milliseconds.`,
    '',
    '| query | p50 (ms) | p95 (ms) |',
    '| --- | --- | --- |',
    ...queries.map((q) => `| ${q.name} (\`${q.query}\`) | ${spread(results.get(q.name)!.p50, 1)} | ${spread(results.get(q.name)!.p95, 1)} |`),
  ];
}
