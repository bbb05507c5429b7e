// The calculator with the keyboard only, as a web form: Tab and Shift+Tab walk the
// accessible mirror's controls in drawing order and leave past the ends; Enter and
// Space activate; typing edits the focused field; arrows move between table cells;
// Escape leaves a field. Real key events in headless Chromium, nothing clicked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appState, desktop, openUi, startUiSuite, waitForState, waitIdle } from './lib/ui.mjs';
import { colourCounts } from './lib/browser.mjs';

let site, browser;
startUiSuite((started) => ({ site, browser } = started));

// What has the keyboard focus: a mirror control (its name, role, table and cell) or
// something outside the calculator.
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  const frame = document.getElementById('microreach-frame');
  return {
    inside: frame.contains(el),
    control: !!el?.dataset?.id,
    id: el?.dataset?.id ?? null,
    name: el?.getAttribute('aria-label') ?? el?.tagName,
    role: el?.dataset?.role ?? null,
    table: el?.closest('table')?.getAttribute('aria-label') ?? null,
    row: el?.closest('tr')?.rowIndex ?? null,
    outline: el ? getComputedStyle(el).outlineWidth : null,
    rect: el?.getBoundingClientRect().toJSON(),
  };
});

// Presses Tab (or Shift+Tab) until `wanted(focus)` holds; fails after `limit` presses.
async function tabTo(page, wanted, { back = false, limit = 60 } = {}) {
  const visited = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focus = await focused(page);
    if (wanted(focus)) return focus;
    visited.push(focus.name);
  }
  throw new Error(`Tab never reached the control: ${visited.join(' > ')}`);
}

// Waits until a text field is (or is no longer) being edited.
const editing = (page, yes) => page.waitForFunction((wanted) => window.__microreachTest?.wantTextInput === wanted, yes, { timeout: 10000 });

async function openDesktop() {
  const context = await browser.newContext(desktop);
  const { page, record } = await openUi(context, `${site.origin}/`);
  await waitIdle(page);
  await page.evaluate(() => document.activeElement?.blur());
  return { context, page, record };
}

