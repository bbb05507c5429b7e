// A deployment while pages are open (issue 17): a page of build 1 that the reader
// touches after build 2 went up must never link build 1's first wasm part with
// another build's second part, freeze, or lose work. Build 2 is build 1 given another
// build id (web/tools/hash-names.mjs --salt): new content-hashed names, new wasm build
// ids, a new sw.js, the way a real rebuild differs.
//   - without a service worker, the host deletes build 1's files: the page says
//     "Microreach was updated: reload to continue", stops taking input, and its
//     reload button opens build 2;
//   - with a service worker, build 1's pages keep working from build 1's cache until
//     they close; the new worker waits, then takes over;
//   - a second part of another build (or one that does not link) under build 1's name
//     is refused before linking, with the same notice;
//   - the worker leaves sibling pages in its scope to the network and refuses to
//     install a build whose files do not match their stamped hashes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { watchPage } from './lib/browser.mjs';
import { copySite, launchBrowserWith } from './lib/page.mjs';
import { appState, openUi, typeInto, waitForState } from './lib/ui.mjs';
import { startServer } from '../../scripts/serve.mjs';

const tool = (name) => resolve('web/tools', name);
let build1, build2, withWorker, withoutWorker;

// A second build of the same code: another build id, so other names and hashes.
async function secondBuild() {
  const site = await copySite();
  execFileSync(process.execPath, [tool('hash-names.mjs'), site.root, '--salt', 'deployment-2']);
  execFileSync(process.execPath, [tool('stamp-service-worker.mjs'), resolve('web/js/sw.js'), site.root]);
  return site;
}

async function fileNames(root) {
  try {
    return JSON.parse(await readFile(join(root, 'files.json'), 'utf8')).files;
  } catch {
    return { 'microreach.deferred.wasm': 'microreach.deferred.wasm' };
  }
}

// A host serving one folder, deployed to by replacing its files (`keepOld`: the new
// build's files are added beside the old ones, as many hosts do).
async function host(build) {
  const root = await mkdtemp(join(tmpdir(), 'microreach-live-'));
  await cp(build.root, root, { recursive: true });
  const server = await startServer(root, 0);
  return {
    root,
    origin: `http://127.0.0.1:${server.address().port}`,
    async deploy(next, { keepOld = false } = {}) {
      if (!keepOld) {
        for (const name of await readdir(root)) await rm(join(root, name), { recursive: true, force: true });
      }
      await cp(next.root, root, { recursive: true, force: true });
    },
    // One file changed in place, its precompressed copies gone with the old bytes.
    async replace(name, bytes) {
      await writeFile(join(root, name), bytes);
      for (const suffix of ['.br', '.gz']) await rm(join(root, name + suffix), { force: true });
    },
    async close() {
      await new Promise((done) => server.close(done));
      await rm(root, { recursive: true, force: true });
    },
  };
}

before(async () => {
  build1 = await copySite();
  build2 = await secondBuild();
  withoutWorker = await launchBrowserWith({ serviceWorkers: 'block' });
  withWorker = await launchBrowserWith();
});
after(async () => {
  await withoutWorker?.close();
  await withWorker?.close();
  await build1?.close();
  await build2?.close();
});

