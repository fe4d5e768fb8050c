import { spawnSync } from 'node:child_process';
import path from 'node:path';

/*
 * The boundaries of .dependency-cruiser.cjs (docs/architecture.md, "What each lib may import"):
 * no cycles, contexts side by side through their published entry points, a pure domain. Runs the
 * dependency-cruiser CLI (the package is ESM-only, which this CommonJS jest cannot import) over the
 * real code, where nothing may be reported, and over a deliberate violation, where it must be.
 */

const root = path.resolve(__dirname, '..');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: { name: string }[];
}

function cruise(...targets: string[]): Violation[] {
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), '--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...targets],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (run.error) throw run.error;
  // Exit code = number of errors; the JSON on stdout says which.
  if (!run.stdout) throw new Error(`dependency-cruiser wrote nothing (exit ${run.status}): ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const describeViolation = (violation: Violation) =>
  `${violation.rule.name}: ${violation.from} → ${violation.to}${violation.cycle ? ` (cycle ${violation.cycle.map((step) => step.name).join(' → ')})` : ''}`;

describe('architecture (dependency-cruiser)', () => {
  it('finds no violation in apps/ and libs/', () => {
    expect(cruise('apps', 'libs').map(describeViolation)).toEqual([]);
  }, 180_000);

  it('reports a deliberate violation: a decider loading Nest, directly or through a barrel, and a cycle', () => {
    const violations = cruise('test/fixtures/boundary-violation');
    const fixture = 'test/fixtures/boundary-violation/';
    const found = (rule: string, from: string) => violations.some((violation) => violation.rule.name === rule && violation.from === fixture + from);
    expect(found('domain-is-pure', 'nest.decider.ts')).toBe(true);
    expect(found('domain-is-pure', 'barrel.decider.ts')).toBe(true);
    expect(found('no-cycles', 'cycle-a.ts')).toBe(true);
    expect(violations.every((violation) => violation.rule.severity === 'error')).toBe(true);
  }, 180_000);
});
