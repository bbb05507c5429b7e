// The calculator UI in headless Chromium, driven like a person would: real mouse
// clicks on widgets found by their labels (published by the test hook), real key
// presses, and the app state read back from window.__microreachTest.state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countForegroundPixels, dominantColor } from './lib/browser.mjs';
import {
  openUi, desktop, appState, waitForState, waitIdle, click, typeInto,
  showScreen, findItems, saveScreenshot, frameCount, startUiSuite
} from './lib/ui.mjs';

let site, browser;
startUiSuite((started) => ({ site, browser } = started));

async function openDesktop() {
  const context = await browser.newContext(desktop);
  const { page, record } = await openUi(context, `${site.origin}/`);
  await waitIdle(page);
  return { context, page, record };
}

// Engagements of one row: followers x rate x posts (core/campaign.hpp's formula).
const engagements = (followers, rate, posts = 1) => followers * rate * posts;

test('first load tells the article story: one big blogger against ten small ones', async () => {
  const { context, page, record } = await openDesktop();
  const state = await appState(page);
  assert.equal(state.screenLabel, 'One big or many small');
  assert.equal(state.scenario.roster.length, 11);
  assert.equal(state.scenario.budget, 500000);
  assert.equal(state.comparison.winner, 'a', 'the national blogger wins on cost per engagement');
  assert.match(state.comparison.verdict, /wins on cost per engagement/);
  assert.equal(state.comparison.aMetric, engagements(1_000_000, 0.024));
  assert.equal(state.undoDepth, 0);
  assert.deepEqual(record.consoleErrors, []);
  assert.deepEqual(record.pageErrors, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
});

test('editing a roster row changes the totals; undo and redo (buttons and keys) restore them', async () => {
  const { context, page } = await openDesktop();
  await showScreen(page, 'Campaign planner');
  const before = await waitForState(page, (s) => !!s.totals);
  const total = before.totals.expectedEngagements;

  // The Texas blogger (id 11): 2,000 followers at the row's own rate (8.52% on the
  // article's curve). Type 25k followers.
  const rate = before.scenario.roster[10].engagement;
  await typeInto(page, '##followers_11', '25k');
  const edited = await waitForState(page, (s) => s.scenario.roster[10].followers === 25000 && !!s.totals);
  const expected = total - engagements(2000, rate) + engagements(25000, rate);
  assert.ok(Math.abs(edited.totals.expectedEngagements - expected) < 1e-6,
    `${edited.totals.expectedEngagements} vs ${expected}`);
  assert.equal(edited.undoDepth, 1);
  assert.equal(edited.undoLabel, 'Edit followers');

  await click(page, 'Undo');
  let state = await waitForState(page, (s) => s.scenario.roster[10].followers === 2000 && !!s.totals);
  assert.ok(Math.abs(state.totals.expectedEngagements - total) < 1e-6);
  assert.equal(state.redoDepth, 1);

  await click(page, 'Redo');
  state = await waitForState(page, (s) => s.scenario.roster[10].followers === 25000);
  assert.equal(state.undoDepth, 1);

  // Keyboard shortcuts while the canvas has focus (and no field is being edited).
  await page.keyboard.press('Control+z');
  state = await waitForState(page, (s) => s.scenario.roster[10].followers === 2000);
  await page.keyboard.press('Control+Shift+z');
  state = await waitForState(page, (s) => s.scenario.roster[10].followers === 25000);
  await page.keyboard.press('Control+z');
  state = await waitForState(page, (s) => s.scenario.roster[10].followers === 2000 && s.redoDepth === 1);
  await page.keyboard.press('Control+y');
  await waitForState(page, (s) => s.scenario.roster[10].followers === 25000);
  await context.close();
});

test('a number the parser rejects shows its message inline and changes nothing', async () => {
  const { context, page } = await openDesktop();
  await showScreen(page, 'Campaign planner');
  const before = await waitForState(page, (s) => !!s.totals);
  await typeInto(page, '##followers_11', '12abc');
  const state = await waitForState(page, (s) => s.fieldErrors === 1);
  assert.match(state.firstFieldError, /Followers/);
  assert.equal(state.scenario.roster[10].followers, 2000);
  assert.equal(state.totals.expectedEngagements, before.totals.expectedEngagements);
  assert.equal(state.undoDepth, 0);
  // Typing a good value clears the error.
  await typeInto(page, '##followers_11', '1,500');
  await waitForState(page, (s) => s.fieldErrors === 0 && s.scenario.roster[10].followers === 1500);
  await context.close();
});

test('the optimizer finds the best plan, honours a minimum, and the roster highlights it', async () => {
  const { context, page } = await openDesktop();
  await showScreen(page, 'Campaign planner');
  await click(page, 'Find the best plan');
  let state = await waitForState(page, (s) => s.optimizer.status === 'optimal' && !s.optimizer.running);
  // $5,000: the national blogger (24,000 engagements) beats all ten micros together (about 835).
  assert.deepEqual(state.optimizer.chosenIds, [1]);
  assert.equal(state.optimizer.totalCostCents, 500000);
  assert.equal((await findItems(page, 'Use this plan')).length, 1, 'the plan can be booked');

  // At least five influencers: the big one no longer fits with anyone else.
  await typeInto(page, '##Minimum influencers', '5');
  state = await waitForState(page, (s) => s.scenario.optimizer.min_influencers === 5);
  assert.equal(state.optimizer.stale, true, 'an old plan is marked as out of date');
  await click(page, 'Find the best plan');
  state = await waitForState(page, (s) => s.optimizer.status === 'optimal' && !s.optimizer.stale);
  assert.deepEqual(state.optimizer.chosenIds, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.ok(state.optimizer.totalCostCents <= 500000);
  await context.close();
});

test('filter by region, sort by a column, add, duplicate and delete rows', async () => {
  const { context, page } = await openDesktop();
  await showScreen(page, 'Campaign planner');
  await click(page, '##Region filter');
  await click(page, 'Florida');
  let state = await waitForState(page, (s) => s.roster.viewCurrent && s.roster.visibleRows === 3);
  assert.deepEqual(state.roster.visibleIds, [5, 6, 7]);
  await click(page, 'Followers');  // most followers first
  state = await waitForState(page, (s) => s.roster.viewCurrent && s.roster.sortColumn === 'followers');
  assert.deepEqual(state.roster.visibleIds, [7, 6, 5]);
  await click(page, '##Region filter');
  await click(page, 'All regions');
  state = await waitForState(page, (s) => s.roster.viewCurrent && s.roster.visibleRows === 11);

  await click(page, 'Add influencer');
  state = await waitForState(page, (s) => s.roster.rows === 12);
  assert.equal(state.scenario.roster[11].id, 12);
  await click(page, '+##dup_2');
  state = await waitForState(page, (s) => s.roster.rows === 13);
  assert.equal(state.scenario.roster[2].name, 'New England blogger 1 (copy)');
  await click(page, 'x##del_12');
  state = await waitForState(page, (s) => s.roster.rows === 12);
  assert.ok(!state.roster.ids.includes(12));
  assert.equal(state.undoDepth, 3);
  await click(page, 'Undo');
  await waitForState(page, (s) => s.roster.rows === 13);
  await context.close();
});

test('the theme switch draws a dark canvas and brings the light one back', async () => {
  const { context, page } = await openDesktop();
  const canvas = await page.locator('#microreach-canvas').boundingBox();
  const rect = { x: canvas.x, y: canvas.y, width: canvas.width, height: Math.min(canvas.height, 700) };
  const lightPng = await page.screenshot();
  const light = await dominantColor(context, lightPng, rect);
  assert.ok(light[0] + light[1] + light[2] > 600, `light background ${light}`);

  await click(page, 'Dark theme');
  await waitForState(page, (s) => s.theme === 'dark');
  await waitIdle(page);
  const darkPng = await page.screenshot();
  const dark = await dominantColor(context, darkPng, rect);
  assert.ok(dark[0] + dark[1] + dark[2] < 150, `dark background ${dark}`);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark',
    'the page around follows');
  const drawn = await countForegroundPixels(context, darkPng, rect, dark);
  assert.ok(drawn.count > drawn.total * 0.02, 'text and widgets are drawn on the dark background');
  await saveScreenshot(page, 'desktop-dark-1280x800.png');

  await click(page, 'Light theme');
  await waitForState(page, (s) => s.theme === 'light');
  await context.close();
});

test('an embedder accent colour is used, shifted for contrast when too light', async () => {
  const context = await browser.newContext(desktop);
  const { page } = await openUi(context, `${site.origin}/?accent=ffe600`);
  await waitIdle(page);
  const state = await appState(page);
  assert.match(state.accent, /^#[0-9a-f]{6}$/);
  assert.notEqual(state.accent, '#ffe600', 'a yellow accent on white is darkened');
  assert.ok(state.accentContrast >= 4.5, `accent contrast ${state.accentContrast}`);
  await context.close();
});

test('screenshot at 1280x800 shows the whole product, not a blank canvas', async () => {
  const { context, page } = await openDesktop();
  for (const screen of ['One big or many small', 'Campaign planner', 'Engagement', 'Assumptions']) {
    await showScreen(page, screen);
    await waitIdle(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const slug = screen.toLowerCase().replace(/[^a-z]+/g, '-');
    const { png } = await saveScreenshot(page, `desktop-${slug}-1280x800.png`);
    const canvas = await page.locator('#microreach-canvas').boundingBox();
    const rect = { x: canvas.x, y: Math.max(canvas.y, 0), width: canvas.width, height: 800 - Math.max(canvas.y, 0) };
    const background = await dominantColor(context, png, rect);
    const drawn = await countForegroundPixels(context, png, rect, background);
    assert.ok(drawn.count > drawn.total * 0.03, `${screen}: only ${drawn.count} of ${drawn.total} pixels drawn`);
  }
  await context.close();
});

test('idle: no frame is drawn during 3 s without input', async () => {
  const { context, page } = await openDesktop();
  await showScreen(page, 'Campaign planner');
  await page.mouse.move(5, 5);  // off the canvas
  await waitIdle(page, 500);
  const start = await frameCount(page);
  await page.waitForTimeout(3000);
  const end = await frameCount(page);
  assert.equal(end - start, 0, `${end - start} frames drawn while idle`);
  await context.close();
});