async function until(what, check, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

async function open(context, url) {
  const page = await context.newPage();
  const record = watchPage(page);
  await page.goto(url);
  await until('the app', () => page.evaluate(() => document.documentElement.dataset.microreachReady === 'true'));
  return { page, record };
}

const stopped = (page) => page.evaluate(() => {
  const box = document.getElementById('microreach-update');
  return {
    shown: !!box && !box.hidden,
    text: box ? box.textContent.replace(/\s+/g, ' ').trim() : '',
    inert: !!document.querySelector('.microreach-frame')?.inert,
  };
});

async function hover(page) {
  const box = await page.locator('#microreach-canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 60);
}

// The page answers, and says it was updated.
async function assertUpdateNotice(page) {
  const state = await until('the update notice', async () => {
    const s = await stopped(page);
    return s.shown ? s : null;
  });
  assert.match(state.text, /Microreach was updated: reload to continue/);
  assert.equal(state.inert, true, 'the stopped app still takes input');
  assert.equal(await page.evaluate(() => 1 + 1), 2);
}

// The second part arrived, matched the first part's build id and linked.
const linked = (page) => page.evaluate(() => document.documentElement.dataset.microreachDeferred === 'linked');

test('without a service worker: touched after a deployment deleted its files, the page says so and reloads into the new build', async () => {
  const live = await host(build1);
  const { page, record } = await open(withoutWorker.context, `${live.origin}/`);
  try {
    await live.deploy(build2);
    await hover(page);
    await assertUpdateNotice(page);
    assert.deepEqual(record.pageErrors, []);
    await page.click('#microreach-update button');
    await until('build 2', () => page.evaluate(() => document.documentElement.dataset.microreachReady === 'true'));
    const names = await fileNames(build2.root);
    await hover(page);
    await until('build 2 in use', async () => record.requests.some((url) => url.endsWith('/' + names['microreach.deferred.wasm'])));
    await until('build 2 second part linked', () => linked(page));
    assert.equal((await stopped(page)).shown, false);
  } finally {
    await page.close();
    await live.close();
  }
});

test('work in progress survives a deployment: the page keeps working, the reload opens it in the new build', async () => {
  const live = await host(build1);
  const { page } = await openUi(withoutWorker.context, `${live.origin}/?testhook=1&screen=planner`);
  try {
    await typeInto(page, '##Planner budget', '6,400');
    await live.deploy(build2);
    await typeInto(page, '##Planner budget', '6,500');
    assert.equal((await appState(page)).scenario.budget, 650000);
    assert.equal((await stopped(page)).shown, false);
    await page.reload();
    const state = await waitForState(page, (s) => s.scenario !== undefined, 30000);
    assert.equal(state.scenario.budget, 650000);
    assert.deepEqual(state.notices, []);
    const loader = (await fileNames(build2.root))['loader.js'];
    assert.ok(await page.evaluate((name) => !!document.querySelector(`script[src="${name}"]`), loader), 'the reload did not open build 2');
  } finally {
    await page.close();
    await live.close();
  }
});

test('a second part of another build, or one that does not link, is refused before linking', async () => {
  const names = await fileNames(build1.root);
  const other = await readFile(join(build2.root, (await fileNames(build2.root))['microreach.deferred.wasm']));
  // A module with build 1's id that imports what build 1's first part does not export.
  const id = JSON.parse(await readFile(join(build1.root, 'files.json'), 'utf8').catch(() => '{"build":""}')).build;
  const unlinkable = wasmImporting('primary', 'no-such-function', 'microreach-build', id);
  for (const [what, bytes] of [['another build', other], ['not linkable', unlinkable]]) {
    const live = await host(build1);
    await live.replace(names['microreach.deferred.wasm'], bytes);
    const { page, record } = await open(withoutWorker.context, `${live.origin}/`);
    try {
      await hover(page);
      await assertUpdateNotice(page);
      // Input no longer reaches the app, and nothing was thrown at the page.
      await page.keyboard.press('Tab');
      assert.deepEqual(record.pageErrors, [], what);
    } finally {
      await page.close();
      await live.close();
    }
  }
});

test('with a service worker: an open page of build 1 keeps working after build 2 is deployed; the next visit is build 2', async () => {
  const live = await host(build1);
  const { page, record } = await open(withWorker.context, `${live.origin}/`);
  try {
    await until('the worker to control the page', () => page.evaluate(async () => !!navigator.serviceWorker.controller));
    await live.deploy(build2);
    // The browser notices the new sw.js (it checks on navigations, or when asked).
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update().catch(() => {}));
    await until('build 2 worker waiting', () => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()).waiting));
    await hover(page);
    await until('build 1 second part linked', () => linked(page));
    assert.equal((await stopped(page)).shown, false);
    assert.deepEqual(record.pageErrors, []);
    const old = (await fileNames(build1.root))['microreach.deferred.wasm'];
    assert.ok(record.requests.some((url) => url.endsWith('/' + old)), 'build 1 did not load its own second part');
    await page.close();
    // No page of build 1 left: build 2's worker takes over and the next page is build 2.
    // Each attempt is a new visit in a new tab: a tab that stays open would itself be a
    // client of build 1's worker and keep build 2's waiting (a reload never swaps workers).
    const names = await fileNames(build2.root);
    let next = null;
    await until('build 2 active', async () => {
      if (next) await next.close();
      next = await withWorker.context.newPage();
      await next.goto(`${live.origin}/`);
      return next.evaluate((loader) => !!document.querySelector(`script[src="${loader}"]`), names['loader.js']);
    }, 60000);
    await until('old caches gone', async () => (await next.evaluate(() => caches.keys())).length === 1);
    await next.close();
  } finally {
    if (!page.isClosed()) await page.close();
    await live.close();
  }
});

test('the service worker leaves sibling pages to the network and installs only files that match their hashes', async () => {
  const live = await host(build1);
  await writeFile(join(live.root, 'other.html'), '<!doctype html><title>v1</title><p id="v">first</p>');
  const { page } = await open(withWorker.context, `${live.origin}/`);
  try {
    await until('the worker to control the page', () => page.evaluate(async () => !!navigator.serviceWorker.controller));
    const sibling = await withWorker.context.newPage();
    await sibling.goto(`${live.origin}/other.html?x=1`);
    assert.equal(await sibling.textContent('#v'), 'first');
    await writeFile(join(live.root, 'other.html'), '<!doctype html><title>v2</title><p id="v">second</p>');
    await sibling.goto(`${live.origin}/other.html?x=2`);
    assert.equal(await sibling.textContent('#v'), 'second', 'the worker answered a sibling page from its cache');
    assert.equal(await page.evaluate(async () => {
      for (const key of await caches.keys()) {
        const cache = await caches.open(key);
        if ((await cache.keys()).some((request) => request.url.includes('other.html'))) return true;
      }
      return false;
    }), false, 'the worker stored a page that is not part of the app');
    await sibling.close();

    // A half-finished upload: build 2 with one file that is not what sw.js stamped.
    await live.deploy(build2);
    const names = await fileNames(build2.root);
    await live.replace(names['microreach.css'], '/* truncated */');
    const before = await page.evaluate(() => caches.keys());
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update().catch(() => {}));
    await page.waitForTimeout(1500);
    const registration = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: !!r.waiting, installing: !!r.installing, keys: await caches.keys() };
    });
    assert.equal(registration.waiting, false, 'a build with a damaged file was installed');
    assert.deepEqual(registration.keys, before);
  } finally {
    await page.close();
    await live.close();
  }
});

// The smallest module that imports function `field` of `module` (type () -> ()), with
// a custom section `section` holding `payload`.
function wasmImporting(module, field, section, payload) {
  const text = (s) => [s.length, ...Buffer.from(s, 'utf8')];
  const sectionOf = (id, bytes) => [id, bytes.length, ...bytes];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...sectionOf(1, [1, 0x60, 0, 0]),
    ...sectionOf(2, [1, ...text(module), ...text(field), 0x00, 0]),
    ...sectionOf(0, [...text(section), ...Buffer.from(payload, 'utf8')]),
  ];
  return Buffer.from(bytes);
}
