// No clipped text at 320, 360 and 1280 CSS px on any screen, in two checks:
// - every line of text drawn (`clipcheck=1`: web/platform/clip_check.hpp) ends inside
//   the clip rectangle it is drawn in, so no letter is cut by a cell's or card's edge;
// - every widget's label fits inside its own rectangle and inside the part of its window
//   that shows it (the test hook reports each widget's text width, rectangle and visible
//   rectangle).
// Text the app cuts on purpose, with "..." (tiles, list rows, table cells), gives its
// full text on hover and tap (web/app/list_detail.hpp, ui::metric_tile).
// Widgets in a table that scrolls sideways are out of view by scrolling, not cut, and
// table headers carry ImGui's own "..." and tooltip. Screenshots of each screen at each
// width go to build/test-results/ui/clipping-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  desktop, phone, openUi, showScreen, startUiSuite, waitForState, waitIdle, tap, saveScreenshot
} from './lib/ui.mjs';

let site, browser;
startUiSuite((started) => ({ site, browser } = started));

const screens = ['Engagement', 'One big or many small', 'Campaign planner', 'Results', 'Assumptions'];

// What is cut on the screen on show, as readable lines.
async function clippedTexts(page) {
  return page.evaluate(() => {
    const { items, cutText } = window.__microreachTest;
    const cut = [];
    for (const line of cutText) {
      cut.push(`"${line.text}" (${line.window}) is cut at x = ${line.clipR}`);
    }
    for (const item of items) {
      if (item.textW <= 0 || item.header || item.scrollsX || item.w <= 0) continue;
      if (item.x >= item.clipR || item.clipR <= item.clipX) continue; // wholly out of view
      // A label wider than its own widget (a fixed-width button) is cut inside it.
      if (item.textW > item.w + 1) {
        cut.push(`"${item.label.split('##')[0]}" (${item.window}) needs ${Math.round(item.textW)} px in a ${Math.round(item.w)} px widget`);
      }
      if (item.x + item.w > item.clipR + 1) {
        cut.push(`"${item.label.split('##')[0] || item.label}" (${item.window}, ${Math.round(item.textW)} px of text) runs ${Math.round(item.x + item.w - item.clipR)} px past its edge`);
      }
    }
    return cut;
  });
}

// Every screen at one width; on phones also a plan's row detail and a tracked post's.
// The viewport is as tall as the longest screen, so one screenshot shows a whole
// screen (at DPR 1: the canvas stays within the GPU's size limit). Returns the
// problems found, screen by screen.
async function checkWidth(options, width, height, touch) {
  const context = await browser.newContext({ ...options, viewport: { width, height }, deviceScaleFactor: 1 });
  const { page, record } = await openUi(context, `${site.origin}/?clipcheck=1`);
  await waitForState(page, (s) => !!s.comparison);
  const problems = [];
  for (const screen of screens) {
    await showScreen(page, screen, { touch }).catch((error) => {
      throw new Error(`${width} px: could not switch to ${screen}: ${error.message}`);
    });
    await page.evaluate(() => window.scrollTo(0, 0));
    await waitIdle(page);
    if (touch && screen === 'One big or many small') {
      await tap(page, '##open_1'); // plan A's first influencer
      await waitIdle(page);
    }
    if (touch && screen === 'Results') {
      await tap(page, 'Add a tracked post');
      await tap(page, '##open_1'); // the post
      await waitIdle(page);
    }
    for (const line of await clippedTexts(page)) problems.push(`${width} px, ${screen}: ${line}`);
    await saveScreenshot(page, `clipping-${width}-${screen.replaceAll(' ', '-').toLowerCase()}.png`);
  }
  assert.deepEqual(record.pageErrors, []);
  await context.close();
  return problems;
}

test('no clipped text at 320, 360 and 1280 px on any screen', async () => {
  const problems = [
    ...(await checkWidth(phone, 320, 5000, true)),
    ...(await checkWidth(phone, 360, 5000, true)),
    ...(await checkWidth(desktop, 1280, 2600, false)),
  ];
  assert.deepEqual(problems, []);
});
