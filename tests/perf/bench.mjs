// The benchmark: measures Microreach against a bare Dear ImGui page built in the
// same run with the same ImGui source and flags, and prints a markdown table.
// Every timing is a ratio against the baseline measured here and now, because
// shared machines are noisy. Run through scripts/bench.sh (it builds first).
//
//   node tests/perf/bench.mjs --site DIR --bare DIR [--loads 10] [--update docs/performance.md [--keep-core]]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { serveSite, launchBrowser, watchPage } from '../e2e/lib/browser.mjs';
import { builtName } from '../e2e/lib/page.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const siteDir = option('site', 'build/bench-wasm/dist');
const bareDir = option('bare', 'build/bench-wasm/bare-dist');
const loads = Number(option('loads', '10'));
const updateFile = option('update', null);
const coreTable = option('core-table', null);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// Everything a page loads, as the browser requested it, compressed like a server would.
async function transferSize(context, origin, dir) {
  const page = await context.newPage();
  const record = watchPage(page);
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 30000 });
  await page.waitForTimeout(300);
  await page.close();
  const files = new Map();
  for (const url of record.requests) {
    const path = new URL(url).pathname.replace(/\/$/, '/index.html');
    const file = join(dir, decodeURIComponent(path));
    if (existsSync(file) && !files.has(path)) files.set(path, readFileSync(file));
  }
  let raw = 0, gzip = 0, brotli = 0;
  for (const body of files.values()) {
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    brotli += brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli, files: [...files.keys()] };
}

async function firstFrameMs(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 30000 });
  const ms = await page.evaluate(() => window.__microreachFirstFrameMs ?? window.__firstFrameMs);
  // The loader's steps (web/js/loader.js), where it marks them.
  const steps = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark')
    .filter((entry) => entry.name.startsWith('microreach:')).map((entry) => [entry.name.slice(11), entry.startTime])));
  await page.close();
  startupSteps.push(steps);
  return ms;
}
const startupSteps = [];

async function idleFrames(context, origin, seconds) {
  const page = await context.newPage();
  await page.goto(`${origin}/?testhook=1`);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true');
  // Settled: no frame for half a second (the first frames are slow on a busy machine,
  // so a fixed pause is not enough), at most 10 s.
  let last = -1, quietSince = Date.now();
  for (const start = Date.now(); Date.now() - quietSince < 500 && Date.now() - start < 10000;) {
    const frames = await page.evaluate(() => window.__microreachTest.frames);
    if (frames !== last) { last = frames; quietSince = Date.now(); }
    await page.waitForTimeout(50);
  }
  const before = await page.evaluate(() => window.__microreachTest.frames);
  await page.waitForTimeout(seconds * 1000);
  const after = await page.evaluate(() => window.__microreachTest.frames);
  await page.close();
  return after - before;
}

// Frame cost on the planner with a big roster, timed inside the app (CPU time per
// frame, published by the test hook) while the mouse sweeps over the table.
async function frameCost(context, origin, rows) {
  const page = await context.newPage();
  await page.goto(`${origin}/?testhook=1&screen=planner&demoRows=${rows}`);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true');
  await page.waitForTimeout(500);
  const supported = await page.evaluate((n) => (window.__microreachTest?.state?.roster?.length ?? window.__microreachTest?.state?.rosterSize ?? 0) >= n, rows);
  const box = await page.locator('#microreach-canvas').boundingBox();
  const framesBefore = await page.evaluate(() => window.__microreachTest.frames);
  for (let i = 0; i < 200; i++) {
    await page.mouse.move(box.x + 40 + (i * 5) % (box.width - 80), box.y + 200 + (i * 7) % Math.max(1, Math.min(box.height, 700) - 220));
  }
  await page.waitForTimeout(300);
  const state = await page.evaluate(() => window.__microreachTest);
  const drawn = state.frames - framesBefore;
  const samples = state.recentFrameMs.slice(-Math.min(drawn, state.recentFrameMs.length));
  await page.close();
  return { supported, samples, median: median(samples), p95: percentile(samples, 95) };
}

async function heapBytes(context, origin, rows) {
  const page = await context.newPage();
  await page.goto(`${origin}/?testhook=1&screen=planner&demoRows=${rows}`);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true');
  await page.waitForTimeout(500);
  const state = await page.evaluate(() => window.__microreachTest);
  await page.close();
  const size = state.state?.roster?.length ?? state.state?.rosterSize ?? 0;
  return { bytes: state.heapBytes, rows: size };
}

