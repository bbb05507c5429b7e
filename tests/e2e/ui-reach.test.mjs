// Issue 14, reach: the reach table on the Assumptions screen is edited with real input
// events, the planner's people reached (unique reach) and cost per 1,000 people reached
// follow, and Undo brings both back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openUi, desktop, waitForState, waitIdle, click, typeInto, showScreen, findItems, waitForItem, startUiSuite
} from './lib/ui.mjs';

let site, browser;
startUiSuite((started) => ({ site, browser } = started));

const totalsOf = (state) => state.totals ?? {};

test('a reach row edited on the Assumptions screen moves unique reach and cost per 1,000 reached; undo restores them', async () => {
  const context = await browser.newContext(desktop);
  const { page, record } = await openUi(context, `${site.origin}/`);
  await waitIdle(page);
  await showScreen(page, 'Campaign planner');
  const before = totalsOf(await waitForState(page, (s) => totalsOf(s).costPerThousandReachedCents > 0, 30000));

  await showScreen(page, 'Assumptions');
  // The default table: Socialbakers 2012, under 1,000 fans and 100,000 to 999,999.
  // Polled: the screen's first frame may come after showScreen returns on a loaded machine.
  const rate = await waitForItem(page, '##reach_rate_1', 15000).catch(() => null);
  assert.ok(rate, 'the second reach row has a rate field');
  assert.equal((await findItems(page, '##reach_rate_1')).length, 1, 'one field per row');
  const version = (await waitForState(page, () => true)).version;
  // The national blogger (1,000,000 followers) sits past the last row: 8.2% becomes 20%.
  await typeInto(page, '##reach_rate_1', '20%');
  await waitForState(page, (s) => s.version > version, 30000);

  await showScreen(page, 'Campaign planner');
  const edited = totalsOf(await waitForState(page,
    (s) => totalsOf(s).estimatedReach > before.estimatedReach && totalsOf(s).costPerThousandReachedCents > 0, 30000));
  // 118,000 more people see the big post (20% - 8.2% of 1,000,000), less the overlap.
  assert.ok(edited.estimatedReach - before.estimatedReach > 100000,
    `unique reach ${before.estimatedReach} -> ${edited.estimatedReach}`);
  assert.ok(edited.costPerThousandReachedCents < before.costPerThousandReachedCents,
    `cost per 1,000 reached ${before.costPerThousandReachedCents} -> ${edited.costPerThousandReachedCents}`);
  assert.equal(edited.costCents, before.costCents, 'reach changes no cost');

  await click(page, 'Undo');
  const undone = totalsOf(await waitForState(page,
    (s) => totalsOf(s).estimatedReach === before.estimatedReach, 30000));
  assert.equal(undone.costPerThousandReachedCents, before.costPerThousandReachedCents);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});
