// The app's wasm comes in two parts (web/tools/split-wasm.mjs): a reader who only
// looks at the first screen downloads only the first part; the rest arrives on the
// first sign of interest, or before the start when the startup needs it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveSite, launchBrowser, watchPage, siteRoot } from './lib/browser.mjs';
import { builtName } from './lib/page.mjs';

let site, browser;
before(async () => {
  site = await serveSite();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const deferredName = builtName('microreach.deferred.wasm');
const primaryName = builtName('microreach.wasm');
const requested = (record, name) => record.requests.some((url) => new URL(url).pathname === `/${name}`);

async function load(url) {
  const page = await browser.context.newPage();
  const record = watchPage(page);
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 30000 });
  return { page, record };
}

test('the built site is split: the first part imports the rest from placeholders', () => {
  assert.ok(existsSync(join(siteRoot, deferredName)), 'the build wrote no deferred part (see the split-wasm output)');
  const primary = new WebAssembly.Module(readFileSync(join(siteRoot, primaryName)));
  const placeholders = WebAssembly.Module.imports(primary).filter((entry) => entry.module === 'placeholder');
  assert.ok(placeholders.length > 100, `only ${placeholders.length} functions were left for later`);
  const first = readFileSync(join(siteRoot, primaryName)).length;
  const rest = readFileSync(join(siteRoot, deferredName)).length;
  assert.ok(rest > first * 0.3, `the deferred part is only ${rest} bytes against ${first}`);
});

test('an embedded reader who does not touch the calculator never downloads the rest', async () => {
  const { page, record } = await load(`${site.origin}/?embed=1&theme=light`);
  await page.waitForTimeout(1500);
  assert.ok(requested(record, primaryName));
  assert.ok(!requested(record, deferredName), 'the deferred part was downloaded without any interaction');
  assert.deepEqual(record.pageErrors, []);
  assert.deepEqual(record.consoleErrors, []);
  await page.close();
});

test('the pointer over the calculator fetches the rest; every screen then works', async () => {
  const { page, record } = await load(`${site.origin}/`);
  await page.waitForTimeout(500);
  assert.ok(!requested(record, deferredName));
  const box = await page.locator('#microreach-canvas').boundingBox();
  const fetched = page.waitForResponse((response) => response.url().endsWith(`/${deferredName}`));
  await page.mouse.move(box.x + box.width / 2, box.y + 40);
  assert.equal((await fetched).status(), 200);
  // Tab through the app with the keyboard: focus and key handling run code of both parts.
  await page.locator('#microreach-canvas').focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => document.getElementById('microreach-error')?.hidden ?? true), true);
  assert.deepEqual(record.pageErrors, []);
  assert.deepEqual(record.consoleErrors, []);
  await page.close();
});

test('saved work fetches the rest before the app starts, with no synchronous download', async () => {
  const page = await browser.context.newPage();
  const record = watchPage(page);
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  // Work saved by an earlier visit (as the app saves it: a scenario document).
  await page.goto(`${site.origin}/?testhook=1`);
  await page.waitForFunction(() => window.__microreachTest?.state?.scenario !== undefined, null, { timeout: 30000 });
  const saved = await page.evaluate(() => JSON.stringify(window.__microreachTest.state.scenario));
  await page.evaluate((text) => localStorage.setItem('microreach:autosave', text), saved);
  record.requests.length = 0;
  await page.goto(`${site.origin}/`);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 30000 });
  assert.ok(requested(record, deferredName), 'saved work opened without the rest of the app');
  assert.deepEqual(warnings.filter((text) => /Synchronous XMLHttpRequest/i.test(text)), []);
  assert.deepEqual(record.pageErrors, []);
  assert.deepEqual(record.consoleErrors, []);
  await page.evaluate(() => localStorage.clear());
  await page.close();
});
