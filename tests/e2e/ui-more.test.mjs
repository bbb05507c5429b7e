// The calculator UI's remaining acceptance points (issue 5), checked with real input
// events in headless Chromium: the 320 px layout, number fields that take what the
// core parser takes, the wheel over scrolling and non-scrolling areas, no frames while
// the page is hidden, copy and paste, chart hover with exact values, and WCAG AA text
// contrast measured on screenshot pixels in both themes, keys only while the canvas
// has focus (Tab leaves), and numbers in the chosen format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countForegroundPixels, dominantColor, colourCounts } from './lib/browser.mjs';
import {
  openUi, desktop, appState, waitForState, waitIdle, click, typeInto,
  showScreen, findItems, revealItem, saveScreenshot, frameCount, waitForItem, startUiSuite
} from './lib/ui.mjs';

let site, browser;
startUiSuite((started) => ({ site, browser } = started));

async function open(options = desktop, query = '') {
  const context = await browser.newContext(options);
  const { page, record } = await openUi(context, `${site.origin}/${query}`);
  await waitIdle(page);
  return { context, page, record };
}

const canvasBox = (page) => page.locator('#microreach-frame').boundingBox(); // the layout

test('320 px wide at DPR 2: one column, the tabs fit, nothing drawn past the canvas edge, every glyph in the font', async () => {
  const narrow = { viewport: { width: 320, height: 700 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
  const { context, page, record } = await open(narrow);
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(pageWidth <= 320, `the page scrolls sideways: ${pageWidth} px wide`);
  const backing = await page.evaluate(() => {
    const canvas = document.querySelector('#microreach-canvas');
    return { width: canvas.width, css: canvas.getBoundingClientRect().width };
  });
  assert.ok(Math.abs(backing.width - backing.css * 2) <= 2, `canvas ${backing.width} px for ${backing.css} CSS px`);

  for (const screen of ['One big or many small', 'Engagement', 'Campaign planner', 'Results', 'Assumptions']) {
    await showScreen(page, screen, { touch: true });
    await waitIdle(page);
    const hook = await page.evaluate(() => window.__microreachTest);
    const box = await canvasBox(page);
    // Widgets inside a table that scrolls sideways may sit past its edge (clipped);
    // everything else must fit the canvas.
    const outside = hook.items.filter((item) => item.x < -0.5 || item.x + item.w > box.width + 0.5);
    assert.deepEqual(outside.map((item) => `${item.label} ${item.x}+${item.w} (${item.window})`), [],
      `${screen}: widgets past the ${box.width} px canvas`);
    const tabs = hook.items.filter((item) => item.window === 'Microreach' &&
      ['Engagement', 'Big or small##One big or many small', 'Planner##Campaign planner', 'Results', 'Assumptions'].includes(item.label));
    assert.equal(tabs.length, 5, `${screen}: all five tabs are drawn`);
    // The font is the app's own subset (ImGui's built-in font is left out of the build):
    // a character it lacks would be drawn as the fallback glyph, which the hook counts.
    assert.equal(hook.missingGlyphs, 0, `${screen}: text drawn with characters the font lacks`);
  }

  // One column: the compare screen's two charts are stacked, not side by side.
  await showScreen(page, 'One big or many small', { touch: true });
  await waitIdle(page);
  const [bars] = await findItems(page, 'Expected results chart');
  const [simulation] = await findItems(page, 'Simulation chart');
  assert.ok(bars && simulation, 'both charts are drawn');
  assert.ok(simulation.y >= bars.y + bars.h, `charts side by side: ${JSON.stringify([bars, simulation])}`);
  assert.ok(Math.abs(simulation.x - bars.x) < 1, 'stacked charts share the left edge');
  const [compareOn] = await findItems(page, '##Compare on');
  const [judgement] = await findItems(page, '##Judgement');
  assert.ok(judgement.y > compareOn.y && Math.abs(judgement.x - compareOn.x) < 1, 'settings are stacked');

  await page.evaluate(() => window.scrollTo(0, 0));
  await waitIdle(page);
  const { png } = await saveScreenshot(page, 'narrow-compare-320x700-dpr2.png');
  const box = await canvasBox(page);
  const rect = { x: box.x * 2, y: box.y * 2, width: box.width * 2, height: (700 - box.y) * 2 };
  const background = await dominantColor(context, png, rect);
  const drawn = await countForegroundPixels(context, png, rect, background);
  assert.equal(drawn.width, 640, 'the screenshot is taken at DPR 2');
  assert.ok(drawn.count > drawn.total * 0.03, `only ${drawn.count} of ${drawn.total} pixels drawn`);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test('number fields take what the core parser takes: 1.2k, $1,000, 15%', async () => {
  const { context, page } = await open();
  await showScreen(page, 'Engagement');
  await typeInto(page, '##Followers', '1.2k');
  let state = await waitForState(page, (s) => s.scenario.engagement_followers === 1200);
  assert.equal(state.fieldErrors, 0);
  await waitForState(page, (s) => s.engagement.followers === 1200 && s.engagement.rate > 0);

  await showScreen(page, 'One big or many small');
  await typeInto(page, '##Budget', '$1,000');
  state = await waitForState(page, (s) => s.scenario.budget === 100000);
  assert.equal(state.fieldErrors, 0);

  await showScreen(page, 'Assumptions');
  await typeInto(page, '##Click-through rate', '15%');
  state = await waitForState(page, (s) => Math.abs(s.scenario.assumptions.funnel.click_through_rate - 0.15) < 1e-12);
  assert.equal(state.fieldErrors, 0);
  assert.equal(state.undoDepth, 3, 'each accepted value is one undo step');
  await context.close();
});

test('wheel: the roster table scrolls under it, the page does not; elsewhere the page scrolls', async () => {
  const { context, page } = await open(desktop, '?screen=planner&demoRows=200');
  await waitForState(page, (s) => s.rosterSize === 200 && s.screenLabel === 'Campaign planner');
  await waitForItem(page, '##followers_1');
  const { x, y } = await revealItem(page, '##followers_3');
  await waitIdle(page);
  const scrollBefore = await page.evaluate(() => window.scrollY);
  const rowsBefore = await page.evaluate(() => window.__microreachTest.items
    .filter((item) => /^##followers_\d+$/.test(item.label)).map((item) => Number(item.label.split('_')[1])));
  await page.mouse.move(x, y);
  for (let i = 0; i < 3; i++) {
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(60);
  }
  await waitIdle(page);
  const scrollAfter = await page.evaluate(() => window.scrollY);
  const rowsAfter = await page.evaluate(() => window.__microreachTest.items
    .filter((item) => /^##followers_\d+$/.test(item.label)).map((item) => Number(item.label.split('_')[1])));
  assert.equal(scrollAfter, scrollBefore, 'the page stayed where it was');
  assert.ok(Math.min(...rowsAfter) > Math.min(...rowsBefore), `the table scrolled: rows ${rowsBefore.slice(0, 3)} then ${rowsAfter.slice(0, 3)}`);

  // Over the tab bar (nothing there scrolls) the same wheel moves the page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await waitIdle(page);
  const tall = await page.evaluate(() => document.documentElement.scrollHeight > innerHeight + 100);
  assert.ok(tall, 'the planner page is taller than the window');
  const { x: tx, y: ty } = await revealItem(page, 'Results');
  await page.mouse.move(tx, ty);
  await page.mouse.wheel(0, 200);
  await page.waitForFunction(() => window.scrollY > 50, null, { timeout: 5000 });
  await context.close();
});

test('a hidden page draws nothing, even with input; frames resume when it is shown', async () => {
  const { context, page } = await open();
  const box = await canvasBox(page);
  const setHidden = (hidden) => page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  // Sanity: input does draw while visible (so the hidden check below can fail).
  let start = await frameCount(page);
  await page.mouse.move(box.x + 200, box.y + 200);
  await page.mouse.move(box.x + 400, box.y + 300);
  await page.waitForTimeout(300);
  assert.ok((await frameCount(page)) > start, 'mouse moves draw frames while visible');
  await waitIdle(page);

  await setHidden(true);
  start = await frameCount(page);
  for (let i = 0; i < 10; i++) await page.mouse.move(box.x + 100 + i * 40, box.y + 150 + i * 20);
  await page.mouse.wheel(0, 100);
  const tab = (await findItems(page, 'Campaign planner'))[0];
  await page.mouse.click(box.x + tab.x + tab.w / 2, box.y + tab.y + tab.h / 2);
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(1000);
  assert.equal((await frameCount(page)) - start, 0, 'frames were drawn while hidden');

  await setHidden(false);
  await page.waitForFunction((s) => (window.__microreachTest?.frames ?? 0) > s, start, { timeout: 5000 });
  await waitIdle(page);
  await context.close();
});

test('copy and paste: Ctrl+C from one field, Ctrl+V into another, text from the system clipboard and from an input method', async () => {
  const context = await browser.newContext(desktop);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  const { page } = await openUi(context, `${site.origin}/`);
  await waitIdle(page);
  await showScreen(page, 'Engagement');
  await typeInto(page, '##Followers', '4321');
  await waitForState(page, (s) => s.scenario.engagement_followers === 4321);

  // Copy: select the field's text and press Ctrl+C; the copy reaches the system clipboard.
  await click(page, '##Followers');
  await page.waitForFunction(() => window.__microreachTest?.wantTextInput === true);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.__microreachTest?.wantTextInput === false);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^4,?321$/, `clipboard holds "${copied}"`);

  // Paste into the first post's likes.
  await click(page, '##post1_Likes');
  await page.waitForFunction(() => window.__microreachTest?.wantTextInput === true);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  await page.keyboard.press('Enter');
  await waitForState(page, (s) => s.scenario.engagement.posts[0].likes === 4321);

  // Text copied elsewhere on the computer arrives through the page's paste event.
  await page.evaluate(() => navigator.clipboard.writeText('2.5k'));
  await click(page, '##Followers');
  await page.waitForFunction(() => window.__microreachTest?.wantTextInput === true);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  // The system clipboard's text arrives by the page's paste event; Enter after the frames
  // it causes, as a person would (a loaded machine can deliver the Enter first).
  await waitIdle(page);
  await page.keyboard.press('Enter');
  await waitForState(page, (s) => s.scenario.engagement_followers === 2500);

  // Text from an input method (or the emoji picker, or dictation) arrives as inserted
  // text, not keys: it replaces the edit's selection, and Enter commits it.
  assert.equal(await page.evaluate(() => window.__microreachTest.missingGlyphs), 0);
  await showScreen(page, 'One big or many small');
  await click(page, '##Plan name');
  await page.waitForFunction(() => window.__microreachTest?.wantTextInput === true);
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('Ω plan');
  await page.keyboard.press('Enter');
  await waitForState(page, (s) => s.scenario.title === 'Ω plan');
  await page.waitForFunction(() => window.__microreachTest?.wantTextInput === false);
  // The missing-glyph count (the 320 px test expects 0 on every screen) sees a character
  // the font subset lacks: the Greek letter.
  await waitIdle(page);
  assert.ok((await page.evaluate(() => window.__microreachTest.missingGlyphs)) > 0, 'the missing glyph is counted');
  await context.close();
});

test('hovering a chart shows its exact values; moving away hides them', async () => {
  const { context, page } = await open();
  const state = await appState(page);
  const expectedA = Math.round(state.comparison.aMetric).toLocaleString('en-US');
  const { item } = await revealItem(page, 'Expected results chart');
  await waitIdle(page);
  let box = await canvasBox(page);
  // The first row (plan A) sits in the top half of the chart.
  await page.mouse.move(box.x + item.x + item.w * 0.3, box.y + item.y + item.h * 0.3);
  await page.mouse.move(box.x + item.x + item.w * 0.3 + 2, box.y + item.y + item.h * 0.3);
  let hover = await waitForState(page, (s) => s.chartHover !== undefined && s.chartHover !== '');
  assert.match(hover.chartHover, new RegExp(`expected ${expectedA}\\b`), hover.chartHover);
  assert.match(hover.chartHover, /low [\d,]+, expected [\d,]+, high [\d,]+/);

  // The second row is plan B's.
  const expectedB = Math.round(state.comparison.bMetric).toLocaleString('en-US');
  await page.mouse.move(box.x + item.x + item.w * 0.3, box.y + item.y + item.h * 0.8);
  hover = await waitForState(page, (s) => new RegExp(`expected ${expectedB}\\b`).test(s.chartHover ?? ''));

  // The engagement chart: hovering a tier band gives its benchmark.
  await showScreen(page, 'Engagement');
  const chart = await revealItem(page, 'Engagement chart');
  box = await canvasBox(page);
  await page.mouse.move(chart.x + chart.item.w * 0.05, chart.y);
  await page.mouse.move(chart.x + chart.item.w * 0.05 + 2, chart.y);
  hover = await waitForState(page, (s) => /\d+(\.\d+)?%/.test(s.chartHover ?? ''));

  await page.mouse.move(5, 5);
  await waitForState(page, (s) => s.chartHover === '');
  await context.close();
});

// WCAG 2 relative luminance and contrast ratio of two sRGB colours.
function luminance([r, g, b]) {
  const channel = (v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

// Text colours are the solid colours (glyph stems at DPR 2 cover many pixels of the
// exact colour; anti-aliased edges spread over many rare blends) that stand out from
// the background; surfaces are the solid colours close to it (cards, tiles, borders).
// Every text colour must reach 4.5:1 against the background and every surface.
function measureText(counts) {
  const [background, ...others] = counts;
  const inked = others.filter((c) => contrast(c.colour, background.colour) >= 1.5).reduce((sum, c) => sum + c.count, 0);
  const solid = others.filter((c) => c.count >= Math.max(40, inked * 0.03));
  const surfaces = [background.colour, ...solid.filter((c) => contrast(c.colour, background.colour) < 1.5).map((c) => c.colour)];
  const texts = solid.filter((c) => contrast(c.colour, background.colour) >= 2);
  return texts.map((text) => ({
    text: text.colour,
    worst: Math.min(...surfaces.map((surface) => contrast(text.colour, surface))),
    on: surfaces.reduce((w, s) => (contrast(text.colour, s) < contrast(text.colour, w) ? s : w)),
  }));
}

test('text contrast meets WCAG AA (4.5:1) in the light and the dark theme', async () => {
  const options = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 };
  const { context, page } = await open(options);
  await showScreen(page, 'Engagement');
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') {
      await click(page, 'Dark theme');
      await waitForState(page, (s) => s.theme === 'dark');
    }
    await page.mouse.move(5, 5);
    await page.evaluate(() => window.scrollTo(0, 0));
    await waitIdle(page);
    const hook = await page.evaluate(() => window.__microreachTest);
    const box = await canvasBox(page);
    const { png } = await saveScreenshot(page, `contrast-${theme}-1280x800-dpr2.png`);
    const tabs = hook.items.filter((item) => item.window === 'Microreach' && ['Results', 'Engagement'].includes(item.label));
    const tiles = hook.items.filter((item) => /##tile$/.test(item.label));
    assert.ok(tiles.length >= 3 && tabs.length === 2, 'tiles and tabs are published');
    // The screen's title and blurb: between the tab bar and the first card.
    const first = Math.min(...hook.items.filter((item) => item.window !== 'Microreach').map((item) => item.y));
    const samples = [
      ...tabs.map((tab) => ({ name: `tab ${tab.label}`, ...tab })),
      ...tiles.slice(0, 3).map((tile) => ({ name: tile.label, ...tile })),
      { name: 'title and blurb', x: 16, y: tabs[0].y + tabs[0].h + 6, w: 1100, h: first - 8 - (tabs[0].y + tabs[0].h + 6) },
    ];
    let checked = 0;
    for (const sample of samples) {
      // 2 CSS px inside the widget: its edges fall between pixel rows and blend.
      const rect = { x: (box.x + sample.x + 2) * 2, y: (box.y + sample.y + 2) * 2, width: (sample.w - 4) * 2, height: (sample.h - 4) * 2 };
      const measured = measureText(await colourCounts(context, png, rect));
      assert.ok(measured.length > 0, `${theme} ${sample.name}: no text found`);
      for (const { text, worst, on } of measured) {
        assert.ok(worst >= 4.5, `${theme} ${sample.name}: text rgb(${text}) on rgb(${on}) is ${worst.toFixed(2)}:1`);
        checked++;
      }
    }
    assert.ok(checked >= 4, `${theme}: only ${checked} text colours measured`);
  }
  await context.close();
});

const insideCalculator = () => document.getElementById('microreach-frame').contains(document.activeElement);

test('keys reach the app only while the canvas has focus; Shift+Tab leaves it', async () => {
  const { context, page } = await open();
  await showScreen(page, 'Engagement');
  await typeInto(page, '##Followers', '2,000');
  await waitForState(page, (s) => s.scenario.engagement_followers === 2000 && s.undoDepth === 1);
  await waitIdle(page);
  // A click beside the calculator takes the focus away: Ctrl+Z belongs to the page.
  const box = await canvasBox(page);
  await page.mouse.click(box.x / 2, box.y + 100);
  assert.equal(await page.evaluate(insideCalculator), false);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Backspace');
  await page.waitForTimeout(400);
  let state = await appState(page);
  assert.equal(state.undoDepth, 1, 'a key pressed outside the canvas undid an edit');
  assert.equal(state.scenario.engagement_followers, 2000);

  // Back on the canvas (on empty space), the same key undoes.
  await page.mouse.click(box.x + box.width - 20, box.y + 150);
  assert.equal(await page.evaluate(insideCalculator), true);
  await page.keyboard.press('Control+z');
  state = await waitForState(page, (s) => s.undoDepth === 0 && s.scenario.engagement_followers !== 2000);

  // Tab enters the controls; Shift+Tab back past the first one (the first screen tab)
  // leaves the calculator instead of wrapping or sticking.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(insideCalculator), true);
  const name = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim());
  let last = await name();
  for (let i = 0; i < 5 && (await page.evaluate(insideCalculator)); i++) {
    last = await name();
    await page.keyboard.press('Shift+Tab');
  }
  assert.equal(await page.evaluate(insideCalculator), false, `Shift+Tab was trapped at ${last}`);
  assert.equal(last, 'Engagement', 'the calculator was left from its first control');
  await context.close();
});

test('numbers follow the chosen format: decimal comma in the chart hover text', async () => {
  const { context, page } = await open();
  await showScreen(page, 'Assumptions');
  await click(page, 'Decimal comma (1.234,50)');
  await waitForState(page, (s) => s.undoDepth === 1);
  await showScreen(page, 'One big or many small');
  const state = await waitForState(page, (s) => !!s.comparison);
  const { item } = await revealItem(page, 'Expected results chart');
  await waitIdle(page);
  const box = await canvasBox(page);
  const expectedA = Math.round(state.comparison.aMetric).toLocaleString('de-DE');
  assert.match(expectedA, /\./, 'the figure is large enough to need a separator');
  await page.mouse.move(box.x + item.x + item.w * 0.3, box.y + item.y + item.h * 0.3);
  await page.mouse.move(box.x + item.x + item.w * 0.3 + 2, box.y + item.y + item.h * 0.3);
  const hover = await waitForState(page, (s) => !!s.chartHover);
  assert.ok(hover.chartHover.includes(`expected ${expectedA}`), hover.chartHover);
  await context.close();
});
