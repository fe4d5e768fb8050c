/** Shared pieces of the benchmark harness (bench/run.ts): sizes, statistics, databases, pgbench. */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { ensureDatabase, withDefaultUser } from '@lc/database';
import { NewEvent } from '@lc/event-store';
import { removeRedisKeys } from '@lc/testing';

export const run = promisify(execFile);

export const SERVER = process.env.BENCH_DATABASE_SERVER ?? process.env.TEST_DATABASE_SERVER ?? 'postgres://localhost:5432';

/** A size from the environment (BENCH_<NAME>), with its default: every size of the report is one. */
export function size(name: string, fallback: number): number {
  const raw = process.env[`BENCH_${name}`];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`BENCH_${name} must be a positive number, got ${raw}`);
  return value;
}

export const RUNS = size('RUNS', 3);

export interface Figure {
  /** One value per run, in the unit. */
  values: number[];
  unit: string;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';

/** "min / median / max" of a figure. */
export function spread(values: number[], digits = 0): string {
  if (!values.length) return 'n/a';
  return `${fmt(Math.min(...values), digits)} / **${fmt(median(values), digits)}** / ${fmt(Math.max(...values), digits)}`;
}

/** Ratio of medians, with the range of per-run ratios (run i of ours against run i of the reference). */
export function ratio(ours: number[], reference: number[], digits = 2): string {
  if (!ours.length || !reference.length) return 'n/a';
  const perRun = ours.map((v, i) => v / reference[Math.min(i, reference.length - 1)]);
  return `**${fmt(median(ours) / median(reference), digits)}** (runs ${perRun.map((r) => fmt(r, digits)).join(', ')})`;
}

export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the local server (migrated by the caller when it needs our schema). */
export async function freshDatabase(label: string): Promise<BenchDatabase> {
  const name = `lc_bench_${label}_${randomBytes(4).toString('hex')}`;
  const url = withDefaultUser(`${SERVER}/${name}`);
  await ensureDatabase(url);
  return {
    url,
    name,
    drop: async () => {
      const admin = new Client({ connectionString: withDefaultUser(`${SERVER}/postgres`) });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Roughly 300 bytes of JSON per event (data + metadata), like a logged mediation step. */
export function benchEvent(i: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'StepLogged',
    data: {
      kind: 'contact',
      note: `第${i}次电话联系申请人，约定下周三到街道调解室面谈。`,
      occurredAt: '2022-03-14T09:30:00.000Z',
      mediatorId: '6f1c2a9e-0b7d-4c1e-9a3f-2d8e5b7c1a40',
    },
    metadata: { actorId: 'bench', actorRole: 'mediator', correlationId: randomUUID() },
  };
}
export const BENCH_EVENT_BYTES = (() => {
  const e = benchEvent(1000);
  return Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata)) + e.type.length + 36;
})();

/** Run `workers` loops until `seconds` have passed; returns how many units they did per second. */
export async function forDuration(workers: number, seconds: number, step: (worker: number) => Promise<number>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < end) {
        // Not `done += await step(w)`: that reads `done` before the await and loses the other workers' counts.
        const n = await step(w);
        done += n;
      }
    }),
  );
  return (done / (performance.now() - start)) * 1000;
}

export function findPgbench(): string {
  const onPath = (process.env.PATH ?? '').split(':').find((dir) => existsSync(`${dir}/pgbench`));
  if (onPath) return `${onPath}/pgbench`;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const version of readdirSync(root).sort().reverse()) {
      if (existsSync(`${root}/${version}/bin/pgbench`)) return `${root}/${version}/bin/pgbench`;
    }
  }
  throw new Error('pgbench not found: install postgresql-client (or the server package) or put it on PATH');
}

/** USER_HZ: /proc counts CPU time in these ticks; 100 on every Linux this runs on. */
export const USER_HZ = 100;

/** The machine's CPU time so far, from /proc/stat (Linux), in clock ticks: undefined elsewhere. */
export interface CpuTimes {
  busy: number;
  idle: number;
  steal: number;
}

export function cpuTimes(): CpuTimes | undefined {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal (guest time is inside user already)
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
    return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal: steal ?? 0 };
  } catch {
    return undefined;
  }
}

/**
 * How the machine's CPUs were used between two readings: by its own processes (ours, PostgreSQL,
 * and whatever else shares it), idle, and stolen by the hypervisor for other machines (time this
 * machine wanted to run but could not). A section with much stolen time measured a slower machine.
 */
export function describeCpu(before: CpuTimes | undefined, after: CpuTimes | undefined): string | undefined {
  if (!before || !after) return undefined;
  const busy = after.busy - before.busy;
  const idle = after.idle - before.idle;
  const steal = after.steal - before.steal;
  const total = busy + idle + steal;
  if (total <= 0) return undefined;
  const pct = (n: number) => `${fmt((n / total) * 100)} %`;
  return `- The machine's CPUs during this section: busy ${pct(busy)}, idle ${pct(idle)}, stolen by the hypervisor ${pct(steal)}.`;
}

/**
 * CPU time (ms) used so far by PostgreSQL on this machine: every live `postgres` process (the
 * server and its backends), plus what the server has collected from children that ended (cutime,
 * cstime). Every database's sessions count, not only the bench's: on a shared machine this reads
 * high. Undefined where /proc is missing.
 */
export function postgresCpuMs(): number | undefined {
  try {
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // ended meanwhile
      }
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      // After "pid (comm)": state ppid ... utime(14) stime(15) cutime(16) cstime(17), 1-based over the whole line.
      const fields = stat.slice(close + 2).split(' ');
      const [utime, stime, cutime, cstime] = [fields[11], fields[12], fields[13], fields[14]].map(Number);
      ticks += utime + stime + cutime + cstime;
    }
    return (ticks * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
}

/** The machine's busy CPU time (ms) between two readings of cpuTimes. */
export function busyMs(before: CpuTimes | undefined, after: CpuTimes | undefined): number | undefined {
  return before && after ? ((after.busy - before.busy) * 1000) / USER_HZ : undefined;
}

/** The machine and the PostgreSQL settings that matter for these figures. */
export async function environment(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const version = (await client.query<{ v: string }>('SELECT version() AS v')).rows[0].v.replace(/ on .*/, '');
    const settings = await client.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings
        WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'wal_level', 'max_connections',
                       'work_mem', 'commit_delay', 'max_wal_size', 'effective_io_concurrency', 'wal_sync_method', 'full_page_writes')
        ORDER BY name`,
    );
    const cpus = os.cpus();
    return [
      `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
      `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}; load average at start ${os.loadavg().map((l) => fmt(l, 1)).join(' / ')} (the machine is shared: ratios to the same run's references are what count)`,
      `- Node ${process.version}; ${version}, on the same machine (localhost)`,
      `- PostgreSQL settings: ${settings.rows.map((r) => `\`${r.name} = ${r.setting}${r.unit && r.unit !== '' ? ` ${r.unit}` : ''}\``).join(', ')}`,
    ];
  } finally {
    await client.end();
  }
}

/**
 * Removes this run's queue keys from Redis (every section's QUEUE_PREFIX is bench_<label>_<pid>):
 * the jobs a rebuild schedules for the clocks it replays stayed behind, some 35,000 keys for a
 * log of 1,000,000 events, and Redis grew by every run. Answers how many keys went.
 */
export function dropBenchQueues(): Promise<number> {
  return removeRedisKeys(`bench_*_${process.pid}:*`);
}
