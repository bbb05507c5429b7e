// From the roster to something you can hand on (issue #18, items 3 to 6), with real
// input events: the optimizer's plan becomes the plan and survives a reload; the Plan
// column's four states; placeholder funnel figures never paint a loss red; a new plan
// starts blank, from the example or from a CSV, and its name titles the report; the CSV
// exports open in LibreOffice Calc with every number a number and no formula run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { colourCounts } from './lib/browser.mjs';
import { csvCells } from './lib/csv.mjs';
import {
  openUi, desktop, phone, waitForState, waitIdle, click, tap, typeInto, showScreen, findItems, revealItem,
  saveScreenshot, startUiSuite, frameSelector
} from './lib/ui.mjs';

let site, browser;
startUiSuite((started) => ({ site, browser } = started));

async function openDesktop(options = desktop) {
  const context = await browser.newContext({ ...options, acceptDownloads: true });
  const { page } = await openUi(context, `${site.origin}/`);
  await waitIdle(page);
  return { context, page };
}

// The report in the live region (one paragraph per line), once it matches `pattern`.
async function liveReport(page, pattern = /./, timeout = 15000) {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await page.evaluate(() => Array.from(document.getElementById('microreach-live')?.children ?? [])
      .map((line) => line.textContent).join('\n'));
    if (pattern.test(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`the report never matched ${pattern}: ${text.slice(0, 500)}`);
}

// Pixels of the calculator's frame in the light theme's "bad" red (#B42318), exact or
// nearly (the cores of red glyphs); the budget bar's region colours are far enough off.
async function redPixels(page, context) {
  await waitIdle(page);
  const box = await page.locator(frameSelector).boundingBox();
  const viewport = page.viewportSize();
  const rect = { x: 0, y: Math.max(0, box.y), width: viewport.width, height: viewport.height };
  const { png } = await saveScreenshot(page, 'flow-red-check.png');
  const colours = await colourCounts(context, png, rect, 100000);
  const bad = [180, 35, 24];
  return colours
    .filter(({ colour }) => colour.every((v, i) => Math.abs(v - bad[i]) <= 10))
    .reduce((sum, { count }) => sum + count, 0);
}

// Every screen, scrolled through, without red pixels.
async function expectNoRed(page, context, what) {
  const height = (await page.locator(frameSelector).boundingBox()).height;
  const viewport = page.viewportSize().height;
  for (let y = 0; y < height; y += viewport - 100) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    assert.equal(await redPixels(page, context), 0, `${what}: red pixels at scroll ${y}`);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

test('"Use this plan" books exactly the optimizer\'s choice, undoes in one step and survives a reload', async () => {
  const { context, page } = await openDesktop();
  await showScreen(page, 'Campaign planner');
  await click(page, 'Find the best plan');
  let state = await waitForState(page, (s) => s.optimizer.status === 'optimal' && !s.optimizer.running, 30000);
  assert.deepEqual(state.optimizer.chosenIds, [1]);
  assert.equal(state.totals.booked, 11, 'found, not booked yet');

  await click(page, 'Use this plan');
  state = await waitForState(page, (s) => s.totals?.booked === 1);
  assert.equal(state.totals.costCents, 500000, 'the totals follow the plan');
  assert.deepEqual(state.scenario.roster.map((r) => r.posts), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(state.undoLabel, 'Use this plan');
  assert.equal(state.optimizer.stale, false, 'the plan it found is still the plan');
  assert.equal((await findItems(page, 'Booked##plan_1')).length, 1);
  assert.equal((await findItems(page, 'Not booked##plan_2')).length, 1);
  await saveScreenshot(page, 'flow-plan-used-1280.png');

  // One undo step gives the roster back as it was; redo books the plan again.
  const depth = state.undoDepth;
  await click(page, 'Undo');
  state = await waitForState(page, (s) => s.totals?.booked === 11);
  assert.equal(state.undoDepth, depth - 1);
  await click(page, 'Redo');
  state = await waitForState(page, (s) => s.totals?.booked === 1);

  // The Plan column's rules: booked -> must be in -> never in -> the optimizer decides.
  await click(page, 'Not booked##plan_3');
  state = await waitForState(page, (s) => s.scenario.optimizer.must_include.includes(3));
  assert.equal((await findItems(page, 'Must##plan_3')).length, 1);
  await click(page, 'Must##plan_3');
  state = await waitForState(page, (s) => s.scenario.optimizer.must_exclude.includes(3));
  assert.equal((await findItems(page, 'Never##plan_3')).length, 1);
  await click(page, 'Never##plan_3');
  state = await waitForState(page, (s) => s.scenario.optimizer.must_exclude.length === 0 &&
    s.scenario.optimizer.must_include.length === 0);

  // Saved: a reload opens the same booked plan and totals.
  await waitIdle(page);
  await page.reload();
  await page.waitForFunction(() => !!window.__microreachTest?.state, null, { timeout: 30000 });
  await showScreen(page, 'Campaign planner');
  state = await waitForState(page, (s) => !!s.totals);
  assert.equal(state.totals.booked, 1);
  assert.equal(state.totals.costCents, 500000);
  assert.deepEqual(state.scenario.roster.map((r) => r.posts), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  await context.close();
});

test('the example funnel paints no figure red on any screen; the user\'s own funnel may', async () => {
  const { context, page } = await openDesktop();
  const screens = ['One big or many small', 'Engagement', 'Campaign planner', 'Results', 'Assumptions'];
  for (const screen of screens) {
    await showScreen(page, screen);
    const state = await waitForState(page, (s) => s.screenLabel === screen);
    assert.equal(state.example, true, `${screen}: the example is untouched`);
    assert.equal((await findItems(page, 'Example##tag')).length, 1, `${screen}: labelled as the example`);
    await expectNoRed(page, context, screen);
  }
  const report = await liveReport(page, /Revenue, ROI and ROAS: enter your funnel to see return/);
  assert.match(report, /Example: the article's story/);
  assert.doesNotMatch(report, /-\d+(\.\d+)?%/, 'no negative percentage in the report');

  // A tracked post with nothing typed yet says nothing (it used to say ROI -100%).
  await showScreen(page, 'Results');
  await click(page, 'Add a tracked post');
  let state = await waitForState(page, (s) => s.scenario.actuals.length === 1);
  assert.equal(state.example, false, 'an edit ends the example label');
  await expectNoRed(page, context, 'Results with an empty tracked post');
  assert.doesNotMatch(await liveReport(page, /1 post tracked, no numbers entered yet/), /-100/);

  // The user's own funnel: the return is shown, and a loss is red (the check above can see red).
  await showScreen(page, 'Assumptions');
  await typeInto(page, '##Click-through rate', '1%');
  state = await waitForState(page, (s) => s.scenario.assumptions.funnel.click_through_rate === 0.01);
  await showScreen(page, 'Campaign planner');
  await waitForState(page, (s) => !!s.totals);
  await page.evaluate(() => window.scrollTo(0, 0));
  assert.ok(await redPixels(page, context) > 0, 'a real loss is shown in red');
  await liveReport(page, /Return on investment \(ROI\): -/);
  await context.close();
});

test('new plans: blank, from the example, from a CSV; clear roster; the name titles the report', async () => {
  const { context, page } = await openDesktop();
  await click(page, 'New plan');
  await click(page, 'Blank plan');
  let state = await waitForState(page, (s) => s.rosterSize === 0);
  assert.equal(state.scenario.title, 'Untitled plan');
  assert.equal(state.screenLabel, 'Campaign planner');
  assert.equal(state.example, false);
  assert.equal(state.undoLabel, 'New plan');

  // A new row inherits no niche from the example.
  await click(page, 'Add influencer');
  state = await waitForState(page, (s) => s.rosterSize === 1);
  assert.equal(state.scenario.roster[0].niche, '');

  await typeInto(page, '##Plan name', 'Spring launch');
  state = await waitForState(page, (s) => s.scenario.title === 'Spring launch');
  await liveReport(page, /^Microreach plan report: Spring launch\n/);

  await click(page, 'New plan');
  await click(page, 'From the example');
  state = await waitForState(page, (s) => s.rosterSize === 11 && s.example === true);
  await click(page, 'Clear roster');
  state = await waitForState(page, (s) => s.rosterSize === 0);
  assert.equal(state.undoLabel, 'Clear roster');
  await click(page, 'Undo');
  await waitForState(page, (s) => s.rosterSize === 11);

  // From a CSV: the preview first, then a new plan named after the file.
  const lines = ['Handle,Followers,Engagement,Fee,Region'];
  for (let i = 1; i <= 30; i++) lines.push(`creator${i},${1000 * i},${(2 + (i % 5)).toFixed(1)}%,$${100 + i},Region ${i % 3}`);
  const chooser = page.waitForEvent('filechooser');
  await click(page, 'New plan');
  await click(page, 'From a CSV file');
  await (await chooser).setFiles({ name: 'creators.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) });
  await waitForState(page, (s) => s.importActive && s.importRows === 30);
  await click(page, 'Start a new plan with 30 rows');
  state = await waitForState(page, (s) => s.rosterSize === 30 && !s.importActive);
  assert.equal(state.scenario.title, 'creators');
  assert.equal(state.scenario.actuals.length, 0);
  await context.close();

  // The bar, the legend and the plan column on a phone.
  const small = await openDesktop(phone);
  await tap(small.page, 'Planner');
  await waitForState(small.page, (s) => s.screenLabel === 'Campaign planner');
  assert.equal((await findItems(small.page, 'New plan')).length, 1);
  const { item: tag } = await revealItem(small.page, 'Example##tag');
  await waitIdle(small.page);
  const box = await small.page.locator(frameSelector).boundingBox();
  const { png } = await saveScreenshot(small.page, 'flow-planner-360.png');
  // The label is drawn, in its amber (#8F5300), on a 360 px screen (3x pixels).
  const colours = await colourCounts(small.context, png,
    { x: (box.x + tag.x) * 3, y: (box.y + tag.y) * 3, width: tag.w * 3, height: tag.h * 3 }, 5000);
  const amber = colours.filter(({ colour }) => Math.abs(colour[0] - 143) + Math.abs(colour[1] - 83) + colour[2] <= 30);
  assert.ok(amber.reduce((sum, { count }) => sum + count, 0) > 20, 'the Example label is visible');
  await small.context.close();
});

// LibreOffice Calc's cells as the flat ODF file it writes: value type, value, formula, text.
function calcCells(fods) {
  const rows = [];
  for (const [, row] of fods.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)) {
    const cells = [];
    for (const match of row.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
      const attributes = match[1];
      const attribute = (name) => attributes.match(new RegExp(`${name}="([^"]*)"`))?.[1];
      const repeat = Number(attribute('table:number-columns-repeated') ?? 1);
      const text = (match[2] ?? '').replace(/<text:s\/>/g, ' ').replace(/<text:line-break\/>/g, '\n')
        .replace(/<\/text:p>\s*<text:p>/g, '\n').replace(/<[^>]+>/g, '').trim()
        .replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      const cell = { type: attribute('office:value-type'), value: attribute('office:value'), formula: attribute('table:formula'), text };
      for (let k = 0; k < Math.min(repeat, 64); k++) cells.push(cell);
    }
    rows.push(cells);
  }
  return rows;
}

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));

test('both CSV exports open in LibreOffice Calc: every number a number, no formula run', { skip: soffice ? false : 'LibreOffice Calc is not installed (scripts/setup.sh installs libreoffice-calc-nogui)' }, async () => {
  const { context, page } = await openDesktop();
  // A roster with a handle, a formula and measured rates, from a spreadsheet's CSV.
  await click(page, 'Files');
  const chooser = page.waitForEvent('filechooser');
  await click(page, 'Open a file');
  await (await chooser).setFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(
    'Name,Followers,Engagement rate,Price,Region\r\n' +
    '@maya.reads,1200,0.4%,$150,Florida\r\n' +
    '"=HYPERLINK(""http://x"")",2500,3.1%,$90,Texas\r\n' +
    'Plain Pam,45000,2.2%,"$1,200",Texas\r\n') });
  await waitForState(page, (s) => s.importActive && s.importRows === 3);
  await click(page, 'Replace the roster');
  let state = await waitForState(page, (s) => s.rosterSize === 3 && !s.importActive);
  // The first row is tracked with numbers.
  await showScreen(page, 'Results');
  await click(page, 'Add a tracked post');
  await waitForState(page, (s) => s.scenario.actuals.length === 1);
  await typeInto(page, '##actual_Likes_1', '96');
  await typeInto(page, '##actual_revenue_1', '75');
  state = await waitForState(page, (s) => s.scenario.actuals[0]?.likes === 96 && s.scenario.actuals[0]?.revenue === 7500);

  if ((await findItems(page, 'Roster (CSV)')).length === 0) await click(page, 'Files');
  const folder = await mkdtemp(join(tmpdir(), 'microreach-calc-'));
  const files = {};
  for (const [label, name] of [['Roster (CSV)', 'roster.csv'], ['Roster with results (CSV)', 'results.csv']]) {
    const download = page.waitForEvent('download');
    await click(page, label);
    files[name] = await readFile(await (await download).path(), 'utf8');
    await writeFile(join(folder, name), files[name]);
    state = await waitForState(page, (s) => s.status.startsWith('Exported microreach-'));
  }
  assert.match(state.status, /microreach-results\.csv: 3 influencers, planned and tracked figures/);
  await context.close();

  const results = csvCells(files['results.csv'].replace(/^\uFEFF/, ''));
  const header = results[0];
  for (const name of ['Tracked posts', 'Actual interactions', 'Actual revenue', 'Actual ROI (%)']) {
    assert.ok(header.includes(name), `the results export has ${name}`);
  }
  assert.equal(results[1][header.indexOf('Actual interactions')], '96');
  assert.equal(results[1][header.indexOf('Actual revenue')], '75.00');
  assert.equal(results[1][0], '@maya.reads', 'a handle goes out without an apostrophe');
  assert.equal(results[2][0], '\'=HYPERLINK("http://x")', 'a formula is guarded');

  // One soffice run converts both files, read as a user opens them: comma-separated,
  // quoted with ", UTF-8 (76), from the first line; everything else as Calc's defaults.
  execFileSync(soffice, ['--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'fods', '--outdir', folder,
    join(folder, 'roster.csv'), join(folder, 'results.csv')], { stdio: 'pipe', timeout: 180000 });
  const number = /^-?\d+(\.\d+)?$/;
  for (const name of ['roster', 'results']) {
    const written = csvCells(files[`${name}.csv`].replace(/^\uFEFF/, ''));
    const read = calcCells(await readFile(join(folder, `${name}.fods`), 'utf8'));
    let numbers = 0;
    written.forEach((row, r) => row.forEach((text, c) => {
      const cell = read[r]?.[c] ?? { type: undefined, text: '' };
      const where = `${name}.csv row ${r + 1} column ${c + 1} (${JSON.stringify(text)})`;
      assert.equal(cell.formula, undefined, `${where}: evaluated as a formula`);
      if (text === '') return;
      if (number.test(text)) {
        numbers++;
        assert.equal(cell.type, 'float', `${where}: not a number in Calc`);
        assert.equal(Number(cell.value), Number(text), `${where}: another value in Calc`);
      } else {
        assert.equal(cell.type, 'string', `${where}: not text in Calc`);
        assert.equal(cell.text, text, `${where}: Calc shows something else`);
      }
    }));
    assert.ok(numbers >= 3 * 5, `${name}: the numeric cells were checked (${numbers})`);
  }
  await rm(folder, { recursive: true, force: true });
});
