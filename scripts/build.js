#!/usr/bin/env node
// `npm run build` (and so `npm start` and `npm test`): builds the API, the worker and the web
// application, each only when its inputs changed since its last successful build. A step's inputs
// are hashed by content (not mtimes: a checkout or a copy touches every file) and the hash is kept
// in dist/.build/<step>; a step whose output is missing always runs. `--force` rebuilds everything;
// naming steps (`node scripts/build.js web`) builds only those.
'use strict';

const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stampDir = path.join(root, 'dist/.build');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;

const shared = ['tsconfig.json', 'nest-cli.json', 'package-lock.json', 'scripts/build.js'];
const STEPS = {
  api: {
    inputs: ['apps/api', 'libs', ...shared],
    output: 'dist/apps/api/apps/api/src/main.js',
    commands: [[bin('nest'), ['build', 'api']]],
  },
  worker: {
    inputs: ['apps/worker', 'libs', ...shared],
    output: 'dist/apps/worker/apps/worker/src/main.js',
    commands: [[bin('nest'), ['build', 'worker']]],
  },
  web: {
    inputs: ['apps/web', 'package-lock.json', 'scripts/build.js', 'scripts/web-sizes.js', 'scripts/web-compress.js'],
    output: 'dist/web/index.html',
    commands: [
      // Vite does not type-check; tsc does, so a type error stops the build here, not in a browser.
      [bin('tsc'), ['-p', 'apps/web/tsconfig.json']],
      [bin('vite'), ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn']],
      [process.execPath, ['scripts/web-sizes.js', '--write']],
      [process.execPath, ['scripts/web-compress.js']],
    ],
  },
};

function filesUnder(relative, out) {
  const full = path.join(root, relative);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return out;
  if (stat.isFile()) {
    out.push(relative);
    return out;
  }
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) filesUnder(child, out);
    else if (!TEST_FILE.test(entry.name)) out.push(child);
  }
  return out;
}

function inputHash(step) {
  const hash = createHash('sha256');
  const files = step.inputs.flatMap((input) => filesUnder(input, [])).sort();
  for (const file of files) {
    hash.update(`${file.replaceAll('\\', '/')}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function build(name, force) {
  const step = STEPS[name];
  const stamp = path.join(stampDir, name);
  const hash = inputHash(step);
  const previous = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : undefined;
  const upToDate = !force && previous === hash && fs.existsSync(path.join(root, step.output));
  if (upToDate) {
    process.stdout.write(`build: ${name} is up to date\n`);
    return;
  }
  // Forget the old stamp first: a build that fails half-way must not look done next time.
  fs.rmSync(stamp, { force: true });
  const started = Date.now();
  process.stdout.write(`build: ${name}...\n`);
  for (const [command, args] of step.commands) {
    const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      process.stderr.write(`build: ${name} failed (${path.basename(command)} ${args.join(' ')})\n`);
      process.exit(result.status || 1);
    }
  }
  fs.mkdirSync(stampDir, { recursive: true });
  fs.writeFileSync(stamp, hash);
  process.stdout.write(`build: ${name} built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const args = process.argv.slice(2);
const force = args.includes('--force');
const names = args.filter((a) => !a.startsWith('--'));
for (const name of names) {
  if (!STEPS[name]) {
    process.stderr.write(`build: unknown step ${name} (steps: ${Object.keys(STEPS).join(', ')})\n`);
    process.exit(2);
  }
}
for (const name of names.length ? names : Object.keys(STEPS)) build(name, force);
