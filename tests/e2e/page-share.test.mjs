// Share links, prefill parameters and storage, in the page: a link reopens the same
// state; a damaged link opens the default scenario with a message, never a blank
// canvas; URL parameters configure the page and the app; storage that is blocked or
// full is reported, not fatal.
//
// The app's side (reading the fragment at start, writing it on every change,
// publishing its scenario on the test hook as `state.scenario`) belongs to the UI; a
// check that needs it is marked TODO until the UI provides it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPageSuite, loadApiInPage, callApi, watchConsole, pageProblems, serveHostPages, waitForEmbeddedApp } from './lib/page.mjs';
import { click, typeInto } from './lib/ui.mjs';

let site, browser;
startPageSuite((suite) => ({ site, browser } = suite));

async function open(path) {
  const page = await browser.context.newPage();
  const messages = watchConsole(page);
  await page.goto(`${site.origin}${path}`);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 30000 });
  // The test hook publishes after the first frames.
  await page.waitForFunction(() => window.__microreachTest?.state, null, { timeout: 10000 }).catch(() => {});
  return { page, messages };
}

const appState = (page) => page.evaluate(() => window.__microreachTest?.state ?? null);

async function changedScenario(page) {
  await loadApiInPage(page);
  const scenario = (await callApi(page, 'defaultScenario')).value;
  scenario.title = 'Spring reading campaign';
  scenario.budget = 650000;
  scenario.roster[1].name = 'Vermont reading mom';
  scenario.roster[1].followers = 1800;
  scenario.roster[1].price = 12000;
  return scenario;
}

test('share link round trip: the state is equal after reopening the link', async (t) => {
  const { page: first } = await open('/?testhook=1');
  const scenario = await changedScenario(first);
  const fragment = (await callApi(first, 'encodeShareLink', scenario)).value;
  await first.close();

  const { page, messages } = await open(`/?testhook=1#${fragment}`);
  assert.deepEqual(pageProblems(messages), []);
  const state = await appState(page);
  if (!state?.scenario) {
    t.todo('the app does not publish state.scenario on the test hook yet (web/app, H5)');
    await page.close();
    return;
  }
  assert.deepEqual(state.scenario, scenario, 'the link opened the linked scenario');
  // The page URL keeps a link to the current state; opening it gives the same state.
  const url = page.url();
  await page.close();
  const { page: again } = await open(new URL(url).pathname + new URL(url).search + new URL(url).hash);
  assert.deepEqual((await appState(again)).scenario, scenario);
  await again.close();
});

test('a damaged link opens the default scenario with a visible message', async (t) => {
  const { page: probe } = await open('/?testhook=1');
  await loadApiInPage(probe);
  const fallback = (await callApi(probe, 'defaultScenario')).value;
  const good = (await callApi(probe, 'encodeShareLink', { ...fallback, title: 'x' })).value;
  await probe.close();
  for (const fragment of ['v1.garbage!!', good.slice(0, -6), 'v99.AAAA']) {
    const { page, messages } = await open(`/?testhook=1#${fragment}`);
    assert.deepEqual(pageProblems(messages), [], fragment);
    const box = await page.locator('#microreach-canvas').boundingBox();
    assert.ok(box && box.height > 100, 'the calculator is there, not a blank page');
    const state = await appState(page);
    if (!state?.scenario) {
      t.todo('the app does not publish state.scenario on the test hook yet (web/app, H5)');
      await page.close();
      return;
    }
    assert.deepEqual(state.scenario, fallback, `${fragment} opens the default scenario`);
    const shown = JSON.stringify(state);
    assert.match(shown, /damaged|could not be opened|newer version/i, 'a message says why');
    await page.close();
  }
});

test('prefill parameters configure the page and the app', async (t) => {
  const { page, messages } = await open('/?testhook=1&screen=compare&budget=7000&currency=EUR&theme=dark&accent=%23e4572e');
  const pageSide = await page.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    accent: document.documentElement.style.getPropertyValue('--microreach-accent'),
    background: getComputedStyle(document.body).backgroundColor,
  }));
  assert.equal(pageSide.theme, 'dark');
  assert.equal(pageSide.accent, '#e4572e');
  assert.equal(pageSide.background, 'rgb(22, 23, 27)', 'the page around is dark too');
  assert.deepEqual(pageProblems(messages), []);
  const state = await appState(page);
  assert.equal(state?.theme, 'dark', 'the app drew in the dark theme');
  if (!state?.scenario) {
    t.todo('budget/currency/screen checks need state.scenario on the test hook (web/app, H5)');
    await page.close();
    return;
  }
  assert.equal(state.scenario.screen, 'compare');
  assert.equal(state.scenario.assumptions.currency, 'EUR');
  assert.equal(state.scenario.budget, 700000);
  await page.close();
});