test('keyboard only: set the budget, change plan B\'s price, read the verdict', async () => {
  const { context, page, record } = await openDesktop();
  const before = await waitForState(page, (s) => !!s.comparison);

  // From the page, Tab enters the calculator at its first control, marked by a ring.
  await page.keyboard.press('Tab');
  let focus = await focused(page);
  assert.equal(focus.control, true, 'Tab reached a control of the calculator');
  assert.equal(focus.role, 'tab');
  assert.equal(focus.outline, '2px', 'the focused control is marked');
  await waitIdle(page);
  const png = await page.screenshot();
  const ring = { x: focus.rect.x - 4, y: focus.rect.y - 4, width: focus.rect.width + 8, height: 3 };
  const accent = before.accent.match(/\w\w/g).map((hex) => parseInt(hex, 16));
  const near = (a, b) => a.every((v, i) => Math.abs(v - b[i]) < 40);
  const colours = await colourCounts(context, png, ring);
  assert.ok(colours.some(({ colour, count }) => near(colour, accent) && count > 10), `no focus ring drawn: ${JSON.stringify(colours.slice(0, 4))}`);

  // The budget: Tab to it, type, Tab on (the field commits, as in a web form).
  focus = await tabTo(page, (f) => f.name === 'Budget');
  assert.equal(focus.role, 'textbox');
  // Typed at a person's pace: a loaded machine may drop keys sent in one burst.
  await waitIdle(page);
  await page.keyboard.type('2500', { delay: 60 });
  await page.keyboard.press('Tab');
  await editing(page, false);
  const budget = await waitForState(page, (s) => s.undoDepth === 1);
  assert.equal(budget.roster.budgetCents, 250000, 'the budget typed');

  // Plan B's first price: Tab into plan B's table, then ArrowDown moves down its column.
  focus = await tabTo(page, (f) => f.table === 'Plan B influencers' && f.name === 'Price per post');
  const firstRow = focus.row;
  await page.keyboard.press('ArrowDown');
  await waitIdle(page);
  focus = await focused(page);
  assert.equal(focus.name, 'Price per post', 'ArrowDown stays in the column');
  assert.equal(focus.row, firstRow + 1, 'ArrowDown moves to the next row');
  await page.keyboard.press('ArrowUp');
  await waitIdle(page);
  focus = await focused(page);
  assert.equal(focus.row, firstRow);
  // Plan B's rows are roster rows ("your 10 other creators"): the field's label names the
  // row's roster id (##b_price_<id>), and its edits go to that roster row.
  const label = await page.evaluate((id) => window.__microreachTest.items.find((item) => String(item.id) === id)?.label, focus.id);
  const rowId = Number(/^##b_price_(\d+)$/.exec(label ?? '')?.[1]);
  assert.ok(rowId > 0, `plan B's price field: ${label}`);
  const priceOf = (s) => s.scenario.roster.find((row) => row.id === rowId)?.price;

  // Enter opens the field; Escape leaves it unchanged.
  await page.keyboard.press('Enter');
  await editing(page, true);
  await page.keyboard.type('999');
  await page.keyboard.press('Escape');
  await editing(page, false);
  let state = await appState(page);
  assert.equal(priceOf(state), 10000, 'Escape kept the price');
  assert.equal((await focused(page)).name, 'Price per post', 'the focus stays on the field');

  // Typing replaces the price; Enter commits it. (Settled first: on a loaded machine a
  // key that arrives while the Escape frame is still drawing can be lost.)
  await waitIdle(page);
  await page.keyboard.type('250', { delay: 30 });
  await page.keyboard.press('Enter');
  state = await waitForState(page, (s) => priceOf(s) === 25000 && !!s.comparison);
  await editing(page, false);
  assert.equal(state.undoDepth, 2, 'two edits, two undo steps');

  // The verdict: recomputed, and read out in the live region.
  assert.notEqual(state.comparison.bCostCents, before.comparison.bCostCents);
  await page.waitForFunction((verdict) => document.getElementById('microreach-live').textContent.length > 0, state.comparison.verdict);
  const live = await page.evaluate(() => document.getElementById('microreach-live').textContent);
  assert.match(live, /\$2,500/, 'the live region reads the new budget');
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test('keyboard only: every screen by Enter and Space, and out past both ends', async () => {
  const { context, page } = await openDesktop();
  const screens = ['Engagement', 'One big or many small', 'Campaign planner', 'Results', 'Assumptions'];
  await page.keyboard.press('Tab');
  for (let i = 0; i < screens.length; i++) {
    const focus = await focused(page);
    assert.equal(focus.name, screens[i], `tab ${i} is ${screens[i]}`);
    await page.keyboard.press(i % 2 === 0 ? 'Enter' : 'Space');
    await waitForState(page, (s) => s.screenLabel === screens[i]);
    if (i + 1 < screens.length) await page.keyboard.press('Tab');
  }
  // Shift+Tab from the first control leaves the calculator for the page.
  await tabTo(page, (f) => f.name === 'Engagement', { back: true });
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focused(page)).inside, false, 'Shift+Tab past the first control leaves');
  // Tab past the last control leaves it too, for the page's next control (the
  // Assumptions screen is open).
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('button'), { textContent: 'After' })));
  const last = await page.evaluate(() => document.querySelectorAll('.microreach-mirror [data-id]').length);
  await tabTo(page, (f) => !f.inside, { limit: last + 5 });
  await context.close();
});

test('a click gives the keyboard to the calculator without outlining it whole', async () => {
  const { context, page } = await openDesktop();
  const box = await page.locator('#microreach-frame').boundingBox();
  await page.mouse.click(box.x + box.width - 10, box.y + 200);
  const outlines = await page.evaluate(() => {
    const frame = document.getElementById('microreach-frame');
    const canvas = document.getElementById('microreach-canvas');
    return {
      inside: frame.contains(document.activeElement),
      frame: getComputedStyle(frame).outlineStyle,
      canvasFocused: document.activeElement === canvas,
      canvasHidden: canvas.getAttribute('aria-hidden'),
    };
  });
  assert.deepEqual(outlines, { inside: true, frame: 'none', canvasFocused: false, canvasHidden: 'true' });
  await context.close();
});
