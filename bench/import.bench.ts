/**
 * Section 7 (part), import: a disputes spreadsheet of BENCH_IMPORT_ROWS rows (the size is
 * 10,000) uploaded to `POST /api/v1/imports?kind=disputes` of the API that sections 4 and 6 start,
 * and written by its worker; rows/s from the upload until the import is completed.
 */
import { busyMs, cpuTimes, fmt, postgresCpuMs, RUNS, size, spread } from './lib';
import { Client } from 'pg';
import { runningApp, untilProjected } from './http.bench';
import { toCsv } from '@lc/imports';

const ROWS = size('IMPORT_ROWS', 1_000);

const HEADERS = ['街道', '来源渠道', '纠纷类型', '用人单位', '统一社会信用代码', '涉及职工人数', '诉求金额（元）', '案情摘要', '受理日期', '申请人', '申请人身份证号', '调解员账号', '追回金额（元）', '追回日期', '办结结果', '办结日期'];
const SUB_DISTRICTS = ['平湖', '坂田', '布吉', '南湾', '吉华', '横岗', '园山', '龙城', '龙岗', '宝龙', '坪地'];

/**
 * A past year's register as a federation keeps it: cases of every sub-district over two years,
 * each recovered and resolved; every row a different claimant (no row is a duplicate of another),
 * run `run` tells apart (the same file again would add nothing).
 */
function spreadsheet(rows: number, run: number): Buffer {
  const lines: string[][] = [HEADERS];
  for (let i = 0; i < rows; i++) {
    const year = 2020 + (i % 2);
    const month = String(1 + (i % 12)).padStart(2, '0');
    lines.push([
      SUB_DISTRICTS[i % SUB_DISTRICTS.length],
      '来访',
      '欠薪',
      '深圳市某某电子有限公司',
      '91440300708461136T',
      String(3 + (i % 40)),
      '36,000.00',
      `${3 + (i % 40)}名员工反映工资未发放（第${run}批第${i + 1}行）`,
      `${year}-${month}-02`,
      `申请人${run}-${i + 1}`,
      '',
      '',
      '30000.5',
      `${year}-${month}-25`,
      '调解成功',
      `${year}-${month}-20`,
    ]);
  }
  return Buffer.from(toCsv(lines), 'utf8');
}

interface ImportRun {
  rows: number;
  /** Upload until the API accepted it (it checks every row before it queues the file). */
  acceptMs: number;
  /** Accepted until completed: the worker's check again and its writes. */
  workerMs: number;
  totalMs: number;
  /** Upload until every read model had applied the import's events (the worker caught up). */
  projectedMs: number;
  written: number;
  /** CPU ms per row, upload to shown in every read model: what the host's speed hardly moves. */
  cpuPerRow: { api: number; worker: number; postgres: number; machine: number };
}

/** Waits until the worker's read models have applied every event of the log; ms from `since`. */
async function caughtUp(url: string, since: number): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    if (!(await untilProjected(client, 1_800_000))) throw new Error('the read models had not caught up with the import after 30 minutes');
    return performance.now() - since;
  } finally {
    await client.end();
  }
}

