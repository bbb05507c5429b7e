// Saved work against links and other tabs (issue 17): URL parameters never overwrite
// saved work unasked, `demoRows` is a test switch only, two tabs never erase each
// other's saved scenarios or autosave, link text is never shown as the app's words,
// and theme, accent and embed are read as the docs say (last wins, any letter case).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPageSuite } from './lib/page.mjs';
import { appState, click, openUi, typeInto, waitForState, waitIdle } from './lib/ui.mjs';

let site, browser;
startPageSuite((suite) => ({ site, browser } = suite));

const stored = (page, key) => page.evaluate((k) => {
  const text = localStorage.getItem(k);
  return text === null ? null : JSON.parse(text);
}, key);
const savedNames = async (page) => ((await stored(page, 'microreach:scenarios'))?.items ?? []).map((item) => item.name);

// Every test starts from empty storage (one browser, one origin).
async function fresh(path = '/?testhook=1') {
  const opened = await openUi(browser.context, `${site.origin}${path}`);
  await opened.page.evaluate(() => localStorage.clear());
  return opened.page;
}

// Saved work from an earlier visit, as the app saved it (a page with a parameter is
// not the untouched default, so it saves at once), retitled.
async function seedSavedWork(page, title) {
  await page.goto(`${site.origin}/?testhook=1&screen=planner`);
  const deadline = Date.now() + 30000;
  let text = null;
  while (!(text = await page.evaluate(() => localStorage.getItem('microreach:autosave')))) {
    assert.ok(Date.now() < deadline, 'the app saved nothing');
    await page.waitForTimeout(100);
  }
  await page.evaluate((saved) => localStorage.setItem('microreach:autosave', saved),
    text.replace(/"title":"[^"]*"/, `"title":${JSON.stringify(title)}`));
}

test('URL parameters over saved work open a new plan and keep the saved work under Files', async () => {
  const page = await fresh();
  await seedSavedWork(page, 'My saved plan');
  await page.goto(`${site.origin}/?testhook=1&budget=5000&currency=EUR`);
  const state = await waitForState(page, (s) => s.scenario !== undefined && s.notices !== undefined, 30000);
  assert.notEqual(state.scenario.title, 'My saved plan', 'the parameters were applied on top of the saved work');
  assert.match(state.notices.join(' '), /previous work is kept under Files/);
  assert.deepEqual(await savedNames(page), ['Your work before opening a link']);
  assert.equal((await stored(page, 'microreach:scenarios')).items[0].scenario.title, 'My saved plan');

  // ?screen= only chooses where the saved work opens: nothing to keep aside.
  await page.evaluate(() => localStorage.clear());
  await seedSavedWork(page, 'Plan two');
  await page.goto(`${site.origin}/?testhook=1&screen=assumptions`);
  const opened = await waitForState(page, (s) => s.scenario !== undefined, 30000);
  assert.equal(opened.scenario.title, 'Plan two');
  assert.equal(opened.screenLabel, 'Assumptions');
  assert.equal(await stored(page, 'microreach:scenarios'), null);
  await page.close();
});

test('?demoRows= does nothing without the test hook', async () => {
  const page = await fresh();
  await page.goto(`${site.origin}/?demoRows=50`);
  await page.waitForFunction(() => document.documentElement.dataset.microreachReady === 'true', null, { timeout: 30000 });
  await page.waitForTimeout(1000);
  const autosave = await stored(page, 'microreach:autosave');
  assert.ok(autosave === null || autosave.roster.length !== 50, 'a link replaced the roster with demo rows');
  await page.close();
});

test('link text is never repeated as the app\'s words; theme, accent, embed: last wins, any case', async () => {
  const page = await fresh('/?testhook=1&theme=dark&accent=%23e4572e');
  const accent = (await waitForState(page, (s) => s.accent !== undefined)).accent;
  const spoof = 'Your account is locked. Call 555-0100 now';
  await page.goto(`${site.origin}/?testhook=1&screen=${encodeURIComponent(spoof)}&theme=light&THEME=dark&accent=%23000000&Accent=%23e4572e&embed=0&EMBED=1`);
  const state = await waitForState(page, (s) => s.notices !== undefined, 30000);
  assert.ok(state.notices.length > 0, 'the bad screen was not reported');
  assert.ok(!state.notices.join(' ').includes('Call 555'), state.notices.join(' '));
  const page_ = await page.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    embed: document.documentElement.classList.contains('microreach-embed'),
  }));
  assert.deepEqual(page_, { theme: 'dark', embed: true });
  assert.equal(state.accent, accent, 'the app took another accent than the last one');
  await page.close();
});