const loadAtStart = loadavg().map((x) => x.toFixed(2)).join(' ');
const ours = await serveSite(siteDir);
const bare = await serveSite(bareDir);
const browser = await launchBrowser();
const lines = [];
const verdicts = [];
const check = (name, ok) => verdicts.push(`${ok ? 'meets' : 'MISSES'} target: ${name}`);
try {
  const ourSize = await transferSize(browser.context, ours.origin, siteDir);
  const bareSize = await transferSize(browser.context, bare.origin, bareDir);
  const ourFirst = [], bareFirst = [];
  for (let i = 0; i < loads; i++) {  // interleaved, so drift hits both equally
    ourFirst.push(await firstFrameMs(browser.context, `${ours.origin}/`));
    bareFirst.push(await firstFrameMs(browser.context, `${bare.origin}/`));
  }
  const idle = await idleFrames(browser.context, ours.origin, 5);
  const frames = await frameCost(browser.context, ours.origin, 1000);
  const heap = await heapBytes(browser.context, ours.origin, 10000);

  const gzipRatio = ourSize.gzip / bareSize.gzip;
  const firstRatio = median(ourFirst) / median(bareFirst);
  lines.push('| measure | Microreach | bare ImGui page | ratio | target |', '|---|---|---|---|---|');
  lines.push(`| transfer, raw | ${kb(ourSize.raw)} | ${kb(bareSize.raw)} | ${(ourSize.raw / bareSize.raw).toFixed(2)}x | |`);
  lines.push(`| transfer, gzip -9 | ${kb(ourSize.gzip)} | ${kb(bareSize.gzip)} | ${gzipRatio.toFixed(2)}x | <= 1.6x |`);
  lines.push(`| transfer, brotli 11 | ${kb(ourSize.brotli)} | ${kb(bareSize.brotli)} | ${(ourSize.brotli / bareSize.brotli).toFixed(2)}x | |`);
  // The rest of the app (web/tools/split-wasm.mjs) arrives on the reader's first touch.
  const deferredFile = join(siteDir, builtName('microreach.deferred.wasm', siteDir));
  if (existsSync(deferredFile)) {
    const deferred = gzipSync(readFileSync(deferredFile), { level: 9 }).length;
    lines.push(`| + rest of the app on first touch, gzip -9 | ${kb(deferred)} (whole app ${kb(ourSize.gzip + deferred)}) | | ${((ourSize.gzip + deferred) / bareSize.gzip).toFixed(2)}x | |`);
  }
  lines.push(`| time to first frame, median of ${loads} | ${median(ourFirst).toFixed(0)} ms | ${median(bareFirst).toFixed(0)} ms | ${firstRatio.toFixed(2)}x | <= 1.3x |`);
  // Where our first frame's time goes: medians of the loader's marks over our loads.
  const stepNames = [['code', 'microreach.js run'], ['compiled', 'first part compiled'], ['instantiated', 'instantiated'],
    ['main', 'the app starts'], ['first-frame', 'first frame begins']];
  const ourSteps = startupSteps.filter((steps) => Object.keys(steps).length > 0);
  if (ourSteps.length) {
    const described = stepNames.filter(([key]) => ourSteps.every((steps) => key in steps))
      .map(([key, label]) => `${label} ${median(ourSteps.map((steps) => steps[key])).toFixed(0)} ms`);
    lines.push(`| first frame, the steps before it (median ms after navigation start) | ${described.join(', ')} | | | |`);
  }
  lines.push(`| frames drawn in 5 s idle | ${idle} | (draws every frame) | | 0 |`);
  lines.push(`| frame time in the app (wall clock), planner, 1,000 rows, median | ${frames.supported ? frames.median.toFixed(2) + ' ms' : 'n/a (demoRows unsupported)'} | | | <= 2 ms |`);
  lines.push(`| frame time in the app (wall clock), planner, 1,000 rows, p95 | ${frames.supported ? frames.p95.toFixed(2) + ' ms' : 'n/a'} | | | <= 4 ms |`);
  lines.push(`| wasm heap, 10,000-row roster | ${heap.rows >= 10000 ? (heap.bytes / 1048576).toFixed(1) + ' MB' : 'n/a (demoRows unsupported)'} | | | <= 32 MB |`);
  check('transfer gzip <= 1.6x bare', gzipRatio <= 1.6);
  check('first frame <= 1.3x bare', firstRatio <= 1.3);
  check('idle frames == 0', idle === 0);
  check('frame median <= 2 ms', frames.supported && frames.median <= 2);
  check('frame p95 <= 4 ms', frames.supported && frames.p95 <= 4);
  check('heap <= 32 MB at 10,000 rows', heap.rows >= 10000 && heap.bytes <= 32 * 1048576);
  lines.push('', `Files the main page loads: ${ourSize.files.join(', ')}`);
} finally {
  await browser.close();
  await ours.close();
  await bare.close();
}

// With --keep-core (scripts/bench.sh --page-only) the core tables and their verdicts
// stay as the last full run wrote them in the updated file; only the page rows change.
const begin = '<!-- bench:begin -->', end = '<!-- bench:end -->';
const previous = updateFile && existsSync(updateFile) ? readFileSync(updateFile, 'utf8') : '';
let coreText = coreTable && existsSync(coreTable) ? readFileSync(coreTable, 'utf8').trim() : '';
if (args.includes('--keep-core') && previous.includes(begin)) {
  const block = previous.slice(previous.indexOf(begin), previous.indexOf(end));
  const verdictsAt = block.search(/\n- (meets|MISSES) target:/);
  coreText = block.slice(block.indexOf('\n', block.indexOf('Files the main page loads:')), verdictsAt).trim();
  const ours = verdicts.map((line) => line.split('target: ')[1]);
  verdicts.push(...block.slice(verdictsAt).split('\n')
    .filter((line) => /^- (meets|MISSES) target:/.test(line) && !ours.includes(line.split('target: ')[1]))
    .map((line) => line.slice(2)));
}
let table = lines.join('\n');
if (coreText) table += '\n\n' + coreText;
const machine = `${execFileSync('nproc').toString().trim()} cores (load average over 1, 5, 15 min: ${loadAtStart} at the start, ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the end), ${execFileSync('/usr/bin/chromium', ['--version']).toString().trim()}`;
const output = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.\n\n${table}\n\n${verdicts.map((v) => `- ${v}`).join('\n')}\n`;
console.log(output);
if (updateFile) {
  const block = `${begin}\n${output}${end}`;
  const updated = previous.includes(begin)
    ? previous.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), block)
    : `${previous}\n${block}\n`;
  writeFileSync(updateFile, updated);
}
