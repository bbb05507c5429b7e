// The first screen's size work (docs/performance.md) must not change what a reader
// sees: the first screen, loaded the lean way (first wasm part only, no interaction),
// is compared pixel by pixel with a reference screenshot taken before that work; and
// what moved to the deferred part (the share-link baselines) still opens old links.
//
// The reference is tests/golden/first-screen.png. A deliberate change of the first
// screen rewrites it: MICROREACH_UPDATE_GOLDEN=1 node --test tests/e2e/page-first-screen.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measurePngs, watchPage, siteRoot } from './lib/browser.mjs';
import { builtName, loadApiInPage, callApi, startPageSuite } from './lib/page.mjs';
import { shareBaselines } from '../../web/tools/later-data.mjs';

const goldenPng = 'tests/golden/first-screen.png';
let site, browser;
startPageSuite((suite) => ({ site, browser } = suite));

// Screenshots of the canvas until two in a row are equal (the results settle in the
// first frames; on a loaded machine that takes a while), at most 30 s.
async function settledScreenshot(page) {
  const canvas = page.locator('#microreach-canvas');
  let previous = await canvas.screenshot();
  for (const deadline = Date.now() + 30000; Date.now() < deadline;) {
    await page.waitForTimeout(400);
    const next = await canvas.screenshot();
    if (next.equals(previous)) return next;
    previous = next;
  }
  throw new Error('the first screen kept changing for 30 s');
}

// Pixels whose colour differs by more than `tolerance` (sum over R, G, B).
function differingPixels(png, reference, tolerance = 24) {
  return measurePngs(browser.context, [png, reference], ([x, y], tolerance) => {
    if (x.width !== y.width || x.height !== y.height) return { size: [x.width, x.height, y.width, y.height] };
    let count = 0;
    for (let i = 0; i < x.data.length; i += 4) {
      const d = Math.abs(x.data[i] - y.data[i]) + Math.abs(x.data[i + 1] - y.data[i + 1]) + Math.abs(x.data[i + 2] - y.data[i + 2]);
      if (d > tolerance) count++;
    }
    return { count, total: x.width * x.height };
  }, tolerance);
}

test('the first screen, first part only, draws what it drew before the size work', async () => {
  const page = await browser.context.newPage();
  const record = watchPage(page);
  await page.goto(`${site.origin}/`);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 60000 });
  const png = await settledScreenshot(page);
  const deferred = builtName('microreach.deferred.wasm');
  assert.ok(!record.requests.some((url) => url.endsWith(`/${deferred}`)), 'the screenshot is of the first part alone');
  assert.deepEqual(record.pageErrors, []);
  await page.close();
  if (process.env.MICROREACH_UPDATE_GOLDEN === '1' || !existsSync(goldenPng)) {
    writeFileSync(goldenPng, png);
    assert.ok(process.env.MICROREACH_UPDATE_GOLDEN === '1', `${goldenPng} was missing and has been written: check it in`);
  }
  const result = await differingPixels(png, readFileSync(goldenPng));
  assert.equal(result.size, undefined, `the canvas is ${result.size} against the reference`);
  // Identical on one machine; a little room for another GPU emulation's rounding.
  assert.ok(result.count <= result.total * 0.0005,
    `${result.count} of ${result.total} pixels differ from ${goldenPng} (MICROREACH_UPDATE_GOLDEN=1 rewrites it after a deliberate change)`);
});

test('the share-link baselines travel in the deferred part, the formulas and sources stay, a version 1 link opens', async () => {
  const primary = readFileSync(join(siteRoot, builtName('microreach.wasm')));
  const rest = readFileSync(join(siteRoot, builtName('microreach.deferred.wasm')));
  const baselines = await shareBaselines('core');
  assert.ok(baselines.length >= 2, 'every link version has a baseline');
  for (const text of baselines) {
    const head = text.subarray(0, 2000);
    assert.equal(primary.indexOf(head), -1, 'a baseline is still in the first part');
    assert.ok(rest.indexOf(head) >= 0, 'a baseline is missing from the deferred part');
  }

  // Every formula's name, formula and source stays in the first part: a reader who
  // hovers a figure sees its source at once, before the rest has arrived.
  const table = readFileSync('core/formulas.hpp', 'utf8').split('all_formulas{')[1].split('\n};')[0];
  const texts = [...table.matchAll(/"(?:[^"\\\n]|\\.)*"(?:\s*"(?:[^"\\\n]|\\.)*")*/g)]
    .map((run) => [...run[0].matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].map((part) => part[1]).join('').replace(/\\(.)/g, '$1'))
    .filter((text) => text.length >= 8);
  assert.ok(texts.length > 50, `only ${texts.length} formula texts found in core/formulas.hpp`);
  for (const text of texts) assert.ok(primary.indexOf(Buffer.from(text)) >= 0, `"${text}" left the first part`);

  // A version 1 link from the frozen list opens to what the JS API (its own module,
  // which keeps every baseline) reads from it.
  const line = readFileSync('tests/golden/share_links.txt', 'utf8').split('\n').find((l) => l.startsWith('edited_50_rows '));
  const fragment = line.split(' ')[1];
  const page = await browser.context.newPage();
  const record = watchPage(page);
  await page.goto(`${site.origin}/?testhook=1#${fragment}`);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 60000 });
  let state = null;
  for (const deadline = Date.now() + 20000; !state?.scenario && Date.now() < deadline;) {
    state = await page.evaluate(() => window.__microreachTest?.state ?? null);
    if (!state?.scenario) await page.waitForTimeout(200);
  }
  await loadApiInPage(page);
  const expected = await callApi(page, 'decodeShareLink', fragment);
  assert.equal(expected.ok, true, JSON.stringify(expected.error));
  assert.deepEqual(state.scenario, expected.value);
  assert.deepEqual(record.pageErrors, []);
  await page.close();
});
