// The calculator on a phone: 360x740 CSS pixels at devicePixelRatio 3 with a touch
// screen. Real touch events (playwright's touchscreen, and DevTools touch events for
// a swipe), typing through the hidden input that summons the on-screen keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countForegroundPixels, dominantColor } from './lib/browser.mjs';
import {
  openUi, phone, appState, waitForState, waitIdle, tap, typeInto, showScreen,
  saveScreenshot, swipe, frameCount, startUiSuite, revealItem, findItems
} from './lib/ui.mjs';

let site, browser;
startUiSuite((started) => ({ site, browser } = started));

async function openPhone() {
  const context = await browser.newContext(phone);
  const { page, record } = await openUi(context, `${site.origin}/`);
  await waitIdle(page);
  return { context, page, record };
}

test('phone: one tap per button, typing through the on-screen keyboard, undo, dark theme', async () => {
  const { context, page, record } = await openPhone();
  await showScreen(page, 'Campaign planner', { touch: true });
  const before = await waitForState(page, (s) => !!s.totals && s.roster.viewCurrent);

  // The narrow roster: a tap on a row opens it in the editor below the list.
  await tap(page, '##open_10'); // Pacific Northwest blogger
  await typeInto(page, '##detail_followers', '25k', { touch: true });
  const edited = await waitForState(page, (s) => s.scenario.roster[9].followers === 25000 && !!s.totals);
  // followers x rate x posts: 1,500 -> 25,000 followers at the row's own rate, one post.
  const rate = before.scenario.roster[9].engagement;
  const expected = before.totals.expectedEngagements - 1500 * rate + 25000 * rate;
  assert.ok(Math.abs(edited.totals.expectedEngagements - expected) < 1e-6);

  await tap(page, 'Undo');
  await waitForState(page, (s) => s.scenario.roster[9].followers === 1500 && s.redoDepth === 1);
  await tap(page, 'Dark theme');
  await waitForState(page, (s) => s.theme === 'dark');
  await tap(page, 'Find the best plan');
  const solved = await waitForState(page, (s) => s.optimizer.status === 'optimal');
  assert.deepEqual(solved.optimizer.chosenIds, [1]);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test('phone: a vertical swipe over the calculator scrolls the page and clicks nothing', async () => {
  const { context, page } = await openPhone();
  const before = await appState(page);
  const scrollBefore = await page.evaluate(() => window.scrollY);
  await swipe(page, { x: 180, y: 620 }, { x: 180, y: 220 });
  await page.waitForTimeout(300);
  const scrollAfter = await page.evaluate(() => window.scrollY);
  assert.ok(scrollAfter > scrollBefore + 100, `the page scrolled (${scrollBefore} -> ${scrollAfter})`);
  const after = await appState(page);
  assert.equal(after.screen, before.screen);
  assert.equal(after.version, before.version, 'the swipe edited nothing');
  await context.close();
});

test('phone screenshots at 360x740, DPR 3: sharp canvas and real content on every screen', async () => {
  const { context, page } = await openPhone();
  let tallest = 0;
  for (const screen of ['One big or many small', 'Engagement', 'Campaign planner', 'Results', 'Assumptions']) {
    await showScreen(page, screen, { touch: true });
    await waitIdle(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(100);
    const slug = screen.toLowerCase().replace(/[^a-z]+/g, '-');
    const { png } = await saveScreenshot(page, `phone-${slug}-360x740.png`);
    const canvas = await page.locator('#microreach-canvas').boundingBox();
    const top = Math.max(canvas.y, 0);
    const rect = { x: canvas.x * 3, y: top * 3, width: canvas.width * 3, height: (740 - top) * 3 };
    const background = await dominantColor(context, png, rect);
    const drawn = await countForegroundPixels(context, png, rect, background);
    assert.ok(drawn.count > drawn.total * 0.03, `${screen}: only ${drawn.count} of ${drawn.total} pixels drawn`);
    // The canvas is never taller than the viewport, whatever the page's height, so it
    // draws at the full device pixel ratio within any GPU's limits (4,096 px and up).
    const sizes = await page.evaluate(() => {
      const c = document.getElementById('microreach-canvas');
      const rect = c.getBoundingClientRect();
      return { pixels: c.width, pixelHeight: c.height, css: rect.width, cssHeight: rect.height, layout: document.getElementById('microreach-frame').getBoundingClientRect().height };
    });
    assert.ok(sizes.cssHeight <= 740, `${screen}: the canvas is ${sizes.cssHeight} CSS px tall`);
    assert.ok(sizes.pixelHeight <= 740 * 3 && sizes.pixels <= 4096 && sizes.pixelHeight <= 4096);
    assert.ok(Math.abs(sizes.pixels - sizes.css * 3) <= 1, `${screen}: ${sizes.pixels} pixels for ${sizes.css} CSS px`);
    assert.ok(Math.abs(sizes.pixelHeight - sizes.cssHeight * 3) <= 1, `${screen}: ${sizes.pixelHeight} pixels for ${sizes.cssHeight} CSS px`);
    tallest = Math.max(tallest, sizes.layout);
  }
  assert.ok(tallest > 3 * 740, `the tallest screen is ${tallest} CSS px, several viewports`);
  // Scrolled to the middle of the tallest layout, the canvas draws what is there.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await waitIdle(page);
  const { png } = await saveScreenshot(page, 'phone-scrolled-360x740.png');
  const middle = { x: 0, y: 0, width: 360 * 3, height: 740 * 3 };
  const drawn = await countForegroundPixels(context, png, middle, await dominantColor(context, png, middle));
  assert.ok(drawn.count > drawn.total * 0.03, `scrolled: only ${drawn.count} of ${drawn.total} pixels drawn`);
  await context.close();
});

test('phone: idle after taps, nothing drawn for 3 s', async () => {
  const { context, page } = await openPhone();
  await tap(page, 'Engagement');
  await waitIdle(page, 500);
  const start = await frameCount(page);
  await page.waitForTimeout(3000);
  assert.equal((await frameCount(page)) - start, 0);
  await context.close();
});

test('touch: a sideways swipe over a table scrolls it and opens no field', async () => {
  // Phones show lists instead of wide tables; a small tablet (740 px) still gets the
  // wide table of tracked posts, wider than the screen.
  const context = await browser.newContext({ ...phone, viewport: { width: 740, height: 900 }, deviceScaleFactor: 2 });
  const { page } = await openUi(context, `${site.origin}/`);
  await waitIdle(page);
  await showScreen(page, 'Results', { touch: true });
  await tap(page, 'Add a tracked post');
  const { x, y } = await revealItem(page, '##actual_Saves_1');
  await waitIdle(page);
  const column = async (label) => (await findItems(page, label))[0];
  const [name, saves] = [await column('##actual_who_1'), await column('##actual_Saves_1')];
  assert.equal(await column('##actual_revenue_1'), undefined, 'the revenue column starts out of view');
  const undoBefore = (await appState(page)).undoDepth;
  // Starts on a field (the saves cell): the press must not open it, even when the
  // first move arrives before any frame has seen the press (a loaded phone).
  await swipe(page, { x, y }, { x: x - 180, y }, 10, { firstMoveWithPress: true });
  await waitIdle(page);
  // The influencer column is frozen; the columns right of it move left under the finger.
  assert.equal((await column('##actual_who_1')).x, name.x, 'the frozen influencer column stays');
  const moved = saves.x - (await column('##actual_Saves_1')).x;
  assert.ok(moved > 100, `the table scrolled ${moved} px for a 180 px swipe`);
  assert.ok(await column('##actual_revenue_1'), 'the revenue column came into view');
  // A field the press may have opened closes in a later frame: poll for it, then check.
  for (let deadline = Date.now() + 5000; Date.now() < deadline;) {
    if (!(await page.evaluate(() => window.__microreachTest.wantTextInput))) break;
    await page.waitForTimeout(100);
  }
  assert.equal(await page.evaluate(() => window.__microreachTest.wantTextInput), false, 'no field opened');
  assert.equal((await appState(page)).undoDepth, undoBefore, 'nothing edited');
  await context.close();
});
