// Offline and static hosting: the service worker caches the whole app on the first
// visit (a cache named after the build), the app reloads with the server gone, a new
// build replaces the cache cleanly once no page of the old build is open; the single-file build opens from file:// with no
// server, under its own strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { siteRoot, countForegroundPixels, dominantColor } from './lib/browser.mjs';
import { builtName, copySite, launchBrowserWith, watchConsole, pageProblems } from './lib/page.mjs';
import { startServer } from '../../scripts/serve.mjs';

let browser;
before(async () => {
  browser = await launchBrowserWith();
});
after(async () => {
  await browser?.close();
});

const ready = (page) => page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 30000 });

async function assertDrawn(page) {
  const box = await page.locator('#microreach-canvas').boundingBox();
  const png = await page.screenshot();
  const rect = { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 800 - box.y) };
  const background = await dominantColor(browser.context, png, rect);
  const drawn = await countForegroundPixels(browser.context, png, rect, background);
  assert.ok(drawn.count > drawn.total * 0.005, `only ${drawn.count} of ${drawn.total} pixels drawn`);
}

async function buildId(root) {
  const text = await readFile(join(root, 'sw.js'), 'utf8');
  return /const BUILD = "([0-9a-f]+)"/.exec(text)[1];
}

// Polls a page with page.evaluate until `check` is truthy (waitForFunction cannot wait
// for an async predicate: it takes the returned promise as truthy at once).
async function until(page, what, check, arg, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(check, arg).catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

test('offline: load once, stop the server, reload: it works; a new build replaces the cache once its pages close', async () => {
  const site = await copySite();
  let server = await startServer(site.root, 0);
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  let page = await browser.context.newPage();
  const messages = watchConsole(page);
  try {
    await page.goto(`${origin}/`);
    await ready(page);
    // The service worker installs (caching every file) and takes control.
    await until(page, 'the service worker', async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return !!(registration && registration.active && navigator.serviceWorker.controller);
    });
    const first = await buildId(site.root);
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`microreach-${first}`]);

    // The server goes away; the app still opens, with its query parameters too.
    await new Promise((resolvePromise) => server.close(resolvePromise));
    await page.reload();
    await ready(page);
    await assertDrawn(page);
    await page.goto(`${origin}/?embed=1&budget=7000`);
    await ready(page);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('microreach-embed')), true);

    // A new deployment: a changed file gives new names, a new build id and a new cache.
    await appendFile(join(site.root, builtName('microreach.css', site.root)), '\n/* deployment 2 */\n');
    execFileSync(process.execPath, [resolve('web/tools/hash-names.mjs'), site.root]);
    execFileSync(process.execPath, [resolve('web/tools/stamp-service-worker.mjs'), resolve('web/js/sw.js'), site.root]);
    const second = await buildId(site.root);
    assert.notEqual(second, first);
    server = await startServer(site.root, port);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    // While a page of the first build is open, the new worker waits and both caches stay.
    await until(page, 'the new worker to wait', async () => !!(await navigator.serviceWorker.getRegistration()).waiting);
    assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), [`microreach-${first}`, `microreach-${second}`].sort());
    // Each check opens a new page and closes it again: a page that opens while the old
    // worker still counts the closed one (a loaded machine) becomes the old worker's
    // client, and reloading it would keep that worker, as a browser keeps it for a
    // reloaded tab. With no page open between checks, the new worker can activate.
    await page.close();
    const deadline = Date.now() + 60000;
    for (let pause = 200; ; pause = Math.min(pause * 2, 3000)) {
      await new Promise((done) => setTimeout(done, pause));
      page = await browser.context.newPage();
      await page.goto(`${origin}/`);
      const keys = await page.evaluate(() => caches.keys());
      if (keys.length === 1 && keys[0] === `microreach-${second}`) break;
      assert.ok(Date.now() < deadline, `the old cache was kept: ${keys.join(', ')}`);
      await page.close();
    }
    await page.goto(`${origin}/`);
    await ready(page);
    const css = await page.evaluate((name) => fetch(name).then((r) => r.text()), builtName('microreach.css', site.root));
    assert.match(css, /deployment 2/);
    assert.deepEqual(pageProblems(messages).filter((m) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(m.text)), []);
  } finally {
    await page.close();
    await new Promise((resolvePromise) => server.close(resolvePromise));
    await site.close();
  }
});

test('the single file opens from file:// with nothing else: no server, no request', async () => {
  const file = join(siteRoot, 'microreach.html');
  const html = await readFile(file, 'utf8');
  // Everything inline: no src= or href= that is not a data: URL or a fragment.
  const references = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]).filter((url) => !url.startsWith('data:') && !url.startsWith('#'));
  assert.deepEqual(references, []);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'sha256-[^']+' 'sha256-[^']+' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);

  const page = await browser.context.newPage();
  const messages = watchConsole(page);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto(pathToFileURL(file).href);
  await ready(page);
  await assertDrawn(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.microreachBuild), 'single-file');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:')), []);
  assert.deepEqual(pageProblems(messages), []);
  await page.close();
});
