// The calculator's own page: meta tags and manifest, the wasm preload, the loading
// bar's real progress, clear messages without WebGL2 or WebAssembly, strict CSP with
// zero violations, no request off 127.0.0.1, the accessible text equivalent, and the
// JS API loaded inside the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, offHostRequests } from './lib/browser.mjs';
import { watchConsole, pageProblems, loadApiInPage, callApi, builtName, startPageSuite } from './lib/page.mjs';

let site, browser;
startPageSuite((suite) => ({ site, browser } = suite));

test('head: description, Open Graph, favicon, manifest, CSP, noscript', async () => {
  const { page } = await openApp(browser.context, `${site.origin}/`);
  const head = await page.evaluate(() => {
    const meta = (selector) => document.querySelector(selector)?.getAttribute('content') ?? null;
    return {
      description: meta('meta[name="description"]'),
      ogTitle: meta('meta[property="og:title"]'),
      ogDescription: meta('meta[property="og:description"]'),
      ogType: meta('meta[property="og:type"]'),
      csp: meta('meta[http-equiv="Content-Security-Policy"]'),
      icon: document.querySelector('link[rel="icon"]')?.getAttribute('href'),
      manifest: document.querySelector('link[rel="manifest"]')?.getAttribute('href'),
      noscript: document.querySelector('noscript')?.textContent ?? '',
      title: document.title,
    };
  });
  assert.ok(head.description.length > 50);
  assert.ok(head.ogTitle && head.ogDescription && head.ogType === 'website');
  assert.match(head.csp, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(head.noscript, /influencer campaign calculator/);
  for (const path of [head.icon, head.manifest]) {
    const response = await page.request.get(`${site.origin}/${path}`);
    assert.equal(response.status(), 200, path);
  }
  const manifest = await (await page.request.get(`${site.origin}/${head.manifest}`)).json();
  assert.equal(manifest.start_url, './');
  assert.ok(manifest.icons.length > 0);
  await page.close();
});

test('loads with zero CSP violations, zero warnings, nothing off 127.0.0.1, preload used', async () => {
  const page = await browser.context.newPage();
  const messages = watchConsole(page);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(`${site.origin}/`);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 30000 });
  // Chrome warns about an unused preload a few seconds after the load event.
  await page.waitForTimeout(3500);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(pageProblems(messages), []);
  assert.deepEqual(offHostRequests({ requests }), []);
  // The wasm was fetched once (the preload's response was reused by loader.js).
  const wasmFetches = requests.filter((url) => url.endsWith('/' + builtName('microreach.wasm')));
  assert.equal(wasmFetches.length, 1, wasmFetches.join('\n'));
  const cookies = await browser.context.cookies(site.origin);
  assert.deepEqual(cookies, [], 'no cookies');
  await page.close();
});

test('the loading bar shows real download progress', async () => {
  const page = await browser.context.newPage();
  // Sampled every frame from the first script on (the bar exists once parsed).
  await page.addInitScript(() => {
    window.__progress = [];
    const sample = () => {
      const bar = document.getElementById('microreach-progress');
      if (bar) {
        const value = bar.hasAttribute('value') ? Number(bar.value) : null;
        if (window.__progress[window.__progress.length - 1] !== value) window.__progress.push(value);
      }
      if (document.documentElement.dataset.microreachReady !== 'true') requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  // Throttled to 1 MB/s so the download takes a few hundred milliseconds.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.enable');
  // Hashed files are served as immutable: without this, an earlier test's load would
  // come from the HTTP cache and show no download at all.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 1024 * 1024, uploadThroughput: 1024 * 1024 });
  const wasmEncoding = new Promise((resolve) =>
    page.on('response', (response) => {
      if (response.url().endsWith('/' + builtName('microreach.wasm'))) resolve(response.headers()['content-encoding']);
    }),
  );
  await page.goto(`${site.origin}/`);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 60000 });
  // Sent compressed (the build's precompressed copy): the bar counts decoded bytes
  // against the size the build wrote into the loader, not the compressed length.
  assert.match(String(await wasmEncoding), /^(br|gzip)$/, 'the wasm came precompressed');
  const values = await page.evaluate(() => window.__progress);
  const between = values.filter((v) => v !== null && v > 0 && v < 100);
  assert.ok(between.length >= 2, `intermediate progress values: ${JSON.stringify(values)}`);
  assert.equal(await page.evaluate(() => document.getElementById('microreach-progress').value), 100);
  for (let i = 1; i < values.length; i++) assert.ok(values[i] >= values[i - 1], 'progress never goes back');
  assert.equal(await page.locator('#microreach-loading').isHidden(), true, 'the bar goes away once the app runs');
  await page.close();
});

async function openWithout(initScript) {
  const page = await browser.context.newPage();
  const messages = watchConsole(page);
  await page.addInitScript(initScript);
  await page.goto(`${site.origin}/`);
  await page.waitForSelector('#microreach-error:not([hidden])', { timeout: 15000 });
  const state = await page.evaluate(() => ({
    error: document.getElementById('microreach-error').textContent,
    loadingHidden: document.getElementById('microreach-loading').hidden,
    canvasHidden: document.getElementById('microreach-canvas').parentElement.hidden,
  }));
  return { page, messages, state };
}

test('a clear message, not a blank canvas, without WebGL2', async () => {
  const { page, messages, state } = await openWithout(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === 'webgl2' ? null : original.call(this, type, ...rest);
    };
  });
  assert.match(state.error, /needs WebGL2/);
  assert.match(state.error, /Chrome, Firefox, Safari or Edge/);
  assert.equal(state.loadingHidden, true);
  assert.equal(state.canvasHidden, true);
  assert.deepEqual(messages.filter((m) => m.type === 'pageerror'), []);
  await page.close();
});

