// The compact embed (?view=verdict, or data-view="verdict" on the script embed): the
// comparison's inputs, verdict, break-even and chart only, within one phone screen,
// and a link that opens the full calculator on the same scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appState, findItems, openUi, phone, startUiSuite, typeInto, waitForState, waitIdle } from './lib/ui.mjs';
import { countForegroundPixels, dominantColor } from './lib/browser.mjs';
import { demoArticleFor, serveHostPages, waitForEmbeddedApp } from './lib/page.mjs';

let site, browser;
startUiSuite((started) => ({ site, browser } = started));

test('the compact embed fits one 360x740 phone screen and opens the full calculator on the same scenario', async () => {
  const context = await browser.newContext(phone);
  const { page, record } = await openUi(context, `${site.origin}/?embed=1&view=verdict`);
  await waitIdle(page);
  const state = await waitForState(page, (s) => !!s.comparison);
  assert.match(state.comparison.verdict, /wins|tie|cannot/i);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height <= 740, `the compact embed is ${height} px tall`);
  for (const label of ['##Budget', '##Compare on', 'Expected results chart', 'Open the full calculator']) {
    assert.equal((await findItems(page, label)).length, 1, `${label} is there`);
  }
  for (const label of ['Campaign planner', 'Files', 'Undo', 'Simulation chart']) {
    assert.equal((await findItems(page, label)).length, 0, `${label} is not`);
  }
  const png = await page.screenshot();
  const rect = { x: 0, y: 0, width: 360 * 3, height: height * 3 };
  const drawn = await countForegroundPixels(context, png, rect, await dominantColor(context, png, rect));
  assert.ok(drawn.count > drawn.total * 0.03, 'drawn');

  // A new budget, then the link: the full calculator, same scenario, in a new tab.
  await typeInto(page, '##Budget', '4200', { touch: true });
  await waitForState(page, (s) => s.roster.budgetCents === 420000);
  const opened = context.waitForEvent('page');
  const [link] = await findItems(page, 'Open the full calculator');
  const box = await page.locator('#microreach-frame').boundingBox();
  await page.touchscreen.tap(box.x + link.x + link.w / 2, box.y + link.y + link.h / 2);
  const full = await opened;
  await full.waitForFunction(() => !!window.__microreachTest?.state, null, { timeout: 30000 });
  const url = new URL(full.url());
  assert.equal(url.searchParams.get('view'), null);
  assert.equal(url.searchParams.get('embed'), null);
  const fullState = await appState(full);
  assert.equal(fullState.roster.budgetCents, 420000, 'the same budget');
  assert.deepEqual(fullState.scenario.comparison, (await appState(page)).scenario.comparison, 'the same plans');
  assert.equal((await findItems(full, 'Campaign planner')).length, 1, 'the whole calculator');
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test('data-view="verdict" on the script embed: a compact calculator in a 1280 px article', async () => {
  const files = await demoArticleFor(site.origin);
  files['article.html'] = files['article.html'].replace('data-screen="compare"', 'data-view="verdict"');
  const host = await serveHostPages(files);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${host.origin}/article.html`);
  await (await page.waitForSelector('iframe')).scrollIntoViewIfNeeded(); // it loads lazily
  const { handle, frame } = await waitForEmbeddedApp(page);
  assert.match(await handle.getAttribute('src'), /view=verdict/);
  let box;
  const deadline = Date.now() + 20000;
  do {
    await page.waitForTimeout(200);
    box = await handle.boundingBox();
  } while (Date.now() < deadline && !(await handle.getAttribute('data-microreach-height')));
  assert.ok(box.height > 200 && box.height <= 740, `the embed is ${box.height} px tall in the article`);
  const inside = await frame.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
  assert.equal(inside, true, 'nothing runs past the article column');
  await context.close();
  await host.close();
});
