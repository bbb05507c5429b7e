// Shared helpers for the end-to-end tests: serve the built site, launch Debian's
// Chromium headless through playwright-core, watch console errors, CSP violations
// and every request, and measure screenshots.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../../scripts/serve.mjs';

export const siteRoot = resolve(process.env.MICROREACH_SITE || 'build/wasm-release/dist');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Flags verified on these machines (see docs/building.md): swiftshader gives real
// WebGL2 pixels headless; the rest keep Chromium off the network.
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
];

export async function serveSite(root = siteRoot) {
  const server = await startServer(root, 0);
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

export async function launchBrowser() {
  const userDataDir = await mkdtemp(join(tmpdir(), 'microreach-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

// Records what a page did: console errors, page errors, CSP violations, requests.
export function watchPage(page) {
  const record = { consoleErrors: [], pageErrors: [], requests: [], cspViolations: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') record.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => record.pageErrors.push(String(error)));
  page.on('request', (request) => record.requests.push(request.url()));
  return record;
}

export function offHostRequests(record) {
  return record.requests.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    try {
      return new URL(url).hostname !== '127.0.0.1';
    } catch {
      return true;
    }
  });
}

export async function openApp(context, url, { testHook = true } = {}) {
  const page = await context.newPage();
  const record = watchPage(page);
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const target = new URL(url);
  if (testHook) target.searchParams.set('testhook', '1');
  await page.goto(target.toString());
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 30000 });
  return { page, record };
}

// Runs `measure(images, arg)` in a blank page on the pixels of PNG screenshots, each
// decoded by the browser itself (so no image library is needed) into an ImageData.
// `measure` travels as source text: it sees only its arguments.
export async function measurePngs(context, pngs, measure, arg) {
  const page = await context.newPage();
  try {
    return await page.evaluate(async ({ datas, source, arg }) => {
      const images = [];
      for (const data of datas) {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const context2d = new OffscreenCanvas(image.width, image.height).getContext('2d');
        context2d.drawImage(image, 0, 0);
        images.push(context2d.getImageData(0, 0, image.width, image.height));
      }
      return (0, eval)(`(${source})`)(images, arg);
    }, { datas: pngs.map((png) => png.toString('base64')), source: measure.toString(), arg });
  } finally {
    await page.close();
  }
}

// A rectangle of a screenshot clipped to it: [x, y, width, height].
function clip(rect, width, height) {
  const x = Math.max(0, Math.floor(rect.x)), y = Math.max(0, Math.floor(rect.y));
  return [x, y, Math.min(width - x, Math.ceil(rect.width)), Math.min(height - y, Math.ceil(rect.height))];
}

// Counts pixels in a rectangle of a PNG screenshot that differ from `background`.
export async function countForegroundPixels(context, png, rect, background, tolerance = 24) {
  const [width, height] = pngSize(png);
  const [x, y, w, h] = clip(rect, width, height);
  return measurePngs(context, [png], ([image], { x, y, w, h, background, tolerance }) => {
    let count = 0;
    for (let row = y; row < y + h; row++) {
      for (let i = (row * image.width + x) * 4, end = i + w * 4; i < end; i += 4) {
        const d = Math.abs(image.data[i] - background[0]) + Math.abs(image.data[i + 1] - background[1]) + Math.abs(image.data[i + 2] - background[2]);
        if (d > tolerance) count++;
      }
    }
    return { count, total: w * h, width: image.width, height: image.height };
  }, { x, y, w, h, background, tolerance });
}

// The colours in a rectangle of a screenshot with their pixel counts, most common
// first (the first is the background), at most `limit` of them.
export async function colourCounts(context, png, rect, limit = 200) {
  const [width, height] = pngSize(png);
  const [x, y, w, h] = clip(rect, width, height);
  return measurePngs(context, [png], ([image], { x, y, w, h, limit }) => {
    const counts = new Map();
    for (let row = y; row < y + h; row++) {
      for (let i = (row * image.width + x) * 4, end = i + w * 4; i < end; i += 4) {
        const key = (image.data[i] << 16) | (image.data[i + 1] << 8) | image.data[i + 2];
        counts.set(key, (counts.get(key) || 0) + 1);
      }
    }
    return [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit)
      .map(([key, count]) => ({ colour: [(key >> 16) & 255, (key >> 8) & 255, key & 255], count }));
  }, { x, y, w, h, limit });
}

// A PNG's width and height, from its header.
function pngSize(png) {
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

// The most common colour in a rectangle of a screenshot (the background).
export async function dominantColor(context, png, rect) {
  const [most] = await colourCounts(context, png, rect, 1);
  return most.colour;
}

// Finds a published widget by its visible label (the part before "##").
export async function findItem(page, label) {
  return page.evaluate((wanted) => {
    const state = window.__microreachTest;
    if (!state) return null;
    return state.items.find((item) => item.label.split('##')[0] === wanted || item.label === wanted) || null;
  }, label);
}

// Clicks a widget by label with a real mouse event at its centre (page coordinates).
export async function clickItem(page, label) {
  const item = await findItem(page, label);
  if (!item) throw new Error(`no widget labelled "${label}"`);
  const box = await page.locator('#microreach-frame').boundingBox(); // the layout's origin
  await page.mouse.click(box.x + item.x + item.w / 2, box.y + item.y + item.h / 2);
  return item;
}

export async function waitForFrames(page, count = 5) {
  const start = await page.evaluate(() => window.__microreachTest?.frames ?? 0);
  await page.waitForFunction((s) => (window.__microreachTest?.frames ?? 0) >= s, start + count, { timeout: 10000 }).catch(() => {});
}