test('a clear message without WebAssembly', async () => {
  const { page, messages, state } = await openWithout(() => {
    Object.defineProperty(window, 'WebAssembly', { value: undefined, configurable: true });
  });
  assert.match(state.error, /needs WebAssembly/);
  assert.equal(state.canvasHidden, true);
  assert.deepEqual(messages.filter((m) => m.type === 'pageerror'), []);
  await page.close();
});

test('a clear message when the wasm cannot be downloaded', async () => {
  const page = await browser.context.newPage();
  await page.route('**/' + builtName('microreach.wasm'), (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${site.origin}/`);
  await page.waitForSelector('#microreach-error:not([hidden])', { timeout: 15000 });
  assert.match(await page.locator('#microreach-error').textContent(), /could not start.*HTTP 404.*Reload/);
  await page.close();
});

test('accessibility: canvas hidden from screen readers, described, with a live region', async () => {
  const { page } = await openApp(browser.context, `${site.origin}/`);
  const a11y = await page.evaluate(() => {
    const canvas = document.getElementById('microreach-canvas');
    const live = document.getElementById('microreach-live');
    return {
      canvasHidden: canvas.getAttribute('aria-hidden'),
      canvasTabIndex: canvas.tabIndex,
      liveRole: live?.getAttribute('role'),
      livePolite: live?.getAttribute('aria-live'),
      description: document.getElementById('microreach-a11y-description')?.textContent ?? '',
      headingCount: document.querySelectorAll('h1, h2').length,
    };
  });
  assert.equal(a11y.canvasHidden, 'true');
  assert.equal(a11y.canvasTabIndex, -1, 'the hidden canvas is never focused (its controls are mirrored)');
  assert.equal(a11y.liveRole, 'status');
  assert.equal(a11y.livePolite, 'polite');
  assert.match(a11y.description, /Tab/);
  await page.close();
});

test('the live region carries the core report of the current results', async (t) => {
  const { page } = await openApp(browser.context, `${site.origin}/`);
  const announced = await page.waitForFunction(
    () => document.querySelectorAll('#microreach-live p').length > 0, null, { timeout: 8000 },
  ).then(() => true, () => false);
  if (!announced) {
    t.todo('the app does not call page_announce_results yet (web/app, helper H5)');
    await page.close();
    return;
  }
  const text = await page.evaluate(() => Array.from(document.querySelectorAll('#microreach-live p'), (p) => p.textContent).join('\n'));
  const state = await page.evaluate(() => window.__microreachTest?.state ?? null);
  await loadApiInPage(page);
  const scenario = state?.scenario ?? (await callApi(page, 'defaultScenario')).value;
  const report = await callApi(page, 'report', scenario);
  assert.equal(report.ok, true);
  // The untouched example says so in its second line (web/app/plan_bar.cpp); the rest is
  // the core's report of the same scenario.
  const lines = text.split('\n');
  if (state?.example) {
    assert.match(lines[1], /^Example: /);
    lines.splice(1, 1);
  }
  assert.equal(lines.join('\n'), report.value.trimEnd());
  await page.close();
});

test('the JS API loads inside the page, beside the app, under the same CSP', async () => {
  const { page } = await openApp(browser.context, `${site.origin}/`);
  await loadApiInPage(page);
  assert.match(await callApi(page, 'version'), /^\d+\.\d+\.\d+/);
  const parsed = await callApi(page, 'parseNumber', '1.2k');
  assert.deepEqual(parsed, { ok: true, value: 1200 });
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.close();
});

test('its own page scrolls with the wheel over the calculator; Tab reaches its controls', async () => {
  const { page } = await openApp(browser.context, `${site.origin}/`);
  const tall = await page.evaluate(() => document.documentElement.scrollHeight > innerHeight + 100);
  if (tall) {
    const box = await page.locator('#microreach-canvas').boundingBox();
    await page.mouse.move(box.x + box.width / 2, Math.min(box.y + box.height / 2, 600));
    await page.mouse.wheel(0, 300);
    await page.waitForFunction(() => window.scrollY > 100, null, { timeout: 5000 });
  }
  await page.evaluate(() => { window.scrollTo(0, 0); document.activeElement?.blur(); });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('.microreach-mirror')), true);
  await page.close();
});

test('the host sends each precompressed copy only to a browser that accepts it', async () => {
  const { request } = await import('node:http');
  const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
  const get = (path, acceptEncoding) =>
    new Promise((resolve, reject) => {
      const headers = acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {};
      request(`${site.origin}/${path}`, { headers }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject).end();
    });
  const wasm = builtName('microreach.wasm');
  const plain = await get(wasm, '');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.headers['content-type'], 'application/wasm');
  const brotli = await get(wasm, 'gzip, deflate, br');
  assert.equal(brotli.headers['content-encoding'], 'br');
  assert.equal(brotli.headers.vary, 'Accept-Encoding');
  assert.equal(brotli.headers['content-type'], 'application/wasm');
  assert.ok(brotli.body.length < plain.body.length * 0.6, `Brotli ${brotli.body.length} of ${plain.body.length} bytes`);
  assert.ok(brotliDecompressSync(brotli.body).equals(plain.body), 'Brotli decodes to the same bytes');
  const gzip = await get(wasm, 'gzip, br;q=0');
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.ok(gunzipSync(gzip.body).equals(plain.body), 'gzip decodes to the same bytes');
  // An image is sent as it is, whatever the browser accepts.
  assert.equal((await get('social-card.png', 'gzip, br')).headers['content-encoding'], undefined);
});
