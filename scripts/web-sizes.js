#!/usr/bin/env node
// The JavaScript each role's home page loads, gzipped, from Vite's manifest of the last build:
// the application's entry with its static imports, plus the role's page chunk with its own.
// Fails (exit 1) when the informant's phone page is over its budget. `--write` also writes
// dist/web/sizes.json (read by docs and tests).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { gzipSync } = require('node:zlib');

const root = path.resolve(__dirname, '..');
const web = path.join(root, 'dist/web');
const manifest = JSON.parse(fs.readFileSync(path.join(web, '.vite/manifest.json'), 'utf8'));
const BUDGET_KB = { informant: 250 };
const PAGES = {
  login: 'src/pages/login/index.tsx',
  informant: 'src/pages/informant/index.tsx',
  mediator: 'src/pages/mediator/index.tsx',
  supervisor: 'src/pages/supervisor/index.tsx',
  admin: 'src/pages/admin/index.tsx',
};
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);

function closure(key, seen = new Set()) {
  if (seen.has(key) || !manifest[key]) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) closure(imported, seen);
  return seen;
}

const gzipped = (file) => gzipSync(fs.readFileSync(path.join(web, file)), { level: 9 }).length;
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

const sizes = {};
for (const [page, key] of Object.entries(PAGES)) {
  if (!manifest[key]) continue;
  const chunks = new Set([...closure(entry), ...closure(key)]);
  const files = [...chunks].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  const bytes = files.reduce((sum, file) => sum + fs.statSync(path.join(web, file)).size, 0);
  const gzip = files.reduce((sum, file) => sum + gzipped(file), 0);
  sizes[page] = { files: files.length, kb: kb(bytes), gzipKb: kb(gzip), budgetGzipKb: BUDGET_KB[page] ?? null };
}

const lines = Object.entries(sizes).map(
  ([page, s]) => `  ${page.padEnd(11)} ${String(s.gzipKb).padStart(7)} KB gzipped (${s.kb} KB, ${s.files} files)${s.budgetGzipKb ? `, budget ${s.budgetGzipKb} KB` : ''}`,
);
process.stdout.write(`web: JavaScript per home page\n${lines.join('\n')}\n`);
if (process.argv.includes('--write')) fs.writeFileSync(path.join(web, 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);

const over = Object.entries(sizes).filter(([, s]) => s.budgetGzipKb && s.gzipKb > s.budgetGzipKb);
if (over.length) {
  process.stderr.write(`web: over budget: ${over.map(([page, s]) => `${page} ${s.gzipKb} KB > ${s.budgetGzipKb} KB`).join(', ')}\n`);
  process.exit(1);
}
