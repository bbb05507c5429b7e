// Issue #20's whole story through the UI, with real input events: book a 10-influencer
// plan, export its tracking links and discount codes, import the shop's sales by code,
// a GA4 export and an Instagram post-insights export (the documented layouts in
// tests/golden/results/), fix the ambiguous match in the preview, apply, read the ranked
// results and totals, import the same files again without doubling anything, and undo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  openUi, desktop, waitForState, waitIdle, click, typeInto, showScreen,
  revealItem, saveScreenshot, startUiSuite
} from './lib/ui.mjs';
import { csvCells } from './lib/csv.mjs';

let site, browser;
startUiSuite((started) => ({ site, browser } = started));

const golden = (name) => readFile(resolve('tests/golden/results', name), 'utf8');

async function chooseResultsFile(page, name) {
  const chooser = page.waitForEvent('filechooser');
  await click(page, 'Choose a results file');
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(await golden(name), 'utf8') });
  return waitForState(page, (s) => s.resultsImport.active && s.resultsImport.rows !== undefined, 20000);
}

// Picks the influencer for a row of the preview with its combo box.
async function pick(page, line, label) {
  await click(page, `##pick_${line}`);
  await click(page, label);
}

// Applies the preview; resolves when the plan holds `total` tracked rows.
async function apply(page, adding, total) {
  await click(page, `Apply: import ${adding} rows`);
  return waitForState(page, (s) => !s.resultsImport.active && s.scenario.actuals.length === total &&
    !!s.tracking, 20000);
}

// Sales (1 unmatched code), analytics (2 ignored rows), insights (1 ambiguous handle, 1
// unmatched): the same three imports the first time and again.
async function importAll(page, { totals = [3, 6, 9], screenshots = false } = {}) {
  let state = await chooseResultsFile(page, 'shopify_sales_by_discount.csv');
  let preview = state.resultsImport;
  assert.equal(preview.source, 'shop sales by discount code');
  assert.deepEqual([preview.matched, preview.ambiguous, preview.unmatched, preview.ignored, preview.badRows], [3, 0, 1, 1, 0]);
  assert.equal(preview.rows.find((row) => row.key === 'WELCOME10').status, 'unmatched');
  assert.equal(preview.rows.find((row) => row.key === '').status, 'ignored', 'an automatic discount has no code');
  const withSales = await apply(page, 3, totals[0]);

  state = await chooseResultsFile(page, 'ga4_traffic_acquisition.csv');
  preview = state.resultsImport;
  assert.equal(preview.source, 'web analytics by campaign link');
  assert.equal(preview.matchOn, 'utm_content');
  assert.deepEqual([preview.matched, preview.ambiguous, preview.unmatched, preview.ignored], [3, 0, 0, 2]);
  await apply(page, 3, totals[1]);

  state = await chooseResultsFile(page, 'instagram_post_insights.csv');
  preview = state.resultsImport;
  assert.equal(preview.source, 'post insights');
  assert.deepEqual([preview.matched, preview.ambiguous, preview.unmatched], [2, 1, 1]);
  const ambiguous = preview.rows.find((row) => row.status === 'ambiguous');
  assert.equal(ambiguous.key, 'samreed');
  assert.equal(ambiguous.candidates.length, 2, 'Sam Reed is booked on Instagram and on TikTok');
  assert.equal(ambiguous.pick, 0, 'an ambiguous row is left out until the user picks');
  await pick(page, ambiguous.line, 'Sam Reed (Instagram)');
  state = await waitForState(page, (s) => s.resultsImport.rows?.find((row) => row.line === ambiguous.line)?.pick === ambiguous.candidates[0]);
  assert.equal(state.scenario.actuals.length, totals[1], 'nothing changes before Apply');
  if (screenshots) {
    await revealItem(page, `##pick_${ambiguous.line}`);
    await waitIdle(page);
    await saveScreenshot(page, 'results-import-preview-1280x800.png');
    await page.setViewportSize({ width: 360, height: 740 });
    await waitIdle(page);
    await revealItem(page, `##pick_${ambiguous.line}`);
    await waitIdle(page);
    await saveScreenshot(page, 'results-import-preview-360x740.png');
    await page.setViewportSize(desktop.viewport);
    await waitIdle(page);
  }
  return { withSales, done: await apply(page, 3, totals[2]) };
}

