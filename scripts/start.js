#!/usr/bin/env node
// `npm start`: migrate once, then run the worker and the API side by side until a signal or a
// crash. The children inherit stdout/stderr (their JSON log lines stay whole) and the environment
// (PORT, DATABASE_URL, REDIS_URL, ADMIN_USERNAME, ADMIN_PASSWORD, EVENT_STORE, ...).
'use strict';

const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const API = path.join(root, 'dist/apps/api/apps/api/src/main.js');
const WORKER = path.join(root, 'dist/apps/worker/apps/worker/src/main.js');
const STOP_GRACE_MS = 20_000;

const children = new Set();
let stopping = false;

function launch(name, args, env = process.env) {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  child.label = name;
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

function stopAll(signal) {
  for (const child of children) child.kill(signal);
  setTimeout(() => {
    for (const child of children) {
      process.stderr.write(`start: ${child.label} did not stop within ${STOP_GRACE_MS} ms; killing it\n`);
      child.kill('SIGKILL');
    }
  }, STOP_GRACE_MS).unref();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    stopAll(signal);
  });
}

async function main() {
  const migration = await exited(launch('migrate', [WORKER, 'migrate']));
  if (stopping) return process.exit(1);
  if (migration.code !== 0) {
    process.stderr.write(`start: migrations failed (${migration.signal ?? `exit code ${migration.code}`})\n`);
    return process.exit(migration.code || 1);
  }

  // Already migrated: the two processes need not each take the migration lock again.
  const env = { ...process.env, MIGRATIONS_RUN: 'false' };
  // No JWT_SECRET (allowed outside production): one random secret for this run, the same for both
  // processes, so that whatever verifies tokens agrees with the API that signed them. Sessions end
  // when `npm start` stops.
  if (!env.JWT_SECRET && env.NODE_ENV !== 'production') {
    env.JWT_SECRET = randomBytes(32).toString('base64url');
    process.stderr.write('start: JWT_SECRET is not set; signing with a random secret for this run (sessions end when it stops)\n');
  }
  const running = [launch('worker', [WORKER], env), launch('api', [API], env)];

  const first = await Promise.race(running.map(async (child) => ({ child, ...(await exited(child)) })));
  let exitCode = 0;
  if (!stopping) {
    // Nobody asked them to stop: one of them died, and half a service is worse than none.
    process.stderr.write(`start: ${first.child.label} exited (${first.signal ?? `exit code ${first.code}`}); stopping the rest\n`);
    exitCode = first.code || 1;
    stopping = true;
    stopAll('SIGTERM');
  }
  const results = await Promise.all(running.map(exited));
  if (exitCode === 0 && results.some((r) => r.code !== 0)) exitCode = 1;
  process.exit(exitCode);
}

main().catch((error) => {
  process.stderr.write(`start: ${error.stack ?? error}\n`);
  stopAll('SIGTERM');
  process.exit(1);
});