test('two tabs: saved scenarios are merged, the autosave asks before replacing newer work', async () => {
  const a = await fresh('/?testhook=1&screen=planner');
  const b = (await openUi(browser.context, `${site.origin}/?testhook=1&screen=planner`)).page;
  // Headless tabs in the background draw nothing: each is brought to the front to act.
  const act = async (page) => page.bringToFront();
  for (const page of [a, b]) {
    await act(page);
    await click(page, 'Files');
  }
  await act(a);
  await typeInto(a, '##Scenario name', 'Alpha');
  await click(a, 'Save as');
  await waitForState(a, (s) => s.savedScenarios === 1);
  await act(b);
  await typeInto(b, '##Scenario name', 'Bravo');
  await click(b, 'Save as');
  await waitForState(b, (s) => /Saved "Bravo"/.test(s.status));
  assert.deepEqual((await savedNames(a)).sort(), ['Alpha', 'Bravo']);
  // Both tabs show both (tab A heard of tab B's write).
  await act(a);
  await waitForState(a, (s) => s.savedScenarios === 2);
  assert.equal((await appState(b)).savedScenarios, 2);

  // Tab A saves an edit; tab B, told by the storage event, saves nothing over it.
  await typeInto(a, '##Planner budget', '7,100');
  await waitForState(a, (s) => s.saveState === 'Saved in this browser');
  const newer = await stored(a, 'microreach:autosave');
  assert.equal(newer.budget, 710000);
  await act(b);
  await waitForState(b, (s) => /changed in another tab/.test(s.saveState));
  await typeInto(b, '##Planner budget', '6,200');
  await b.waitForTimeout(500);
  assert.equal((await stored(b, 'microreach:autosave')).budget, 710000, 'the older tab overwrote newer work');
  // Tab B keeps its own version; tab A's is kept under Files.
  await click(b, "Keep this tab's version");
  await waitForState(b, (s) => s.saveState === 'Saved in this browser');
  assert.equal((await stored(b, 'microreach:autosave')).budget, 620000);
  const kept = (await stored(b, 'microreach:scenarios')).items.find((item) => item.name === 'From another tab');
  assert.equal(kept?.scenario.budget, 710000);
  // And tab A is now the one asked.
  await act(a);
  await waitForState(a, (s) => /changed in another tab/.test(s.saveState));
  await a.close();
  await b.close();
});

test('backups of unreadable saved data are listed under Files, bounded, and can be deleted', async () => {
  const page = await fresh();
  await page.evaluate(() => {
    localStorage.setItem('microreach:autosave:backup', '{"not": "a scenario"');
    for (let n = 2; n <= 5; n++) localStorage.setItem(`microreach:autosave:backup${n}`, `damaged ${n}`);
    localStorage.setItem('microreach:autosave', 'damaged again');
  });
  await page.goto(`${site.origin}/?testhook=1`);
  const state = await waitForState(page, (s) => s.notices !== undefined, 30000);
  // All five backup keys are taken: the sixth damaged save is not stored again.
  assert.match(state.notices.join(' '), /could not be read/);
  assert.equal(await page.evaluate(() => localStorage.getItem('microreach:autosave:backup6')), null);
  await click(page, 'Files');
  const deletes = () => page.evaluate(() => window.__microreachTest.items.filter((item) => item.label === 'Delete').length);
  for (let tries = 0; tries < 50 && (await deletes()) === 0; tries++) await page.waitForTimeout(100);
  assert.equal(await deletes(), 5);
  await waitIdle(page);
  await click(page, 'Delete');
  await waitForState(page, (s) => /Deleted microreach:autosave:backup/.test(s.status));
  assert.equal(await page.evaluate(() => localStorage.getItem('microreach:autosave:backup')), null);
  await page.close();
});
