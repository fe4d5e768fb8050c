/**
 * Section 3, projection rebuild: every read model rebuilt from a log of the demo's mix by
 * `npm run projections:rebuild -- --all` (the built worker, in a process of its own). Also gives
 * section 7's demo figure: the wall time of the demo that makes the log.
 *
 * The demo plays its year through the command handlers (seconds per thousand events), so the bench
 * plays it once at BENCH_DEMO_SCALE and then copies its events until the log holds
 * BENCH_REBUILD_EVENTS: each copy renames every id (the first 8 hex digits of each uuid), case
 * number and stream, so every copy is new records of the same mix, not the same records again.
 */
import 'reflect-metadata';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { loadConfig } from '@lc/config';
import { runMigrations } from '@lc/database';
import { migrations } from '@lc/migrations';
import { runDemoCli } from '@lc/demo';
import type { RebuildAllResult } from '@lc/projections';
import { APPENDER_LOCK } from '../libs/event-store/src/postgres/migrations/1763700000090-event-store-read-horizon';
import { BenchDatabase, fmt, freshDatabase, median, RUNS, size, spread } from './lib';
import { launch, scriptNodeFlags } from './processes';

export const REBUILD_EVENTS = size('REBUILD_EVENTS', 20_000);
// The whole year by default: section 7 gives the figure measured, not extrapolated (~20 s of the bench).
export const DEMO_SCALE = size('DEMO_SCALE', 1);
export const DEMO_PASSWORD = 'Bench-Passw0rd-2022';

/**
 * The log that sections 3, 5 and 7 share, made once per `npm run bench`: the demo played, its
 * events copied up to REBUILD_EVENTS, every read model rebuilt RUNS times.
 */
export interface RebuiltLog {
  db: BenchDatabase;
  demoMs: number;
  demoEvents: number;
  events: number;
  rebuilds: RebuildAllResult[];
}
let fixture: Promise<RebuiltLog> | undefined;
export function rebuiltLog(): Promise<RebuiltLog> {
  fixture ??= (async () => {
    const db = await freshDatabase('rebuild');
    cleanups.push(() => db.drop());
    await runMigrations(db.url, migrations);
    const demoMs = await playDemo(db, DEMO_SCALE);
    const demoEvents = await countEvents(db.url);
    console.log(`rebuild: demo at scale ${DEMO_SCALE} played in ${fmt(demoMs)} ms (${fmt(demoEvents)} events)`);
    const events = await amplify(db.url, REBUILD_EVENTS);
    console.log(`rebuild: log of ${fmt(events)} events`);
    const rebuilds: RebuildAllResult[] = [];
    for (let r = 1; r <= RUNS; r++) {
      rebuilds.push(await rebuildAll(db.url));
      console.log(`rebuild run ${r}: ${JSON.stringify(rebuilds.at(-1))}`);
    }
    return { db, demoMs, demoEvents, events, rebuilds };
  })();
  return fixture;
}
/** Run by bench/run.ts at the end. */
export const cleanups: (() => Promise<void>)[] = [];

async function countEvents(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*) AS n FROM event_store.events`)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** The environment the bench runs the service's code with, in this process (the demo) or a child. */
function benchEnv(url: string, label: string): Record<string, string> {
  return {
    NODE_ENV: 'development',
    DATABASE_URL: url,
    QUEUE_PREFIX: `bench_${label}_${process.pid}`,
    LOG_LEVEL: 'warn',
    MIGRATIONS_RUN: 'false',
  };
}

export function benchConfig(url: string, label: string) {
  return loadConfig({ ...process.env, ...benchEnv(url, label) });
}

const devNull = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

/** Plays the demo year into an empty database; answers its wall time in ms. */
export async function playDemo(db: BenchDatabase, scale: number): Promise<number> {
  const start = performance.now();
  const code = await runDemoCli(
    benchConfig(db.url, 'demo'),
    ['--year', '2022', '--scale', String(scale), '--password', DEMO_PASSWORD],
    devNull(),
    process.stderr,
  );
  if (code !== 0) throw new Error(`demo exited ${code}`);
  return performance.now() - start;
}

/** Copies the demo's events (all but the accounts') until the log holds `target` events. */
export async function amplify(url: string, target: number): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const base = Number((await client.query(`SELECT count(*) AS n FROM event_store.events`)).rows[0].n);
    const copyable = Number(
      (
        await client.query(
          `SELECT count(*) AS n FROM event_store.events WHERE type NOT IN ('AccountCreated', 'UsernameClaimed', 'AccountDeactivated', 'AccountReactivated', 'PasswordChanged', 'AccountRoleChanged')
              AND stream_id NOT LIKE 'username-%' AND stream_id NOT LIKE 'person-%'`,
        )
      ).rows[0].n,
    );
    const copies = Math.max(0, Math.ceil((target - base) / Math.max(1, copyable)));
    for (let k = 1; k <= copies; k++) {
      const prefix = (0x10000000 + k).toString(16).slice(-8);
      // Appender lock first, as every writer of the log (ADR 0004); one transaction per copy.
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock_shared(${APPENDER_LOCK.classId}, ${APPENDER_LOCK.objId})`);
      await client.query(
        `WITH source AS (
           SELECT * FROM event_store.events
            WHERE global_position <= $3
              AND type NOT IN ('AccountCreated', 'UsernameClaimed', 'AccountDeactivated', 'AccountReactivated', 'PasswordChanged', 'AccountRoleChanged')
              AND stream_id NOT LIKE 'username-%' AND stream_id NOT LIKE 'person-%'
            ORDER BY transaction_id, global_position
            LIMIT $2)
         INSERT INTO event_store.events (stream_id, stream_version, event_id, type, data, metadata, recorded_at)
         SELECT CASE WHEN stream_id ~ '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
                     THEN regexp_replace(stream_id, '(?<!person-)[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', $1 || '\\1', 'g')
                     ELSE stream_id || '-' || $1 END, -- claim streams (case numbers, court case numbers...)
                stream_version, gen_random_uuid(), type,
                -- Person ids stay: their keys (sealed personal data) are kept under them.
                regexp_replace(regexp_replace(data::text, '(?<!"personId": ")[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', $1 || '\\1', 'g'),
                               '("caseNo": "[^"]+)"', '\\1-' || $1 || '"', 'g')::jsonb,
                regexp_replace(metadata::text, '[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', $1 || '\\1', 'g')::jsonb,
                recorded_at
           FROM source
          ORDER BY transaction_id, global_position`,
        [prefix, Math.min(copyable, target - base - (k - 1) * copyable), Number.MAX_SAFE_INTEGER],
      );
      await client.query('COMMIT');
    }
    await client.query('VACUUM ANALYZE event_store.events');
    return Number((await client.query(`SELECT count(*) AS n FROM event_store.events`)).rows[0].n);
  } finally {
    await client.end();
  }
}

