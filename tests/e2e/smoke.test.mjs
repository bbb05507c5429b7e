// The first end-to-end test: the built page loads in headless Chromium, draws its
// window with real pixels, logs no errors and talks to no other host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveSite, launchBrowser, openApp, offHostRequests, countForegroundPixels, dominantColor } from './lib/browser.mjs';

let site, browser;
before(async () => {
  site = await serveSite();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test('the page loads, draws the app window and stays on 127.0.0.1', async () => {
  const { page, record } = await openApp(browser.context, `${site.origin}/`);
  const canvas = await page.locator('#microreach-canvas').boundingBox();
  assert.ok(canvas.width > 600 && canvas.height > 200, `canvas is ${canvas.width}x${canvas.height}`);

  const png = await page.screenshot();
  const background = await dominantColor(browser.context, png, canvas);
  const drawn = await countForegroundPixels(browser.context, png, canvas, background);
  // Text and a button: at least 0.5% of the canvas differs from its background.
  assert.ok(drawn.count > drawn.total * 0.005, `only ${drawn.count} of ${drawn.total} pixels drawn`);

  const state = await page.evaluate(() => window.__microreachTest);
  assert.ok(state.items.length > 0, 'the test hook publishes widgets');
  assert.deepEqual(record.consoleErrors, []);
  assert.deepEqual(record.pageErrors, []);
  assert.deepEqual(offHostRequests(record), []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
});

test('the canvas is sharp at devicePixelRatio 2', async () => {
  const { page: appPage } = await openApp(browser.context, `${site.origin}/`);
  const cdp = await browser.context.newCDPSession(appPage);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 800, height: 600, deviceScaleFactor: 2, mobile: false });
  await appPage.waitForFunction(() => {
    const canvas = document.getElementById('microreach-canvas');
    return canvas.width === Math.round(canvas.getBoundingClientRect().width * 2);
  }, null, { timeout: 10000 });
  const sizes = await appPage.evaluate(() => {
    const canvas = document.getElementById('microreach-canvas');
    return { pixels: canvas.width, css: canvas.getBoundingClientRect().width, dpr: devicePixelRatio };
  });
  assert.equal(sizes.dpr, 2);
  assert.equal(sizes.pixels, Math.round(sizes.css * 2));
});
