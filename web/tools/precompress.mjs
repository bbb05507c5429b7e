// Writes a Brotli (.br) and a gzip (.gz) copy beside each file of the assembled site that
// compresses, so a static host can send the smaller one without compressing on every
// request (scripts/serve.mjs does; docs/embedding.md says how other hosts do). Runs last:
// the service worker's file list (stamp-service-worker.mjs) names only the originals, and
// the browser hands the worker the decoded bytes either way.
//
// Usage: node web/tools/precompress.mjs <dist folder>
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = process.argv[2];
if (!dist) {
  console.error('usage: precompress.mjs <dist folder>');
  process.exit(2);
}

// Text and wasm shrink; images and fonts are compressed already.
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt', '.csv']);
// A copy that saves less than this is not worth a second request path.
const minimumSaving = 0.05;

let original = 0, brotli = 0, gzip = 0;
for (const name of await readdir(dist, { recursive: true })) {
  const path = join(dist, name);
  if (!compressible.has(extname(path)) || !(await stat(path)).isFile()) continue;
  const body = await readFile(path);
  const variants = {
    br: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
    gz: gzipSync(body, { level: 9 }),
  };
  for (const [suffix, packed] of Object.entries(variants)) {
    if (packed.length > body.length * (1 - minimumSaving)) continue;
    await writeFile(`${path}.${suffix}`, packed);
  }
  original += body.length;
  brotli += Math.min(body.length, variants.br.length);
  gzip += Math.min(body.length, variants.gz.length);
}
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(`precompress: ${kb(original)} of text and wasm, ${kb(gzip)} as gzip, ${kb(brotli)} as Brotli`);
