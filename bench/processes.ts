/**
 * The service's own processes, as the bench runs them: the build (`npm start`'s, made first if
 * anything changed), each in a process of its own, logging into a file as in production.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtEntry } from '../test/support/built-app';
import { USER_HZ } from './lib';

const ROOT = join(__dirname, '..');

let built = false;
/** The API and the worker as `npm run build` makes them (it rebuilds only what changed). */
function ensureBuilt(): void {
  if (built) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.js'), 'api', 'worker'], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

let logs: string | undefined;
function logDir(): string {
  return (logs ??= mkdtempSync(join(tmpdir(), 'bench-logs-')));
}

export interface Child {
  process: ChildProcess;
  /** Resolves with the exit code when the process ends (null after a signal). */
  exited: Promise<number | null>;
  /** CPU time the process has used so far (user + system), from /proc: a figure the machine's load hardly moves. */
  cpuMs(): number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `app` with `args` (a worker command: `rebuild --all`), its environment's `env` on top of this
 * one's, and `nodeFlags` before the script (see scriptNodeFlags).
 */
export function launch(app: 'api' | 'worker', env: Record<string, string>, args: string[] = [], nodeFlags: string[] = []): Child {
  ensureBuilt();
  // The log goes to a file, as in production (journald, a file), not to a pipe this process
  // reads: writes to a pipe are synchronous on Linux, and while autocannon keeps this process
  // busy the pipe fills and blocks the process under test (20 s of its CPU profile were writev).
  const logFile = join(logDir(), `${app}-${Date.now()}.log`);
  const log = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir>: each process writes a V8 CPU profile there when it exits (open it in Chrome's DevTools).
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${app}-${Date.now()}.cpuprofile`] : []),
      ...nodeFlags,
      // The build `npm start` runs, not ts-node: what production runs, and a start in seconds.
      builtEntry(app),
      ...args,
    ],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  /** The log's last 20,000 bytes. */
  const output = (): string => {
    const fd = openSync(logFile, 'r');
    try {
      const length = Math.min(20_000, fstatSync(fd).size);
      const tail = Buffer.alloc(length);
      readSync(fd, tail, 0, length, fstatSync(fd).size - length);
      return tail.toString('utf8');
    } finally {
      closeSync(fd);
    }
  };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    exited,
    cpuMs: () => {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return ((Number(fields[11]) + Number(fields[12])) / USER_HZ) * 1000;
      } catch {
        return NaN;
      }
    },
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/**
 * The node flags that an npm script of package.json gives its process (`node <flags> dist/...`):
 * the bench runs the built app as that script would, without npm in between.
 */
export function scriptNodeFlags(script: string): string[] {
  const command = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[script];
  const words = command.split(/\s+/);
  const main = words.findIndex((w) => w.endsWith('/main.js'));
  if (words[0] !== 'node' || main < 0) throw new Error(`package.json's ${script} is not \`node <flags> <main.js> ...\`: ${command}`);
  return words.slice(1, main);
}

/** Waits until the API `child` answers /health at `base`; fails at once if it exits. */
export async function waitForHealth(base: string, child: Child, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`the API exited before answering:\n${child.output()}`);
    try {
      if ((await fetch(`${base}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API did not answer /health within ${timeoutMs / 1000} s:\n${child.output()}`);
}