test('embed mode from the URL: no page chrome', async () => {
  const { page } = await open('/?embed=1');
  assert.equal(await page.locator('.microreach-chrome').first().isVisible(), false);
  assert.equal(await page.locator('#microreach-canvas').isVisible(), true);
  await page.close();
});

test('storage: saved, then full (QuotaExceededError) reported as full, nothing thrown', async () => {
  const { page, messages } = await open('/');
  const results = await page.evaluate(() => {
    const page = window.__microreachPage;
    const out = { first: page.storageWrite('microreach:test', 'hello'), read: page.storageRead('microreach:test'), available: page.storageAvailable() };
    // Fill the origin's quota.
    const chunk = 'x'.repeat(512 * 1024);
    let i = 0;
    try {
      for (; i < 64; i++) localStorage.setItem(`microreach:fill${i}`, chunk);
    } catch (e) {
      out.fillError = e.name;
    }
    out.full = page.storageWrite('microreach:big', chunk + chunk);
    out.status = page.storageStatus;
    out.stillReadable = page.storageRead('microreach:test');
    for (let j = 0; j <= i; j++) localStorage.removeItem(`microreach:fill${j}`);
    localStorage.removeItem('microreach:test');
    return out;
  });
  assert.equal(results.first, 0, 'saved');
  assert.equal(results.read, 'hello');
  assert.equal(results.available, true);
  assert.equal(results.fillError, 'QuotaExceededError');
  assert.equal(results.full, 2, 'full');
  assert.equal(results.status, 'full');
  assert.equal(results.stillReadable, 'hello');
  assert.deepEqual(pageProblems(messages), []);
  await page.close();
});

