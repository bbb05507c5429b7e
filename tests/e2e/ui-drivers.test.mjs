// "What decides it" (issue 15): the costs beyond the fee typed on the Assumptions screen
// change the comparison, undo and survive a reload; the tornado chart gives exact values
// on hover and in the screen-reader report, and is drawn at 320 and 1280 px in both
// themes; with "$10 per 1,000 followers" prices the verdict says price decides it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appState, click, desktop, openUi, revealItem, saveScreenshot, showScreen, startUiSuite, typeInto,
  waitForState, waitIdle,
} from './lib/ui.mjs';
import { countForegroundPixels, dominantColor } from './lib/browser.mjs';

let site, browser;
startUiSuite((started) => ({ site, browser } = started));

const chart = 'What decides it chart';
const live = (page) => page.evaluate(() => document.getElementById('microreach-live')?.textContent ?? '');

test('costs beyond the fee change the verdict, undo, and are saved; the tornado chart hovers exact values', async () => {
  const context = await browser.newContext(desktop);
  const { page, record } = await openUi(context, `${site.origin}/?screen=compare`);
  let state = await waitForState(page, (s) => s.comparison?.sensitivity?.length > 0, 30000);
  const before = state.comparison;
  // The article's own prices: the big blogger wins, and price decides it.
  assert.equal(before.winner, 'a');
  assert.match(before.decidedBy, /^The answer depends mostly on Price per post, /);
  assert.equal(before.sensitivity[0].decides, true);

  // Hover the top bar: every exact value of the largest swing.
  const { item } = await revealItem(page, chart);
  await waitIdle(page);
  const box = await page.locator('#microreach-frame').boundingBox();
  const x = box.x + item.x + item.w * 0.5;
  const y = box.y + item.y + 45; // below the captions, inside the first bar's row
  await page.mouse.move(x, y);
  await page.mouse.move(x + 2, y);
  state = await waitForState(page, (s) => (s.chartHover ?? '').startsWith(before.sensitivity[0].label));
  assert.match(state.chartHover, /: now \$[\d,.]+; from \$[\d,.]+ \(.+\) to \$[\d,.]+ \(.+\)\. Range: /);
  assert.match(state.chartHover, /The verdict flips at \$[\d,.]+, inside this range\./);
  await page.mouse.move(5, 5);

  // The same sentences in the screen-reader report.
  const report = await live(page);
  assert.ok(report.includes('What decides it'), 'the report has the section');
  assert.ok(report.includes(before.decidedBy), 'and the deciding assumption');

  // Overhead per influencer, typed on the Assumptions screen with real key events.
  await showScreen(page, 'Assumptions');
  await typeInto(page, '##Other overhead', '500');
  await showScreen(page, 'One big or many small');
  state = await waitForState(page, (s) => s.comparison && s.comparison.bCostCents !== before.bCostCents);
  const edited = state.comparison;
  // Same budget (the default): plan B keeps, in its order, the rows that still fit, each
  // $500 dearer now. The example's small creators all cost the same, so what B spends is
  // its rows times (their fee + $500), within the budget.
  const feePerRow = before.bCostCents / before.bRows;
  assert.ok(edited.bRows >= 1 && edited.bRows < before.bRows, `fewer of plan B fit (${before.bRows} -> ${edited.bRows})`);
  assert.equal(edited.bCostCents, edited.bRows * (feePerRow + 50000), '$500 per booked influencer of plan B');
  assert.ok(edited.bCostCents <= state.roster.budgetCents, 'plan B fits the budget');
  assert.equal(edited.aCostCents - before.aCostCents, 50000, 'and $500 for the one of plan A');
  assert.notEqual(edited.verdict, before.verdict, 'the verdict follows the all-in cost');

  // Undo gives the old figures back; redo the edit, and a reload keeps it.
  await click(page, 'Undo');
  state = await waitForState(page, (s) => s.comparison?.bCostCents === before.bCostCents);
  assert.equal(state.comparison.verdict, before.verdict);
  await click(page, 'Redo');
  await waitForState(page, (s) => s.comparison?.bCostCents === edited.bCostCents);
  await waitIdle(page);
  await page.reload();
  await page.waitForFunction(() => !!window.__microreachTest?.state, null, { timeout: 30000 });
  state = await waitForState(page, (s) => s.comparison?.bCostCents === edited.bCostCents, 30000);
  assert.equal(state.comparison.verdict, edited.verdict, 'saved');
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test('with "$10 per 1,000 followers" prices the verdict and the tornado chart say price decides it; 320 and 1280 px, both themes', async () => {
  for (const width of [1280, 320]) {
    const context = await browser.newContext({ viewport: { width, height: 1400 }, deviceScaleFactor: 1 });
    const { page } = await openUi(context, `${site.origin}/?screen=compare`);
    // The user picks the rule of thumb on the Assumptions screen and prices every roster
    // row by it ($10 per 1,000 followers = a cent per follower); the plans come from the
    // roster, so both are priced by it. Then the work is opened as it would be the next day.
    await waitForState(page, (s) => !!s.comparison, 30000);
    await showScreen(page, 'Assumptions');
    await click(page, 'Per 1,000 followers');
    await waitForState(page, (s) => s.scenario.assumptions.pricing.kind === 'per_thousand_followers');
    await click(page, 'Price all rows by this model');
    const priced = await waitForState(page, (s) => s.scenario.roster.every((row) => row.price === row.followers) && s.saveState === 'Saved in this browser', 15000);
    assert.ok(priced.scenario.roster.length > 1);
    for (const theme of ['light', 'dark']) {
      await page.goto(`${site.origin}/?screen=compare&testhook=1&theme=${theme}`);
      const state = await waitForState(page, (s) => s.comparison?.sensitivity?.length > 0, 30000);
      assert.equal(state.comparison.winner, 'b', 'the small ones win at these prices');
      assert.match(state.comparison.decidedBy, /^The answer depends mostly on Price per post, /);
      assert.match(state.comparison.sensitivity[0].label, /^Price per post, /);
      assert.equal(state.comparison.sensitivity[0].decides, true);
      // The live region follows the results once they settle: poll it.
      let spoken = '';
      for (const deadline = Date.now() + 15000; Date.now() < deadline; await page.waitForTimeout(200)) {
        spoken = await live(page);
        if (spoken.includes(state.comparison.decidedBy)) break;
      }
      assert.ok(spoken.includes(state.comparison.decidedBy), `the live region says "${state.comparison.decidedBy}"`);

      const { item } = await revealItem(page, chart);
      assert.ok(item.w <= width, `the chart fits ${width} px`);
      await waitIdle(page);
      const box = await page.locator('#microreach-frame').boundingBox();
      const rect = { x: Math.max(0, box.x + item.x), y: Math.max(0, box.y + item.y), width: item.w, height: Math.min(item.h, 1400 - 20) };
      const { png } = await saveScreenshot(page, `drivers-tornado-${width}-${theme}.png`, { clip: rect });
      const whole = { x: 0, y: 0, width: Math.floor(rect.width), height: Math.floor(rect.height) };
      const drawn = await countForegroundPixels(context, png, whole, await dominantColor(context, png, whole));
      assert.ok(drawn.count > drawn.total * 0.05, `bars drawn at ${width} px, ${theme}`);
    }
    await context.close();
  }
});
