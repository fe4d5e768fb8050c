import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where fault and fuzz tests leave the figures of their last run (requests tried, 5xx seen,
 * records lost or doubled, time to recover), for docs/reliability.md. One JSON file per scenario
 * under reports/reliability/ (not committed), and a line on stdout.
 */
export function recordMeasurement(scenario: string, figures: Record<string, unknown>): void {
  const dir = join(__dirname, '../../reports/reliability');
  mkdirSync(dir, { recursive: true });
  const record = { scenario, at: new Date().toISOString(), ...figures };
  writeFileSync(join(dir, `${scenario}.json`), `${JSON.stringify(record, null, 2)}\n`);
  process.stdout.write(`reliability ${scenario}: ${JSON.stringify(figures)}\n`);
}
