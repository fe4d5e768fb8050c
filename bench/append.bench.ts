/**
 * Section 1, append: our event store, Emmett's and pgbench's single-row INSERT transactions (the
 * ceiling of what PostgreSQL does on this machine), interleaved within each run.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { Client, Pool } from 'pg';
import { runMigrations } from '@lc/database';
import { migrations } from '@lc/migrations';
import { PostgresEventStore } from '@lc/event-store';
import { BENCH_EVENT_BYTES, benchEvent, fmt, forDuration, findPgbench, freshDatabase, ratio, run, RUNS, size, spread } from './lib';

const SECONDS = size('APPEND_SECONDS', 3);
const STREAMS = size('APPEND_STREAMS', 10_000);

interface Workload {
  name: string;
  writers: number;
  perAppend: number;
}
const WORKLOADS: Workload[] = [
  { name: 'single-event appends, 1 writer', writers: 1, perAppend: 1 },
  { name: 'single-event appends, 8 concurrent', writers: 8, perAppend: 1 },
  { name: 'single-event appends, 32 concurrent', writers: 32, perAppend: 1 },
  { name: '10-event batches, 8 concurrent', writers: 8, perAppend: 10 },
];

const stream = () => `case-${Math.floor(Math.random() * STREAMS)}`;

async function pgbench(url: string, workload: Workload, script: string): Promise<number> {
  const target = new URL(url);
  const { stdout } = await run(
    findPgbench(),
    [
      '-n', '-M', 'prepared', '-c', String(workload.writers), '-j', String(Math.min(workload.writers, os.cpus().length)),
      '-T', String(SECONDS), '-f', script,
      '-h', target.hostname, '-p', target.port || '5432', '-U', decodeURIComponent(target.username), target.pathname.slice(1),
    ],
    { maxBuffer: 1 << 24 },
  );
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
  if (tps) return Number(tps[1]) * workload.perAppend;
  // On a starved machine the clients may connect so late that none commits within the duration.
  const processed = /number of transactions actually processed: (\d+)/.exec(stdout);
  if (!processed) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return (Number(processed[1]) / SECONDS) * workload.perAppend;
}

export async function appendBench(): Promise<string[]> {
  const ours = await freshDatabase('append_ours');
  const emmett = await freshDatabase('append_emmett');
  const ceiling = await freshDatabase('append_pgbench');
  let emmettRefused = 0;
  const results = new Map<string, { ours: number[]; emmett: number[]; pgbench: number[] }>();
  for (const w of WORKLOADS) results.set(w.name, { ours: [], emmett: [], pgbench: [] });
  await runMigrations(ours.url, migrations);
  const store = new PostgresEventStore({ pool: { connectionString: ours.url, max: 40 } });
  const emmettPool = new Pool({ connectionString: emmett.url, max: 40 });
  const emmettStore = getPostgreSQLEventStore(emmett.url, { connectionOptions: { pooled: true, pool: emmettPool } as never });

  // The ceiling: the same row, the same indexes as our events table, one INSERT per transaction.
  // Versions are drawn from a range wide enough that two rows of a stream never meet on its unique index.
  const sample = benchEvent(1);
  const data = JSON.stringify(sample.data).replace(/'/g, "''");
  const metadata = JSON.stringify(sample.metadata).replace(/'/g, "''");
  const admin = new Client({ connectionString: ceiling.url });
  await admin.connect();
  await admin.query(`
    CREATE TABLE events (
      global_position bigserial,
      transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
      stream_id       text        NOT NULL,
      stream_version  bigint      NOT NULL,
      event_id        uuid        NOT NULL,
      type            text        NOT NULL,
      data            jsonb       NOT NULL,
      metadata        jsonb       NOT NULL,
      recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (transaction_id, global_position),
      UNIQUE (stream_id, stream_version),
      UNIQUE (stream_id, event_id)
    );
    CREATE INDEX ON events (type, transaction_id, global_position)`);
  await admin.end();
  const single = `${os.tmpdir()}/lc-bench-single-${process.pid}.sql`;
  const batch = `${os.tmpdir()}/lc-bench-batch-${process.pid}.sql`;
  writeFileSync(
    single,
    `\\set s random(1, ${STREAMS})\n\\set v random(1, 1000000000000000)\n` +
      `INSERT INTO events (stream_id, stream_version, event_id, type, data, metadata) VALUES ('case-' || :s, :v, gen_random_uuid(), 'StepLogged', '${data}', '${metadata}');\n`,
  );
  writeFileSync(
    batch,
    `\\set s random(1, ${STREAMS})\n\\set v random(1, 1000000000000000)\n` +
      `INSERT INTO events (stream_id, stream_version, event_id, type, data, metadata) SELECT 'case-' || :s, :v::bigint + i, gen_random_uuid(), 'StepLogged', '${data}', '${metadata}' FROM generate_series(1, 10) i;\n`,
  );

  try {
    for (let r = 1; r <= RUNS; r++) {
      for (const w of WORKLOADS) {
        const figures = results.get(w.name)!;
        // Interleaved: ours, the peer, the ceiling, then the next workload.
        figures.ours.push(
          await forDuration(w.writers, SECONDS, async () => {
            await store.append(stream(), Array.from({ length: w.perAppend }, (_, i) => benchEvent(i)));
            return w.perAppend;
          }),
        );
        figures.emmett.push(
          await forDuration(w.writers, SECONDS, async () => {
            const events = Array.from({ length: w.perAppend }, (_, i) => {
              const e = benchEvent(i);
              return { type: e.type, data: e.data, metadata: e.metadata };
            });
            try {
              await emmettStore.appendToStream(stream(), events as never);
            } catch (error) {
              // Emmett refuses an append without an expected version when another writer creates
              // the same stream at the same moment; that append stored nothing, so count nothing.
              if ((error as { errorCode?: number }).errorCode !== 412) throw error;
              emmettRefused++;
              return 0;
            }
            return w.perAppend;
          }),
        );
        figures.pgbench.push(await pgbench(ceiling.url, w, w.perAppend === 1 ? single : batch));
        console.log(
          `append run ${r} ${w.name}: ours ${fmt(figures.ours.at(-1)!)} ev/s, Emmett ${fmt(figures.emmett.at(-1)!)} ev/s, pgbench ${fmt(figures.pgbench.at(-1)!)} rows/s`,
        );
      }
    }
  } finally {
    await store.close();
    await emmettStore.close();
    await emmettPool.end().catch(() => undefined);
    await ours.drop();
    await emmett.drop();
    await ceiling.drop();
  }

  const lines = [
    `Each run: ${SECONDS} s per workload and store, random streams out of ${fmt(STREAMS)}, events of ~${BENCH_EVENT_BYTES} bytes`,
    `(type, data and metadata JSON, id), expected version \`any\`; ${RUNS} runs, interleaved (ours, Emmett, pgbench for each`,
    `workload in turn). The ceiling is \`pgbench -M prepared\` with the same number of clients doing one INSERT transaction`,
    `of one row (of 10 rows for the batches) into a table with our events table's columns and indexes. Figures are events/s,`,
    `min / **median** / max of the runs. Emmett refused ${fmt(emmettRefused)} appends in all (two writers starting the same`,
    `stream at once: its "no concurrency check" append still fails then); they count for nothing.`,
    '',
    '| workload | ours (events/s) | Emmett 0.42 (events/s) | pgbench ceiling (rows/s) | ours ÷ Emmett | ours ÷ ceiling |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const w of WORKLOADS) {
    const f = results.get(w.name)!;
    lines.push(`| ${w.name} | ${spread(f.ours)} | ${spread(f.emmett)} | ${spread(f.pgbench)} | ${ratio(f.ours, f.emmett)} | ${ratio(f.ours, f.pgbench)} |`);
  }
  return lines;
}
