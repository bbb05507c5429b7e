// Writes the service worker into the assembled site: each file it may cache with the
// SHA-256 of its bytes (the worker checks every download against it), and a build id
// hashed from all of them, so each deployment gets its own cache and sw.js changes
// byte for byte (which is how browsers notice an update).
//
// Usage: node web/tools/stamp-service-worker.mjs <template sw.js> <dist folder>
// Cached at install (FILES): the app's page and everything it loads. Cached when first
// fetched (LAZY): the single-file download (microreach.html). Never cached (the worker
// leaves them to the network): sw.js itself, files.json, the wasm as a script for
// sandboxed iframes (microreach.<hash>.wasm.js; they cannot use a service worker
// anyway), precompressed copies (.br, .gz), the JS API for embedders (microreach-api.*; the app does not use it), the
// social-media preview image and the demo pages.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const [template, dist] = process.argv.slice(2);
if (!template || !dist) {
  console.error('usage: stamp-service-worker.mjs <template sw.js> <dist folder>');
  process.exit(2);
}

async function walk(folder) {
  const out = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}

const lazy = (file) => file === 'microreach.html';
const skipped = (file) => file === 'sw.js' || file === 'files.json' || /^microreach\.[^/]*wasm\.js$/.test(file) ||
  /\.(br|gz)$/.test(file) ||  // precompressed copies (the browser decodes them before the worker sees bytes)
  file === 'social-card.png' || file.startsWith('microreach-api.') || file.startsWith('demo/');
const names = (await walk(dist))
  .map((path) => relative(dist, path).split(sep).join('/'))
  .filter((file) => !skipped(file))
  .sort();

const files = {}, later = {};
const build = createHash('sha256');
for (const file of names) {
  const sha = createHash('sha256').update(await readFile(join(dist, file))).digest('hex');
  (lazy(file) ? later : files)[file] = sha;
  build.update(`${file}\0${sha}\0`);
}
const id = build.digest('hex').slice(0, 16);

const source = await readFile(template, 'utf8');
const placeholders = ["'__MICROREACH_BUILD__'", '__MICROREACH_FILES__', '__MICROREACH_LAZY__'];
const missing = placeholders.filter((text) => !source.includes(text));
if (missing.length) {
  console.error(`${template} lacks the placeholders ${missing.join(', ')}`);
  process.exit(1);
}
const stamped = source
  .replace(placeholders[0], JSON.stringify(id))
  .replace(placeholders[1], JSON.stringify(files, null, 2))
  .replace(placeholders[2], JSON.stringify(later, null, 2));
await writeFile(join(dist, 'sw.js'), stamped);
console.log(`sw.js: build ${id}, ${Object.keys(files).length} files cached at install, ${Object.keys(later).length} when first fetched`);
