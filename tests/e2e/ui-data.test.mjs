// Data in and out through the UI: CSV import with a preview (file picker, drop,
// paste), JSON export and import, autosave and reload, damaged saved data kept as a
// backup, named scenarios, and a 1,000-row roster that stays smooth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { countForegroundPixels, dominantColor } from './lib/browser.mjs';
import {
  openUi, desktop, appState, waitForState, waitIdle, click, typeInto,
  showScreen, saveScreenshot, revealItem, waitForItem, startUiSuite
} from './lib/ui.mjs';

let site, browser;
startUiSuite((started) => ({ site, browser } = started));

async function openDesktop(context, path = '/') {
  const ctx = context ?? await browser.newContext({ ...desktop, acceptDownloads: true });
  const { page, record } = await openUi(ctx, `${site.origin}${path}`);
  await waitIdle(page);
  return { context: ctx, page, record };
}

// A roster CSV of `rows` influencers, as a spreadsheet would export it.
function rosterCsv(rows) {
  const regions = ['New England', 'Florida', 'Midwest', 'Texas'];
  const lines = ['Handle,Audience,Engagement,Fee,Region,Niche'];
  for (let i = 1; i <= rows; i++) {
    lines.push(`creator${i},"${(500 + (i * 137) % 90000).toLocaleString('en-US')}",${(2 + (i % 9)).toFixed(1)}%,$${50 + (i % 20) * 10},${regions[i % 4]},Parenting`);
  }
  return lines.join('\r\n') + '\r\n';
}

async function chooseFile(page, name, text, mimeType = 'text/csv') {
  const chooser = page.waitForEvent('filechooser');
  await click(page, 'Open a file');
  await (await chooser).setFiles({ name, mimeType, buffer: Buffer.from(text, 'utf8') });
}

