// Gives every file of a build that a page loads by name a content-hashed name, so two
// deployments never mix: a page of build 1 asks for build 1's files only, and a host
// that keeps old files (or a service worker that does) serves them; one that deleted
// them answers 404, which the loader reports as "Microreach was updated" instead of
// linking build 1's first part with build 2's second.
//
//   microreach.wasm           -> microreach.<hash>.wasm           (and .deferred, the API's)
//   microreach.js, loader.js  -> microreach.<hash>.js, loader.<hash>.js
//   microreach.css, microreach.wasm.js -> the same pattern
// Names that stay (other pages and browsers ask for them by name): index.html, sw.js,
// embed.js, microreach-api.js, microreach.html (the single file), the manifest, icons,
// the social card, the demo pages.
//
// It also writes a build id into both wasm parts (a custom section named
// "microreach-build"): web/js/loader.js checks that the second part carries the first
// part's id before linking them. The id hashes both parts (and --salt, for tests that
// need a second build of the same code).
//
// The loader also learns the first part's size in bytes (FILES.wasmBytes).
//
// files.json records the build id and the names given ({"microreach.wasm":
// "microreach.1a2b3c4d5e.wasm", ...}) for tests and tools. Running the tool again on a
// hashed folder first restores the plain names, so `--salt x` turns a copy of a build
// into another build.
//
// Usage: node web/tools/hash-names.mjs <dist folder> [--salt text]
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const BUILD_SECTION = 'microreach-build';

// Files hashed in this order: each file's references to earlier ones are rewritten
// before its own hash is taken (the loader names the wasm and the app's code; the
// page names the loader and the style sheet; the API's script names its wasm).
const LEAVES = ['microreach.wasm', 'microreach.deferred.wasm', 'microreach.wasm.js', 'microreach.js',
  'microreach.css', 'microreach-api.wasm'];
const REFERRERS = { 'loader.js': true };  // hashed after its references are rewritten
const REWRITTEN = ['loader.js', 'index.html', 'microreach-api.js'];

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function hashedName(name, bytes) {
  const dot = name.indexOf('.');
  return `${name.slice(0, dot)}.${sha256(bytes).slice(0, 10)}${name.slice(dot)}`;
}

// A wasm custom section: id 0, size, name, payload (LEB128 lengths).
function leb128(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}
function customSection(name, payload) {
  const nameBytes = Buffer.from(name, 'utf8');
  const body = Buffer.concat([Buffer.from(leb128(nameBytes.length)), nameBytes, Buffer.from(payload, 'utf8')]);
  return Buffer.concat([Buffer.from([0]), Buffer.from(leb128(body.length)), body]);
}
function readLeb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, at];
}
// The module without any "microreach-build" section (a rerun replaces the id).
function withoutBuildSection(bytes) {
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const [size, body] = readLeb(bytes, at);
    at = body + size;
    if (id === 0) {
      const [length, name] = readLeb(bytes, body);
      if (bytes.subarray(name, name + length).toString('utf8') === BUILD_SECTION) continue;
    }
    parts.push(bytes.subarray(start, at));
  }
  return Buffer.concat(parts);
}

const replaceAll = (text, from, to) => text.split(from).join(to);

export async function hashNames(dist, salt = '') {
  const path = (name) => join(dist, name);
  // A rerun: back to the plain names first, without the precompressed copies
  // (web/tools/precompress.mjs), which would no longer match what they sit beside.
  const manifestPath = path('files.json');
  if (existsSync(manifestPath)) {
    for (const name of await readdir(dist, { recursive: true })) {
      if (/\.(br|gz)$/.test(name)) await rm(path(name));
    }
    const previous = JSON.parse(await readFile(manifestPath, 'utf8')).files;
    for (const [plain, hashed] of Object.entries(previous)) await rename(path(hashed), path(plain));
    for (const name of REWRITTEN) {
      if (!existsSync(path(name))) continue;
      let text = await readFile(path(name), 'utf8');
      for (const [plain, hashed] of Object.entries(previous)) text = replaceAll(text, hashed, plain);
      await writeFile(path(name), text);
    }
  }

  // The build id, inside both wasm parts.
  const parts = ['microreach.wasm', 'microreach.deferred.wasm'].filter((name) => existsSync(path(name)));
  const modules = await Promise.all(parts.map(async (name) => withoutBuildSection(await readFile(path(name)))));
  const build = sha256(Buffer.concat([...modules, Buffer.from(salt, 'utf8')])).slice(0, 16);
  await Promise.all(parts.map((name, k) => writeFile(path(name), Buffer.concat([modules[k], customSection(BUILD_SECTION, build)]))));

  const files = {};
  const give = async (name) => {
    if (!existsSync(path(name))) return;
    files[name] = hashedName(name, await readFile(path(name)));
    await rename(path(name), path(files[name]));
  };
  const rewrite = async (name) => {
    if (!existsSync(path(name))) return;
    let text = await readFile(path(name), 'utf8');
    // Quoted names only ("microreach.js", 'microreach.js'), longest first, so
    // "microreach.wasm" never matches inside "microreach.wasm.js".
    const names = Object.keys(files).sort((a, b) => b.length - a.length);
    for (const plain of names) {
      for (const quote of ['"', "'"]) text = replaceAll(text, quote + plain + quote, quote + files[plain] + quote);
    }
    // The first part's size, for a progress bar when the host compresses the download
    // (its Content-Length then counts compressed bytes, the stream decoded ones).
    if (files['microreach.wasm']) {
      const { size } = await stat(path(files['microreach.wasm']));
      text = text.replace(/\bwasmBytes:\s*\d+/, `wasmBytes: ${size}`);  // minified or not
    }
    await writeFile(path(name), text);
  };
  for (const name of LEAVES) await give(name);
  for (const name of Object.keys(REFERRERS)) {
    await rewrite(name);
    await give(name);
  }
  await rewrite('index.html');
  await rewrite('microreach-api.js');
  await writeFile(manifestPath, JSON.stringify({ build, files }, null, 2) + '\n');
  return { build, files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const saltAt = args.indexOf('--salt');
  const salt = saltAt >= 0 ? args[saltAt + 1] || '' : '';
  const dist = args.find((arg, index) => !arg.startsWith('--') && (saltAt < 0 || index !== saltAt + 1));
  if (!dist) {
    console.error('usage: hash-names.mjs <dist folder> [--salt text]');
    process.exit(2);
  }
  const { build, files } = await hashNames(dist, salt);
  console.log(`hash-names: build ${build}, ${Object.keys(files).length} files renamed`);
}
