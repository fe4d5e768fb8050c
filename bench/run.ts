/**
 * `npm run bench` runs every section; `npm run bench -- <name> [<name>...]` only those. Each run
 * uses fresh databases of its own on the local PostgreSQL (BENCH_DATABASE_SERVER, default
 * postgres://localhost:5432) and drops them afterwards. The report goes to docs/benchmarks.md:
 * each section between its markers is replaced, the rest of the file (the analysis) is kept.
 * Sizes come from BENCH_* variables (see docs/benchmarks.md); timings never go into tests.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDefaultUser } from '@lc/database';
import { appendBench } from './append.bench';
import { catchUpBench } from './catch-up.bench';
import { dashboardBench } from './dashboard.bench';
import { httpBench, lagBench } from './http.bench';
import { importBench } from './import.bench';
import { cleanups, demoBench, rebuildBench } from './rebuild.bench';
import { cpuTimes, describeCpu, dropBenchQueues, environment, fmt, SERVER } from './lib';

interface Section {
  name: string;
  title: string;
  run(): Promise<string[]>;
}

const SECTIONS: Section[] = [
  { name: 'append', title: '1. Append', run: appendBench },
  { name: 'catchup', title: '2. Catch-up read', run: catchUpBench },
  { name: 'rebuild', title: '3. Projection rebuild', run: rebuildBench },
  // Before sections 4 and 7: their API and worker run until the end of the bench, and the worker
  // is still projecting the import's events when that section ends; one request at a time must
  // not be measured beside them.
  { name: 'dashboard', title: '5. Dashboard', run: dashboardBench },
  { name: 'http', title: '4. HTTP commands', run: httpBench },
  { name: 'import', title: '7. Import', run: importBench },
  { name: 'lag', title: '6. Projection lag', run: lagBench },
  { name: 'demo', title: '7. Demo year', run: demoBench },
];

const REPORT = join(__dirname, '..', 'docs', 'benchmarks.md');

function replaceBlock(text: string, name: string, body: string): string {
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${begin}\n${body}\n${end}`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) return text.slice(0, from) + block + text.slice(to + end.length);
  // A section the report does not have yet goes before the analysis.
  const analysis = text.indexOf('<!-- bench:end -->');
  return analysis >= 0 ? `${text.slice(0, analysis)}${block}\n\n${text.slice(analysis)}` : `${text}\n${block}\n`;
}

async function main() {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !SECTIONS.some((s) => s.name === n));
  if (unknown.length) {
    console.error(`unknown section(s): ${unknown.join(', ')}; sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const chosen = names.length ? SECTIONS.filter((s) => names.includes(s.name)) : SECTIONS;
  const started = performance.now();
  const env = await environment(withDefaultUser(`${SERVER}/postgres`));
  let report = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '# Benchmarks\n\n<!-- bench:end -->\n';
  try {
  for (const section of chosen) {
    const t = performance.now();
    const cpuBefore = cpuTimes();
    console.log(`== ${section.title}`);
    const body = await section.run();
    const seconds = (performance.now() - t) / 1000;
    const cpu = describeCpu(cpuBefore, cpuTimes());
    const text = [`## ${section.title}`, '', ...env, `- This section took ${fmt(seconds)} s.`, ...(cpu ? [cpu] : []), '', ...body].join('\n');
    report = replaceBlock(report, section.name, text);
    writeFileSync(REPORT, report); // after each section, so a later failure keeps what was measured
    console.log(text);
  }
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    await dropBenchQueues().then(
      (removed) => console.log(`bench: ${fmt(removed)} queue keys of this run removed from Redis`),
      (error: unknown) => console.error(`bench: this run's queue keys could not be removed from Redis: ${String(error)}`),
    );
  }
  console.log(`\nbench: ${chosen.map((s) => s.name).join(', ')} in ${fmt((performance.now() - started) / 1000)} s; report in docs/benchmarks.md`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