test('tracking links and codes out; sales, GA4 and insights in; ranked results; no doubling; undo', async () => {
  const context = await browser.newContext({ ...desktop, acceptDownloads: true });
  const { page, record } = await openUi(context, `${site.origin}/`);
  await waitIdle(page);

  // Book the plan: a new plan from the roster's spreadsheet, named after the file.
  const chooser = page.waitForEvent('filechooser');
  await click(page, 'New plan');
  await click(page, 'From a CSV file');
  await (await chooser).setFiles({ name: 'Spring launch.csv', mimeType: 'text/csv',
    buffer: Buffer.from(await golden('spring_launch_roster.csv'), 'utf8') });
  await waitForState(page, (s) => s.importActive && s.importRows === 10);
  await click(page, 'Start a new plan with 10 rows');
  let state = await waitForState(page, (s) => s.rosterSize === 10 && !s.importActive && s.totals?.booked === 10);
  assert.equal(state.scenario.title, 'Spring launch');

  // Links and codes out: the landing page, then the sheet for the creators.
  await showScreen(page, 'Results');
  await typeInto(page, '##Landing page', 'https://shop.example/spring');
  await waitForState(page, (s) => s.scenario.tracking.links?.landing_url === 'https://shop.example/spring');
  await typeInto(page, '##utm_medium', 'Creator Posts');
  state = await waitForState(page, (s) => s.scenario.tracking.links?.medium === 'Creator Posts');
  const download = page.waitForEvent('download');
  await click(page, 'Export links and codes (CSV)');
  const saved = await download;
  assert.equal(saved.suggestedFilename(), 'microreach-tracking-links.csv');
  const rows = csvCells((await readFile(await saved.path(), 'utf8')).replace(/^\uFEFF/, ''));
  assert.deepEqual(rows[0], ['Name', 'Platform', 'Tracking link', 'Discount code', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_content']);
  assert.equal(rows.length, 11, 'one row per booked influencer');
  assert.deepEqual(rows[1], ['Ann Lee', 'Instagram',
    'https://shop.example/spring?utm_source=instagram&utm_medium=creator_posts&utm_campaign=spring_launch&utm_content=ann_lee',
    'ANNLEE15', 'instagram', 'creator_posts', 'spring_launch', 'ann_lee']);
  const codes = rows.slice(1).map((row) => row[3]);
  assert.equal(new Set(codes).size, 10, `codes are unique: ${codes}`);
  assert.deepEqual(rows.slice(9).map((row) => [row[0], row[1], row[3]]), [['Sam Reed', 'Instagram', 'SAMREED15'], ['Sam Reed', 'TikTok', 'SAMREED152']]);
  state = await waitForState(page, (s) => s.scenario.roster.every((row) => !!row.discount_code));
  assert.equal(state.undoLabel, 'Assign discount codes');
  assert.deepEqual(state.scenario.roster.map((row) => row.discount_code), codes, 'the codes are stored with the roster');
  const before = state.scenario;
  const versionBefore = state.version;

  // A file chosen and cancelled changes nothing.
  await chooseResultsFile(page, 'shopify_sales_by_discount.csv');
  await click(page, 'Cancel import##results');
  state = await waitForState(page, (s) => !s.resultsImport.active);
  assert.equal(state.version, versionBefore);
  assert.deepEqual(state.scenario, before);

  // The three files in, the ambiguous handle fixed in the preview.
  const { withSales, done } = await importAll(page, { screenshots: true });
  state = done;
  assert.equal(withSales.undoLabel, 'Import results');
  const { ranked, totals } = state.tracking;
  const byName = Object.fromEntries(ranked.map((row) => [row.name, row]));
  assert.equal(byName['Ann Lee'].conversions, 12);
  assert.equal(byName['Ann Lee'].revenueCents, 131040);
  assert.equal(byName['Ann Lee'].clicks, 1234);
  assert.equal(byName['Dev Patel'].clicks, 88);
  assert.equal(ranked.filter((row) => row.name === 'Sam Reed').length, 1, 'the post went to one Sam Reed only');
  assert.equal(state.scenario.actuals.find((r) => r.source === 'insights' && r.likes === 400).influencer_id,
    state.scenario.roster.find((row) => row.name === 'Sam Reed' && row.platform === 'Instagram').id);
  // Ranked by actual against expected: Ann's 910 likes against 600 expected beat the plan.
  assert.equal(state.tracking.rankedBy, 'actual against expected');
  assert.equal(ranked[0].name, 'Ann Lee');
  assert.ok(ranked[0].actualVsExpected > 1 && ranked[0].beatPlan);
  for (let i = 1; i < ranked.length; i++) {
    const [a, b] = [ranked[i - 1].actualVsExpected, ranked[i].actualVsExpected];
    assert.ok(b === undefined || (a !== undefined && a >= b), `ranked best first: ${JSON.stringify(ranked)}`);
  }
  assert.equal(totals.beatPlan, 1);
  assert.equal(totals.revenueCents, 131040 + 27285);
  assert.equal(totals.conversions, 15);
  assert.equal(totals.clicks, 1234 + 310 + 88);
  assert.ok(Math.abs(totals.cpcCents - totals.costCents / totals.clicks) <= 1, 'cost per click = cost / clicks');
  assert.ok(totals.roi !== undefined && totals.cpeCents > 0 && totals.cpaCents > 0);
  // The screen's totals row and its text equivalent (the live region's report).
  await revealItem(page, 'Adopt actuals as expectations');
  await waitIdle(page);
  await saveScreenshot(page, 'results-ranked-1280x800.png');
  const report = await page.evaluate(() => Array.from(document.getElementById('microreach-live')?.children ?? [])
    .map((line) => line.textContent).join('\n'));
  const tracked = report.slice(report.indexOf('Tracked results'));
  assert.match(tracked, /All tracked: 5 influencers, 3 posts/, tracked);
  assert.equal(tracked.match(/Ann Lee.*cost per click (\$[\d.]+)/)?.[1], '$0.16', tracked);
  // The same exports again: each replaces its own rows, nothing doubles.
  const again = await importAll(page, { totals: [9, 9, 9] });
  assert.match(again.withSales.status, /in place of the 3 from before/);
  assert.deepEqual(again.done.tracking, state.tracking);
  assert.deepEqual(again.done.scenario.actuals, state.scenario.actuals);

  // Undo: each import is one step; three take the second round back, three more the first.
  const undo = async (steps) => {
    for (let step = 0; step < steps; step++) {
      const depth = (await waitForState(page, () => true)).undoDepth;
      await click(page, 'Undo');
      await waitForState(page, (s) => s.undoDepth === depth - 1);
    }
    return waitForState(page, () => true);
  };
  let undone = await undo(3);
  assert.deepEqual(undone.scenario.actuals, state.scenario.actuals);
  undone = await undo(3);
  assert.equal(undone.undoLabel, 'Assign discount codes');
  assert.deepEqual(undone.scenario, before);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});
