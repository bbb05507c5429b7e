// Helpers for the page tests (tests/e2e/page*.test.mjs): a second origin for host
// pages (a blog that embeds the calculator), the JS API loaded inside a page, console
// warnings, and waiting for an embedded calculator.
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import { siteRoot, chromiumArgs, chromiumPath, serveSite } from './browser.mjs';
import { startServer } from '../../../scripts/serve.mjs';

// A fresh browser like browser.mjs's launchBrowser, with extra context options, e.g.
// { serviceWorkers: 'block' } so the app's service worker (which caches the whole
// site) cannot answer requests a test wants to see or fake.
export async function launchBrowserWith(options = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'microreach-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

// The built site and a browser without service workers (the worker would answer from
// its cache; page tests watch the network) for one test file: started before its
// tests, closed after them; `receive` gets { site, browser } once both run.
export function startPageSuite(receive) {
  let site, browser;
  before(async () => {
    site = await serveSite();
    browser = await launchBrowserWith({ serviceWorkers: 'block' });
    receive({ site, browser });
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
}

// Serves `files` ({name: text}) from a temporary folder on its own port: another
// origin than the app's (127.0.0.1:A vs 127.0.0.1:B), as a blog would be.
export async function serveHostPages(files) {
  const root = await mkdtemp(join(tmpdir(), 'microreach-host-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
  const server = await startServer(root, 0);
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    root,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await rm(root, { recursive: true, force: true });
    },
  };
}

// The demo article from the built site, pointed at the app on `appOrigin`.
export async function demoArticleFor(appOrigin) {
  const html = await readFile(join(siteRoot, 'demo', 'article.html'), 'utf8');
  const css = await readFile(join(siteRoot, 'demo', 'article.css'), 'utf8');
  return {
    'article.html': html
      .replace('src="../embed.js"', `src="${appOrigin}/embed.js"`)
      .replace("frame-src 'self'", `frame-src ${appOrigin}`)
      .replace("script-src 'self'", `script-src 'self' ${appOrigin}`)
      .replace('href="../favicon.svg"', `href="${appOrigin}/favicon.svg"`)
      .replace("img-src 'self' data:", `img-src 'self' data: ${appOrigin}`),
    'article.css': css,
  };
}

// The name a build gave a file (web/tools/hash-names.mjs writes files.json):
// builtName('microreach.wasm') is "microreach.1a2b3c4d5e.wasm" (the plain name in a
// build without hashed names).
export function builtName(name, root = siteRoot) {
  try {
    return JSON.parse(readFileSync(join(root, 'files.json'), 'utf8')).files[name] || name;
  } catch {
    return name;
  }
}

// A copy of the built site in a temporary folder (tests that change files).
export async function copySite() {
  const root = await mkdtemp(join(tmpdir(), 'microreach-site-'));
  await cp(siteRoot, root, { recursive: true });
  return { root, close: () => rm(root, { recursive: true, force: true }) };
}

// Console messages of every type, with frames included.
export function watchConsole(page) {
  const messages = [];
  page.on('console', (message) => messages.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => messages.push({ type: 'pageerror', text: String(error) }));
  return messages;
}

// Messages that are about the page (not the headless GPU driver's chatter).
export function pageProblems(messages) {
  return messages.filter((m) => (m.type === 'error' || m.type === 'warning' || m.type === 'pageerror') &&
    !/GL Driver Message|GPU stall|swiftshader|WebGL-|blocked by Playwright/i.test(m.text));
}

// Loads microreach-api.js into the page (same origin as the app) and returns a
// handle to call it: await call(page, 'report', scenario).
export async function loadApiInPage(page) {
  await page.addScriptTag({ url: '/microreach-api.js' });
  await page.evaluate(async () => {
    window.__api = await window.createMicroreachApi();
  });
}

export function callApi(page, name, ...args) {
  return page.evaluate(({ name, args }) => window.__api[name](...args), { name, args });
}

// The iframe element the script embed created, and its Playwright Frame once the
// calculator inside reported ready.
export async function waitForEmbeddedApp(page, selector = 'iframe', timeout = 30000) {
  const handle = await page.waitForSelector(selector, { timeout });
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout });
  return { handle, frame };
}