test('storage: blocked (sandboxed iframe, SecurityError) reported as unavailable', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${site.origin}/demo/sandboxed.html`);
  const handle = await page.waitForSelector('iframe#sandboxed');
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 30000 });
  const results = await frame.evaluate(() => {
    const page = window.__microreachPage;
    return { write: page.storageWrite('k', 'v'), read: page.storageRead('k'), available: page.storageAvailable(), status: page.storageStatus };
  });
  assert.deepEqual(results, { write: 1, read: null, available: false, status: 'unavailable' });
  await page.close();
});

test('page links: the app folder URL and the single-file download', async () => {
  const { page } = await open('/?testhook=1&budget=5000#v1.abc');
  assert.equal(await page.evaluate(() => window.__microreachPage.appUrl()), `${site.origin}/`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate(() => window.__microreachPage.downloadSingleFile('not used')),
  ]);
  assert.equal(download.suggestedFilename(), 'microreach.html');
  const saved = await download.path();
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(saved, 'utf8');
  assert.match(text, /data-microreach-build="single-file"/);
  await page.close();

  // Inside the single file itself there is nothing more to download: a notice says so.
  const { join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const { siteRoot } = await import('./lib/browser.mjs');
  const single = await browser.context.newPage();
  await single.goto(pathToFileURL(join(siteRoot, 'microreach.html')).href);
  await single.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 30000 });
  assert.equal(await single.evaluate(() => window.__microreachPage.downloadSingleFile('This page is already the single file.')), false);
  assert.equal(await single.locator('#microreach-notice').textContent(), 'This page is already the single file.');
  assert.equal(await single.locator('#microreach-canvas').isVisible(), true, 'the calculator stays');
  await single.close();
});

test('the fragment: replaced without history or reload; a pasted link reopens the page', async () => {
  const { page } = await open('/?testhook=1');
  const before = await page.evaluate(() => {
    window.__marker = 'still here';
    return history.length;
  });
  await page.evaluate(() => window.__microreachPage.replaceFragment('v1.first'));
  await page.evaluate(() => window.__microreachPage.replaceFragment('v1.second'));
  assert.equal(new URL(page.url()).hash, '#v1.second');
  assert.equal(await page.evaluate(() => history.length), before, 'no history entries');
  assert.equal(await page.evaluate(() => window.__marker), 'still here', 'no reload');
  // The user pastes another link into the address bar: only the fragment changes.
  await Promise.all([
    page.waitForEvent('load'),
    page.evaluate(() => { location.hash = 'v1.pasted'; }),
  ]);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.__marker), undefined, 'the page reloaded to open it');
  await page.close();
});

// A link as the app's format makes it (core/share_link.hpp) around a hand-made patch
// of `rows` empty roster rows: "{}," repeats, so LZ matches of 130 bytes 3 back cost 2
// bytes each and 99,999 rows fit in about 6 KB of link (issue 17).
function craftedEmptyRowsLink(rows) {
  const text = '{"roster":[{}' + ',{}'.repeat(rows - 1) + ']}';
  const bytes = [];
  const varint = (value) => {
    do {
      bytes.push((value & 0x7f) | (value > 0x7f ? 0x80 : 0));
      value >>>= 7;
    } while (value);
  };
  const literal = (s) => {
    bytes.push(s.length - 1, ...Buffer.from(s, 'latin1'));
  };
  varint(text.length);
  literal('{"roster":[{}');
  literal(',{}');
  for (let left = text.length - 13 - 3 - 2; left > 0;) {
    const length = Math.min(130, left);
    bytes.push(0x80 | (length - 3));
    varint(2); // distance 3
    left -= length;
  }
  literal(']}');
  let crc = ~0;
  for (const byte of Buffer.from(text, 'latin1')) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  crc = ~crc >>> 0;
  bytes.push(crc & 255, (crc >>> 8) & 255, (crc >>> 16) & 255, crc >>> 24);
  return 'v1.' + Buffer.from(bytes).toString('base64url');
}

test('a crafted 6 KB link of 99,999 empty rows opens at once, with a message', async () => {
  const link = craftedEmptyRowsLink(99999);
  assert.ok(link.length < 7000, `${link.length} characters`);
  const { page, messages } = await open(`/?testhook=1#${link}`);
  const state = await appState(page);
  assert.match(state.notices.join(' '), /This link holds more than a Microreach link can/);
  assert.equal(state.scenario.roster.length, (await callApiDefaultRoster(page)));
  // The decoder itself, timed in the page's wasm (the JS API): before the cost bound
  // it took 5 to 13 s; now it stops before parsing.
  const timing = await page.evaluate((fragment) => {
    const times = [];
    let ok = true;
    for (let k = 0; k < 5; k++) {
      const start = performance.now();
      ok = window.__api.decodeShareLink(fragment).ok;
      times.push(performance.now() - start);
    }
    return { first: times[0], best: Math.min(...times.slice(1)), ok };
  }, link);
  console.log(`crafted link: refused in ${timing.first.toFixed(1)} ms (first call), ${timing.best.toFixed(1)} ms (best of 4 more)`);
  assert.equal(timing.ok, false);
  assert.ok(timing.best < 1000, `decoding took ${timing.best} ms`);
  assert.deepEqual(pageProblems(messages), []);
  await page.close();
});

async function callApiDefaultRoster(page) {
  await loadApiInPage(page);
  return (await callApi(page, 'defaultScenario')).value.roster.length;
}

test('"Get embed code" carries the scenario: the pasted snippet on another origin shows it', async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  const { page } = await open('/?testhook=1&screen=planner');
  await typeInto(page, '##Planner budget', '7,300');
  await click(page, 'Files');
  await click(page, 'Get embed code');
  await click(page, 'Copy script embed');
  let snippet = '';
  for (let tries = 0; tries < 50 && !snippet.includes('data-microreach'); tries++) {
    await page.waitForTimeout(100);
    snippet = await page.evaluate(() => navigator.clipboard.readText());
  }
  const fragment = (await appState(page)).shareFragment;
  assert.ok(fragment.length > 3);
  assert.ok(snippet.includes(fragment), snippet);
  // The reader is someone else: nothing of this visit's autosave in their storage.
  await page.goto(`${site.origin}/manifest.webmanifest`);
  await page.evaluate(() => localStorage.clear());
  await page.close();

  const host = await serveHostPages({ 'post.html': `<!doctype html><title>A post</title><p>Before.</p>\n${snippet}\n<p>After.</p>` });
  const reader = await browser.context.newPage();
  try {
    await reader.goto(`${host.origin}/post.html`);
    const { frame } = await waitForEmbeddedApp(reader);
    assert.equal(new URL(frame.url()).hash, `#${fragment}`);
    await frame.waitForFunction(() => /7,300/.test(document.getElementById('microreach-live')?.textContent || ''), null, { timeout: 15000 });
  } finally {
    await reader.close();
    await host.close();
  }
});