async function importOnce(run: number): Promise<ImportRun> {
  const { base, adminToken, db, cpuMs } = await runningApp();
  const token = await adminToken();
  const file = spreadsheet(ROWS, run);
  const form = new FormData();
  form.append('file', new Blob([file], { type: 'text/csv' }), `disputes-${run}.csv`);
  const [cpu0, pg0, machine0] = [cpuMs(), postgresCpuMs(), cpuTimes()];
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/imports?kind=disputes`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const accepted = performance.now();
  const body = (await res.json()) as { id?: string };
  if (res.status !== 202 || !body.id) throw new Error(`import upload: ${res.status} ${JSON.stringify(body).slice(0, 2000)}`);
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const status = (await (await fetch(`${base}/api/v1/imports/${body.id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      state: string;
      rowsWritten: number;
      rowsDone: number;
      message?: string;
    };
    if (status.state === 'failed') throw new Error(`import failed: ${JSON.stringify(status).slice(0, 2000)}`);
    if (status.state === 'completed') {
      const done = performance.now();
      // Every run starts with the worker caught up: the next file does not share the worker with
      // this one's projections (and the time until the rows show in every read model is a figure too).
      const projectedMs = await caughtUp(db.url, t0);
      const [cpu1, pg1, machine1] = [cpuMs(), postgresCpuMs(), cpuTimes()];
      const perRow = (ms: number | undefined) => (ms === undefined ? NaN : ms / ROWS);
      const cpuPerRow = {
        api: perRow(cpu1.api - cpu0.api),
        worker: perRow(cpu1.worker - cpu0.worker),
        postgres: perRow(pg0 === undefined || pg1 === undefined ? undefined : pg1 - pg0),
        machine: perRow(busyMs(machine0, machine1)),
      };
      return { rows: ROWS, acceptMs: accepted - t0, workerMs: done - accepted, totalMs: done - t0, projectedMs, written: status.rowsWritten, cpuPerRow };
    }
    if (performance.now() - t0 > 1_800_000) throw new Error(`import still ${status.state} after 30 minutes (${status.rowsDone} rows done)`);
  }
}

export async function importBench(): Promise<string[]> {
  const runs: ImportRun[] = [];
  try {
    for (let r = 1; r <= RUNS; r++) {
      runs.push(await importOnce(r));
      const last = runs[runs.length - 1];
      console.log(`import run ${r}: ${fmt(last.rows)} rows in ${fmt(last.totalMs / 1000, 1)} s (accepted after ${fmt(last.acceptMs / 1000, 1)} s, in every read model after ${fmt(last.projectedMs / 1000, 1)} s), ${fmt(last.written)} written; CPU ms/row ${JSON.stringify(last.cpuPerRow)}`);
    }
  } catch (error) {
    console.error((await runningApp()).output());
    throw error;
  }
  const perSecond = (ms: (r: ImportRun) => number) => runs.map((r) => (r.rows / ms(r)) * 1000);
  return [
    `A disputes spreadsheet (CSV, Chinese headers) of ${fmt(ROWS)} rows (BENCH_IMPORT_ROWS; the issue's size is 10,000): cases of the`,
    `11 sub-districts over two past years, each with a recovery and a resolution (so three commands' events a row), every`,
    `row a different claimant. Uploaded as the admin to section 4's API (its database holds section 4's load when both run);`,
    `the API checks every row and queues the file, the worker checks it again and writes it, its read models following. ${RUNS} runs,`,
    `each a new file, each started once the worker had applied the run before to every read model.`,
    '',
    '| figure | min / **median** / max |',
    '| --- | --- |',
    `| rows/s, upload to completed | ${spread(perSecond((r) => r.totalMs))} |`,
    `| rows/s, the worker's part (accepted to completed) | ${spread(perSecond((r) => r.workerMs))} |`,
    `| rows/s, upload to shown in every read model | ${spread(perSecond((r) => r.projectedMs))} |`,
    `| the API's check before it accepts (s) | ${spread(runs.map((r) => r.acceptMs / 1000), 1)} |`,
    `| 10,000 rows at that rate (s, extrapolated) | ${spread(perSecond((r) => r.totalMs).map((p) => 10_000 / p))} |`,
    `| rows written, per run | ${runs.map((r) => fmt(r.written)).join(', ')} |`,
    `| CPU time per row, upload to shown in every read model (ms): the worker | ${spread(runs.map((r) => r.cpuPerRow.worker), 2)} |`,
    `| the API | ${spread(runs.map((r) => r.cpuPerRow.api), 2)} |`,
    `| PostgreSQL (all its processes) | ${spread(runs.map((r) => r.cpuPerRow.postgres), 2)} |`,
    `| the whole machine (busy) | ${spread(runs.map((r) => r.cpuPerRow.machine), 2)} |`,
  ];
}
