// Helpers for the UI end-to-end tests: read the app state the test hook publishes,
// find widgets by label, bring them into view (the page scrolls, not the canvas),
// and click, tap or type into them with real input events.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { openApp, chromiumArgs, chromiumPath, serveSite } from './browser.mjs';

// The built site and a UI browser for one test file: started before its tests, closed
// after them; `receive` gets { site, browser } once both run.
export function startUiSuite(receive) {
  let site, browser;
  before(async () => {
    site = await serveSite();
    browser = await launchUiBrowser();
    receive({ site, browser });
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
}

// Where the UI tests leave their screenshots (git-ignored build folder).
export const screenshotDir = resolve(process.env.MICROREACH_SCREENSHOTS || 'build/test-results/ui');

export async function saveScreenshot(page, name, options = {}) {
  await mkdir(screenshotDir, { recursive: true });
  const path = resolve(screenshotDir, name);
  const png = await page.screenshot({ path, ...options });
  return { png, path };
}

// One browser for a test file; every test gets its own context (own storage, own
// viewport, touch or not), so tests never see each other's autosave.
export async function launchUiBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

export const desktop = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
export const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };


// The app state (App::state_json) published on window.__microreachTest.
export async function appState(page) {
  return page.evaluate(() => window.__microreachTest?.state ?? null);
}

export async function frameCount(page) {
  return page.evaluate(() => window.__microreachTest?.frames ?? 0);
}

// Waits until `predicate(state)` holds. The predicate runs here in node on the state
// read from the page (the page's Content-Security-Policy forbids evaluating code
// sent as text, which is how a predicate would have to travel).
export async function waitForState(page, predicate, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let state = null;
  while (Date.now() < deadline) {
    state = await appState(page);
    if (state && predicate(state)) return state;
    await page.waitForTimeout(50);
  }
  throw new Error(`state never matched ${predicate}: ${JSON.stringify(state)?.slice(0, 2000)}`);
}

// Waits until no frame has been drawn for `quietMs` (the app went idle).
export async function waitIdle(page, quietMs = 400, timeout = 10000) {
  const start = Date.now();
  let last = await frameCount(page);
  let lastChange = Date.now();
  while (Date.now() - start < timeout) {
    await page.waitForTimeout(50);
    const now = await frameCount(page);
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    } else if (Date.now() - lastChange >= quietMs) {
      return now;
    }
  }
  throw new Error('the app never went idle');
}

// All published widgets whose label (or visible part before "##") matches.
export async function findItems(page, label) {
  return page.evaluate((wanted) => {
    const state = window.__microreachTest;
    if (!state) return [];
    // "Planner##Campaign planner" is found as "Planner" and as "Campaign planner".
    return state.items.filter((item) => item.label === wanted || item.label.split('##')[0] === wanted ||
      (item.label.split('##')[0] !== '' && item.label.split('##')[1] === wanted));
  }, label);
}

export async function waitForItem(page, label, timeout = 10000) {
  await page.waitForFunction(
    (wanted) => (window.__microreachTest?.items ?? []).some(
      (item) => item.label === wanted || item.label.split('##')[0] === wanted ||
        (item.label.split('##')[0] !== '' && item.label.split('##')[1] === wanted)),
    label,
    { timeout },
  );
  const [item] = await findItems(page, label);
  return item;
}

// The calculator's frame: as tall as its layout, which the widgets' rectangles are
// relative to (the sticky canvas inside shows the part in view).
export const frameSelector = '#microreach-frame';

// Scrolls the page so the widget is in the viewport, then returns its centre in
// viewport coordinates (what page.mouse and page.touchscreen take).
export async function revealItem(page, label) {
  let item = await waitForItem(page, label);
  const canvas = page.locator(frameSelector);
  let box = await canvas.boundingBox();
  const viewport = page.viewportSize();
  const centreY = box.y + item.y + item.h / 2;
  if (centreY < 40 || centreY > viewport.height - 40) {
    await page.evaluate((dy) => window.scrollBy(0, dy), centreY - viewport.height / 2);
    await page.waitForTimeout(50);
    item = await waitForItem(page, label);
    box = await canvas.boundingBox();
  }
  return { item, x: box.x + item.x + item.w / 2, y: box.y + item.y + item.h / 2 };
}

export async function click(page, label) {
  const { x, y, item } = await revealItem(page, label);
  await page.mouse.move(x, y);
  await page.mouse.click(x, y);
  return item;
}

export async function tap(page, label) {
  const { x, y, item } = await revealItem(page, label);
  await page.touchscreen.tap(x, y);
  return item;
}

// Clicks (or taps) a text field, types with real key events, then presses Enter.
export async function typeInto(page, label, text, { touch = false } = {}) {
  // On a loaded machine (or a tab just brought to the front) the first press can land
  // before the app has drawn the field where the hook says: press again, then wait longer.
  const editing = (timeout) =>
    page.waitForFunction(() => window.__microreachTest?.wantTextInput === true, null, { timeout })
      .then(() => true, () => false);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (touch) await tap(page, label);
    else await click(page, label);
    if (await editing(5000 * (attempt + 1))) break;
    if (attempt === 2) throw new Error(`typeInto: "${label}" did not start editing after 3 presses`);
  }
  if (!touch) {
    // Fields select their text on focus; select again in case the click did not.
    await page.keyboard.press('End');
    await page.keyboard.down('Shift');
    await page.keyboard.press('Home');
    await page.keyboard.up('Shift');
  }
  await page.keyboard.type(text, { delay: 10 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__microreachTest?.wantTextInput === false, null, { timeout: 15000 });
}

// Opens the app with the test hook and waits until it publishes its state.
export async function openUi(context, url) {
  const opened = await openApp(context, url);
  await opened.page.waitForFunction(() => !!window.__microreachTest?.state, null, { timeout: 15000 });
  return opened;
}

// Switches screens by the segmented control's labels.
export async function showScreen(page, label, { touch = false } = {}) {
  if (touch) await tap(page, label);
  else await click(page, label);
  await page.waitForFunction((wanted) => window.__microreachTest?.state?.screenLabel === wanted, label, { timeout: 5000 });
}

// A vertical finger swipe through the DevTools protocol (playwright only taps):
// touchStart, moves in steps, touchEnd, in viewport coordinates.
// `firstMoveWithPress`: the press and the first move are sent together, so both can
// reach the page before it draws a frame, as on a loaded phone.
export async function swipe(page, from, to, steps = 8, { firstMoveWithPress = false } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const point = (p) => [{ x: p.x, y: p.y, radiusX: 4, radiusY: 4, force: 1, id: 1 }];
  const at = (i) => ({ x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps });
  const move = (i) => cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(at(i)) });
  const press = cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) });
  await (firstMoveWithPress ? Promise.all([press, move(1)]) : press);
  for (let i = firstMoveWithPress ? 2 : 1; i <= steps; i++) {
    await move(i);
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}