test('CSV import: a preview first, then the rows; undo takes them out; 1,000 rows stay smooth', async () => {
  const { context, page } = await openDesktop();
  await click(page, 'Files');
  await chooseFile(page, 'roster.csv', rosterCsv(1000));
  let state = await waitForState(page, (s) => s.importActive && s.importRows === 1000);
  assert.equal(state.importBadRows, 0);
  assert.equal(state.rosterSize, 11, 'nothing changes before the user chooses');
  await click(page, 'Replace the roster');
  state = await waitForState(page, (s) => s.rosterSize === 1000 && !!s.totals && s.roster.viewCurrent);
  assert.equal(state.screenLabel, 'Campaign planner');
  assert.equal(state.totals.influencers, 1000);
  assert.equal(state.undoLabel, 'Import rows');

  // Scroll the roster table with the wheel and sweep the mouse: frames are drawn and
  // nothing is recomputed (the inputs' version does not move).
  await click(page, 'Files');  // close the panel
  await waitIdle(page);
  const { x, y } = await revealItem(page, 'Influencer');
  const framesBefore = (await page.evaluate(() => window.__microreachTest.frames));
  for (let i = 0; i < 30; i++) {
    await page.mouse.move(x + (i % 10) * 20, y + 60 + (i % 5) * 30);
    await page.mouse.wheel(0, 240);
  }
  await waitIdle(page);
  const hook = await page.evaluate(() => window.__microreachTest);
  const drawn = hook.frames - framesBefore;
  assert.ok(drawn >= 20, `${drawn} frames while scrolling`);
  assert.equal(hook.state.version, state.version, 'scrolling edits nothing');
  const rowLabels = hook.items.filter((item) => /^##followers_\d+$/.test(item.label)).map((item) => Number(item.label.split('_')[1]));
  assert.ok(Math.max(...rowLabels) > 20, 'the table scrolled to later rows');
  assert.ok(rowLabels.length < 40, `only visible rows are drawn (${rowLabels.length})`);
  const frameMs = hook.recentFrameMs.slice(-drawn).sort((a, b) => a - b);
  const uiMs = hook.state.uiDrawMs.slice(0, drawn).sort((a, b) => a - b);
  const at = (list, p) => list[Math.min(list.length - 1, Math.floor(p * list.length))];
  console.log(`# 1,000 rows, ${drawn} frames: frame median ${at(frameMs, 0.5)} ms, p95 ${at(frameMs, 0.95)} ms; ` +
    `UI median ${at(uiMs, 0.5).toFixed(2)} ms, p95 ${at(uiMs, 0.95).toFixed(2)} ms`);
  await saveScreenshot(page, 'desktop-planner-1000-rows-1280x800.png');

  await page.keyboard.press('Control+z');
  await waitForState(page, (s) => s.rosterSize === 11);
  await context.close();
});

test('CSV with bad cells and an unknown column: errors named by line, a mapping step, cancel changes nothing', async () => {
  const { context, page } = await openDesktop();
  await click(page, 'Files');
  const csv = 'Name,Followers,ER,Price,Favourite colour\r\nAnn,1.2k,5%,$100,blue\r\nBob,lots,4%,$80,red\r\nCy,2500,3%,12abc,green\r\n';
  await chooseFile(page, 'mixed.csv', csv);
  const state = await waitForState(page, (s) => s.importActive && s.importRows !== undefined);
  assert.equal(state.importRows, 1);
  assert.equal(state.importBadRows, 2);
  const items = await page.evaluate(() => window.__microreachTest.items.map((i) => i.label));
  assert.ok(items.includes('##mapping'), 'the unknown column gets a mapping choice');
  await click(page, 'Cancel import');
  const after = await waitForState(page, (s) => !s.importActive);
  assert.equal(after.rosterSize, 11);
  assert.equal(after.undoDepth, 0);
  await context.close();
});

test('CSV dropped on the calculator or pasted as text opens the same preview', async () => {
  const { context, page } = await openDesktop();
  await page.evaluate(() => {
    const target = document.getElementById('microreach-canvas').parentElement;
    const data = new DataTransfer();
    data.items.add(new File(['Name,Followers\nDropped creator,3.5k\n'], 'dropped.csv', { type: 'text/csv' }));
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  let state = await waitForState(page, (s) => s.importActive && s.importBadRows === 1);
  assert.equal(state.importRows, 0, 'no engagement rate: an error until the user gives one');
  await click(page, 'Rows without an engagement rate get');
  await typeInto(page, '##Default engagement rate', '5%');
  state = await waitForState(page, (s) => s.importActive && s.importRows === 1);
  await click(page, 'Cancel import');
  await waitForState(page, (s) => !s.importActive);

  await click(page, '##Paste CSV');
  await page.waitForFunction(() => window.__microreachTest?.wantTextInput === true);
  await page.keyboard.type('Name,Followers,ER');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Pasted creator,1.2k,6%');
  await click(page, 'Preview the pasted rows');
  state = await waitForState(page, (s) => s.importActive && s.importRows === 1);
  await click(page, 'Add 1 rows to the roster');
  state = await waitForState(page, (s) => s.rosterSize === 12);
  assert.equal(state.scenario.roster[11].name, 'Pasted creator');
  assert.equal(state.scenario.roster[11].followers, 1200);
  await context.close();
});

test('JSON export then import gives the identical scenario', async () => {
  const { context, page } = await openDesktop();
  await showScreen(page, 'Campaign planner');
  await typeInto(page, '##followers_3', '4.2k');
  const edited = await waitForState(page, (s) => s.scenario.roster[2].followers === 4200);
  await click(page, 'Files');
  const download = page.waitForEvent('download');
  await click(page, 'Whole scenario (JSON)');
  const file = await (await download).path();
  const text = await readFile(file, 'utf8');
  assert.deepEqual(JSON.parse(text), edited.scenario);

  // A fresh page (its own storage) opens the file and has the same state.
  const { context: other, page: fresh } = await openDesktop();
  await click(fresh, 'Files');
  await chooseFile(fresh, 'microreach-scenario.json', text, 'application/json');
  const opened = await waitForState(fresh, (s) => s.scenario.roster[2].followers === 4200);
  assert.deepEqual(opened.scenario, edited.scenario);
  assert.equal(opened.undoDepth, 1, 'opening a file can be undone');
  await other.close();
  await context.close();
});

test('autosave: a reload restores the work; the indicator says it is saved', async () => {
  const { context, page } = await openDesktop();
  await showScreen(page, 'Campaign planner');
  await typeInto(page, '##Planner budget', '7,500');
  let state = await waitForState(page, (s) => s.scenario.budget === 750000);
  assert.equal(state.saveState, 'Saved in this browser');
  await page.reload();
  await page.waitForFunction(() => window.__microreachTest?.state, null, { timeout: 15000 });
  state = await appState(page);
  assert.equal(state.scenario.budget, 750000);
  assert.equal(state.screenLabel, 'Campaign planner', 'the screen is restored too');
  await context.close();
});

test('damaged saved data is kept under a backup key and reported; the app opens the example', async () => {
  const context = await browser.newContext(desktop);
  const warmup = await context.newPage();
  await warmup.goto(`${site.origin}/favicon.svg`);
  await warmup.evaluate(() => localStorage.setItem('microreach:autosave', '{"format":"microreach","version":1,"budget":'));
  await warmup.close();
  const { page } = await openDesktop(context);
  const state = await appState(page);
  assert.equal(state.scenario.budget, 500000, 'the article example opens');
  assert.ok(state.notices.some((n) => /could not be read/.test(n) && /backup/.test(n)), JSON.stringify(state.notices));
  const backup = await page.evaluate(() => localStorage.getItem('microreach:autosave:backup'));
  assert.equal(backup, '{"format":"microreach","version":1,"budget":');
  await context.close();
});

test('named scenarios: save, change, open, delete and undo the delete', async () => {
  const { context, page } = await openDesktop();
  await click(page, 'Files');
  await click(page, '##Scenario name');
  await page.waitForFunction(() => window.__microreachTest?.wantTextInput === true);
  await page.keyboard.type('Article plan');
  await click(page, 'Save as');
  let state = await waitForState(page, (s) => s.savedScenarios === 1);
  await typeInto(page, '##Budget', '9k');
  state = await waitForState(page, (s) => s.scenario.budget === 900000);
  await click(page, 'Open##open_1');
  state = await waitForState(page, (s) => s.scenario.budget === 500000);
  await click(page, 'Delete##delete_1');
  await waitForState(page, (s) => s.savedScenarios === 0);
  await click(page, 'Undo delete');
  await waitForState(page, (s) => s.savedScenarios === 1);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('microreach:scenarios')));
  assert.equal(stored.items[0].name, 'Article plan');
  await saveScreenshot(page, 'desktop-files-panel-1280x800.png');
  await context.close();
});

test('a chart downloads as a PNG of exactly what it shows', async () => {
  const { context, page } = await openDesktop();
  const chart = await waitForItem(page, 'Expected results chart');
  const download = page.waitForEvent('download');
  await click(page, 'Save chart as PNG');
  const saved = await download;
  assert.equal(saved.suggestedFilename(), 'microreach-expected-results.png');
  const png = await readFile(await saved.path());
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'not a PNG');
  // The chart's rectangle, in device pixels (DPR 1 here).
  const width = png.readUInt32BE(16), height = png.readUInt32BE(20);
  assert.ok(Math.abs(width - chart.w) <= 2 && Math.abs(height - chart.h) <= 2,
    `${width}x${height} for a ${chart.w}x${chart.h} chart`);
  // Bars and labels, not an empty or black rectangle.
  const whole = { x: 0, y: 0, width, height };
  const background = await dominantColor(context, png, whole);
  assert.ok(background[0] + background[1] + background[2] > 600, `background ${background}`);
  const { count, total } = await countForegroundPixels(context, png, whole, background);
  assert.ok(count > total * 0.03, `only ${count} of ${total} pixels differ from the background`);
  await context.close();
});
