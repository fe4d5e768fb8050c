import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Where `nest build` puts each entry point (tsc keeps the repository layout under outDir). */
export const BUILT_ENTRY = {
  api: join(__dirname, '../../dist/apps/api/apps/api/src/main.js'),
  worker: join(__dirname, '../../dist/apps/worker/apps/worker/src/main.js'),
} as const;

export function builtEntry(app: keyof typeof BUILT_ENTRY): string {
  const entry = BUILT_ENTRY[app];
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
  return entry;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  child: ChildProcess;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function runBuiltApp(app: keyof typeof BUILT_ENTRY, env: NodeJS.ProcessEnv, args: string[] = []): RunningApp {
  const child = spawn(process.execPath, [builtEntry(app), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Polls `url` until it answers at all (any status), the process dies, or time runs out. */
export async function waitForHttp(url: string, app: RunningApp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  void app.exited.then(() => (died = true));
  while (Date.now() < deadline) {
    if (died) throw new Error(`The app exited before answering ${url}:\n${app.output()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`No answer from ${url} within ${timeoutMs} ms:\n${app.output()}`);
}
