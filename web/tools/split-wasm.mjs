// Splits the app's wasm in two, so a reader who only looks at the first screen
// downloads and compiles only the code that screen runs:
//   microreach.wasm           what the page runs until someone touches it (primary)
//   microreach.deferred.wasm  everything else, fetched by web/js/loader.js on the
//                             first sign of interest, or when the startup needs it
//
// The split follows a profile, not a hand-kept list: the app is linked with
// -sSPLIT_MODULE=1 (Emscripten writes the real module as microreach.wasm.orig and an
// instrumented copy as microreach.wasm); this tool serves the assembled site with the
// instrumented copy, opens it in headless Chromium, lets the default screen settle and
// sweeps the mouse over it (tooltips), reads which functions ran, and hands that
// profile to Binaryen's wasm-split.
//
// Then the frozen share-link baselines, data only the deferred code reads, move to the
// deferred part too (web/tools/later-data.mjs), and Binaryen's wasm-opt shrinks each part.
//
// Whatever goes wrong (no Chromium, a wasm-split failure), the site still works: the
// unsplit module is shipped as microreach.wasm and no deferred file exists, so the
// loader never needs one. The tool says so and exits 0.
//
// Usage: node web/tools/split-wasm.mjs <dist folder> <instrumented.wasm> <original.wasm>
import { copyFile, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { baselineRanges, moveRanges, shareBaselines, unreferencedTextRanges } from './later-data.mjs';

const [dist, instrumented, original] = process.argv.slice(2);
if (!dist || !instrumented || !original) {
  console.error('usage: split-wasm.mjs <dist folder> <instrumented.wasm> <original.wasm>');
  process.exit(2);
}
const primaryPath = join(dist, 'microreach.wasm');
const deferredPath = join(dist, 'microreach.deferred.wasm');

// What Emscripten 3.1.6 emits, so Binaryen's tools accept it.
const FEATURES = ['--enable-mutable-globals', '--enable-bulk-memory', '--enable-sign-ext'];

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

// The site as built, except that microreach.wasm is the instrumented module.
function serve(folder, wasm) {
  const server = createServer(async (request, response) => {
    let path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = path === '/microreach.wasm' ? wasm : await readFile(join(folder, normalize(path)));
      response.writeHead(200, { 'Content-Type': types[extname(path)] || 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function recordProfile() {
  const { chromium } = await import('playwright-core');
  const wasm = await readFile(instrumented);
  const server = await serve(dist, wasm);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    // Software WebGL2, and nothing that reaches the network.
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
      '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Embedded in a blog post, with the options an embedder sets (web/js/loader.js
    // counts these as first-screen parameters).
    await page.goto(`http://127.0.0.1:${server.address().port}/?embed=1&theme=light&accent=2255aa`);
    await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 60000 });
    await page.waitForTimeout(500);
    // A reader's first look: the pointer passes over the default screen (tooltips).
    const box = await page.locator('#microreach-canvas').boundingBox();
    for (let y = 20; y < Math.min(box.height, 800); y += 24) {
      await page.mouse.move(box.x + 40 + ((y * 7) % (box.width - 80)), box.y + y);
      await page.waitForTimeout(15);
    }
    await page.mouse.move(box.x + box.width + 50, box.y + 10);
    await page.waitForTimeout(500);
    const bytes = await page.evaluate(() => {
      const asm = window.microreach.asm;
      const memory = Object.values(asm).find((value) => value instanceof WebAssembly.Memory);
      const capacity = 1 << 20;
      const address = window.microreach._malloc(capacity);
      const length = asm.__write_profile(address, capacity);
      return Array.from(new Uint8Array(memory.buffer, address, length));
    });
    return Buffer.from(bytes);
  } finally {
    await browser.close();
    server.close();
  }
}

async function shipUnsplit(reason) {
  console.warn(`split-wasm: shipping the unsplit module (${reason})`);
  await copyFile(original, primaryPath);
  await unlink(deferredPath).catch(() => {});
}

try {
  const profile = await recordProfile();
  const folder = await mkdtemp(join(tmpdir(), 'microreach-split-'));
  try {
    const profilePath = join(folder, 'startup.profile');
    await writeFile(profilePath, profile);
    execFileSync('wasm-split', [original, `--profile=${profilePath}`, ...FEATURES,
      '-o1', primaryPath, '-o2', deferredPath,
      // With MICROREACH_SPLIT_SYMBOLS=1 (and a build linked with --profiling-funcs), the
      // function names of each part land next to them, to see what the first screen costs.
      ...(process.env.MICROREACH_SPLIT_SYMBOLS ? ['--symbolmap'] : [])], { stdio: 'inherit' });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  // Data only the deferred code reads goes with it (web/tools/later-data.mjs).
  const [primary, deferred] = await Promise.all([readFile(primaryPath), readFile(deferredPath)]);
  const baselines = baselineRanges(primary, await shareBaselines(fileURLToPath(new URL('../../core', import.meta.url))));
  const withBaselines = moveRanges(primary, deferred, baselines);
  let texts = [];
  try {
    const wat = execFileSync('wasm-dis', [primaryPath], { maxBuffer: 1 << 30 }).toString();
    texts = unreferencedTextRanges(primary, wat);
  } catch (error) {
    console.warn(`split-wasm: texts stay in the first part (wasm-dis: ${error.message.split('\n')[0]})`);
  }
  const split = moveRanges(withBaselines.primary, withBaselines.deferred, texts);
  await Promise.all([writeFile(primaryPath, split.primary), writeFile(deferredPath, split.deferred)]);
  // Emscripten optimized the whole module; each part alone shrinks further (code the
  // split left unused; data segments joined again where little lies between them):
  // -Oz on each, after the moves, with the same imports and exports.
  for (const part of [primaryPath, deferredPath]) {
    execFileSync('wasm-opt', [...FEATURES, '-Oz', part, '-o', part], { stdio: 'inherit' });
  }
  const [primaryOut, deferredOut] = await Promise.all([readFile(primaryPath), readFile(deferredPath)]);
  new WebAssembly.Module(primaryOut);  // both still valid, or the unsplit module ships
  new WebAssembly.Module(deferredOut);
  console.log(`split-wasm: microreach.wasm ${primaryOut.length} bytes, microreach.deferred.wasm ` +
    `${deferredOut.length} bytes (moved to it: ${withBaselines.moved} bytes of share-link baselines, ` +
    `${split.moved} bytes of texts only its code reads)`);
} catch (error) {
  await shipUnsplit(error.message.split('\n')[0]);
}