/**
 * `npm run projections:rebuild -- --all` as an operator runs it: the built worker in a process of
 * its own (not in this one, whose heap holds what the sections before it left), with the script's
 * node flags and the environment benchEnv gives. Its figures are the fields the command logs (`rebuilt`).
 */
export async function rebuildAll(url: string): Promise<RebuildAllResult> {
  const worker = launch('worker', { ...benchEnv(url, 'rebuild'), LOG_LEVEL: 'info' }, ['rebuild', '--all'], scriptNodeFlags('projections:rebuild'));
  const code = await worker.exited;
  const line = worker
    .output()
    .split('\n')
    .find((l: string) => l.includes('"rebuilt"'));
  if (code !== 0 || !line) throw new Error(`worker rebuild --all exited ${code}:\n${worker.output()}`);
  return (JSON.parse(line) as { rebuilt: RebuildAllResult }).rebuilt;
}

export async function rebuildBench(): Promise<string[]> {
  const { demoMs, events: total, rebuilds: results } = await rebuiltLog();
  const seconds = results.map((r) => r.ms / 1000);
  const perSecond = results.map((r) => (r.events / r.ms) * 1000);
  const names = Object.keys(results[0]?.applied ?? {}).sort(
    (a, b) => median(results.map((r) => r.busyMs[b])) - median(results.map((r) => r.busyMs[a])),
  );
  return [
    `The log: the demo year 2022 played at scale ${DEMO_SCALE} (${fmt(demoMs / 1000, 1)} s, see section 7), its events copied`,
    `under new ids, case numbers and streams up to ${fmt(total)} events (BENCH_REBUILD_EVENTS; BENCH_DEMO_SCALE). Each run empties`,
    `every read model and replays the whole log into all of them (\`npm run projections:rebuild -- --all\`, the built worker in a process of its own: one read of the`,
    `log in pages of 20,000, each page applied to every projection in its own transaction, the projections side by side;`,
    `the read models' secondary indexes set aside meanwhile and made again at the end, ADR 0018).`,
    '',
    '| figure | min / **median** / max |',
    '| --- | --- |',
    `| rebuild of all read models (s) | ${spread(seconds, 1)} |`,
    `| events/s | ${spread(perSecond)} |`,
    `| the same rate over 1,000,000 events (s, extrapolated) | ${spread(perSecond.map((p) => 1_000_000 / p), 1)} |`,
    '',
    "Where the time goes (each projection's own transactions, running side by side; median of the runs):",
    '',
    '| projection | events applied | busy (s) |',
    '| --- | --- | --- |',
    ...names.map((n) => `| ${n} | ${fmt(results[0].applied[n])} | ${fmt(median(results.map((r) => r.busyMs[n])) / 1000, 1)} |`),
  ];
}

/** Section 7 (part): the demo year's wall time, from the run that made section 3's log. */
export async function demoBench(): Promise<string[]> {
  const { demoMs, demoEvents } = await rebuiltLog();
  const perSecond = (demoEvents / demoMs) * 1000;
  return [
    `\`npm run demo -- --year 2022 --scale ${DEMO_SCALE}\` as section 3 plays it (in-process: migrate, plan, every command through`,
    `the command bus with its handlers, the figures checked against the log), one run, the machine as loaded as it was:`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| demo at scale ${DEMO_SCALE}: wall time | ${fmt(demoMs / 1000, 1)} s for ${fmt(demoEvents)} events (${fmt(perSecond)} events/s) |`,
    ...(DEMO_SCALE === 1 ? [] : [`| the full year (scale 1, about 14,600 events) at that rate | ${fmt(14_600 / perSecond, 0)} s (extrapolated) |`]),
    '',
    "The import's rows/s: the next part of this section (`npm run bench -- import`).",
  ];
}
