// Writes the service worker into the assembled site: the list of files to cache and
// a build id hashed from every file's path and bytes, so each deployment gets its own
// cache and sw.js changes byte for byte (which is how browsers notice an update).
//
// Usage: node web/tools/stamp-service-worker.mjs <template sw.js> <dist folder>
// Not cached up front (the service worker caches them when they are first fetched):
// sw.js itself, the single-file download (microreach.html), the wasm as a script for
// sandboxed iframes (microreach.wasm.js; they cannot use a service worker anyway), the JS API for embedders
// (microreach-api.js and .wasm; the app does not use it), the social-media preview
// image and the demo pages.
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

const skipped = (file) => file === 'sw.js' || file === 'microreach.html' || file === 'microreach.wasm.js' ||
  file === 'social-card.png' ||
  file.startsWith('microreach-api.') ||
  file.startsWith('demo/');
const files = (await walk(dist))
  .map((path) => relative(dist, path).split(sep).join('/'))
  .filter((file) => !skipped(file))
  .sort();

const hash = createHash('sha256');
for (const file of files) {
  hash.update(file + '\0');
  hash.update(await readFile(join(dist, file)));
  hash.update('\0');
}
const build = hash.digest('hex').slice(0, 16);
const list = ['./', ...files];

const source = await readFile(template, 'utf8');
if (!source.includes('__MICROREACH_BUILD__') || !source.includes('__MICROREACH_FILES__')) {
  console.error(`${template} has no __MICROREACH_BUILD__ / __MICROREACH_FILES__ placeholders`);
  process.exit(1);
}
const stamped = source
  .replace("'__MICROREACH_BUILD__'", JSON.stringify(build))
  .replace('__MICROREACH_FILES__', JSON.stringify(list, null, 2));
await writeFile(join(dist, 'sw.js'), stamped);
console.log(`sw.js: build ${build}, ${list.length} files cached`);
