#!/usr/bin/env node
// Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each text file of the built web
// application (dist/web), once per build, so that the API sends them to browsers that accept them
// (apps/api/src/web-app.ts) without compressing anything per request. The informant's phone page
// is about 740 KB of JavaScript as built and under 250 KB compressed: on the bad networks the
// informants are on, that is what the page's first load costs. Vite empties dist/web before each
// build, so no copy outlives its file.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { brotliCompressSync, constants, gzipSync } = require('node:zlib');

const web = path.resolve(__dirname, '../dist/web');
/** Files that compress (images here are PNG, already compressed). */
const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this, a compressed answer saves less than its headers cost. */
const MIN_BYTES = 1024;

function* filesUnder(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    // Vite's own manifest is for the build, never served as a page's file.
    if (entry.name === '.vite') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else yield full;
  }
}

let files = 0;
let bytes = 0;
let brotli = 0;
for (const file of filesUnder(web)) {
  if (!TEXT.test(file)) continue;
  const content = fs.readFileSync(file);
  if (content.length < MIN_BYTES) continue;
  const br = brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  });
  const gz = gzipSync(content, { level: 9 });
  // A copy no smaller than the file is not worth a second representation.
  if (br.length < content.length) fs.writeFileSync(`${file}.br`, br);
  if (gz.length < content.length) fs.writeFileSync(`${file}.gz`, gz);
  files++;
  bytes += content.length;
  brotli += Math.min(br.length, content.length);
}
const kb = (n) => (n / 1024).toFixed(1);
process.stdout.write(`web: ${files} files compressed, ${kb(bytes)} KB as built, ${kb(brotli)} KB with Brotli\n`);
