// Embedding in a blog post: the script embed in the demo article (served from another
// origin, as a blog would be) sizes itself from the calculator's height messages,
// ignores messages that are not from its calculator, lets the article scroll under
// the wheel, keeps Backspace in the article's text box, and lets Tab move through and
// out of the calculator. The sandboxed iframe (no storage) works too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveSite, offHostRequests, countForegroundPixels, dominantColor } from './lib/browser.mjs';
import { saveScreenshot } from './lib/ui.mjs';
import { serveHostPages, demoArticleFor, watchConsole, pageProblems, waitForEmbeddedApp, launchBrowserWith } from './lib/page.mjs';

let site, host, browser;
before(async () => {
  site = await serveSite();
  host = await serveHostPages(await demoArticleFor(site.origin));
  browser = await launchBrowserWith();
});
after(async () => {
  await browser?.close();
  await host?.close();
  await site?.close();
});

async function openArticle() {
  const page = await browser.context.newPage();
  const messages = watchConsole(page);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto(`${host.origin}/article.html`);
  // The iframe loads lazily: bring it near the viewport.
  await page.locator('figure.embed').scrollIntoViewIfNeeded();
  const { handle, frame } = await waitForEmbeddedApp(page, 'figure.embed iframe');
  return { page, messages, requests, handle, frame };
}

// The iframe's height once it equals its document's height (the height message arrived).
async function settledHeight(page, frame) {
  let content = 0;
  for (let i = 0; i < 100; i++) {
    content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const iframe = await page.evaluate(() => Math.round(document.querySelector('figure.embed iframe').getBoundingClientRect().height));
    if (Math.abs(iframe - content) <= 1 && content > 100) return { iframe, content };
    await page.waitForTimeout(100);
  }
  throw new Error(`the iframe never took its content's height (${content}px)`);
}

test('the script embed creates a responsive iframe that takes the calculator height', async () => {
  const { page, messages, requests, handle, frame } = await openArticle();
  const attributes = await handle.evaluate((iframe) => ({
    src: iframe.src, title: iframe.title, allow: iframe.getAttribute('allow'), minWidth: iframe.style.minWidth,
  }));
  const src = new URL(attributes.src);
  assert.equal(src.origin, site.origin);
  assert.equal(src.searchParams.get('embed'), '1');
  assert.equal(src.searchParams.get('screen'), 'compare');
  assert.equal(src.searchParams.get('budget'), '5000');
  assert.match(attributes.title, /Microreach/);
  assert.equal(attributes.minWidth, '100%');
  const { iframe } = await settledHeight(page, frame);
  assert.notEqual(iframe, 640, 'the height came from the calculator, not the initial guess');
  // Embed mode: no page chrome inside the frame.
  assert.equal(await frame.evaluate(() => document.documentElement.classList.contains('microreach-embed')), true);
  assert.equal(await frame.locator('.microreach-chrome').first().isVisible(), false);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(await frame.evaluate(() => window.__cspViolations ?? []), []);
  assert.deepEqual(pageProblems(messages), []);
  assert.deepEqual(offHostRequests({ requests }), []);
  await page.close();
});

test('height messages are accepted only from the calculator, with the right shape', async () => {
  const { page, frame } = await openArticle();
  const { iframe } = await settledHeight(page, frame);
  const iframeHeight = () => page.evaluate(() => Math.round(document.querySelector('figure.embed iframe').getBoundingClientRect().height));
  // The article itself (wrong source) and a wrong shape from the right frame.
  await page.evaluate(() => window.postMessage({ type: 'microreach:height', version: 1, height: 77 }, '*'));
  await frame.evaluate(() => {
    window.parent.postMessage({ type: 'microreach:height', version: 1, height: '77' }, '*');
    window.parent.postMessage({ type: 'microreach:height', height: 77 }, '*');
    window.parent.postMessage({ type: 'other', version: 1, height: 77 }, '*');
    window.parent.postMessage({ type: 'microreach:height', version: 1, height: 1e9 }, '*');
  });
  await page.waitForTimeout(300);
  assert.equal(await iframeHeight(), iframe);
  // A well-formed message from the calculator's frame is obeyed.
  await frame.evaluate(() => window.parent.postMessage({ type: 'microreach:height', version: 1, height: 777 }, '*'));
  await page.waitForFunction(() => Math.round(document.querySelector('figure.embed iframe').getBoundingClientRect().height) === 777);
  await page.close();
});

test('the calculator posts its height only to the embedding origin', async () => {
  const { page, frame } = await openArticle();
  await settledHeight(page, frame);
  const target = await frame.evaluate(() => window.__microreachPage?.parentOrigin);
  assert.equal(target, host.origin);
  await page.close();
});

test('the article scrolls with the wheel over the calculator', async () => {
  const { page, frame, handle } = await openArticle();
  await settledHeight(page, frame);
  await handle.scrollIntoViewIfNeeded();
  const box = await handle.boundingBox();
  const x = box.x + box.width / 2;
  const y = Math.min(box.y + box.height / 2, 700);
  await page.mouse.move(x, y);
  const before = await page.evaluate(() => window.scrollY);
  for (let i = 0; i < 3; i++) {
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(100);
  }
  await page.waitForFunction((start) => window.scrollY > start + 100, before, { timeout: 5000 });
  const afterDown = await page.evaluate(() => window.scrollY);
  assert.ok(afterDown > before + 100, `scrolled from ${before} to ${afterDown}`);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((start) => window.scrollY < start, afterDown, { timeout: 5000 });
  await page.close();
});

test("Backspace works in the article's text box, before and after using the calculator", async () => {
  const { page, frame, handle } = await openArticle();
  await settledHeight(page, frame);
  const comment = page.locator('#comment');
  await comment.click();
  await page.keyboard.type('Hello!');
  await page.keyboard.press('Backspace');
  assert.equal(await comment.inputValue(), 'Hello');
  // Use the calculator (click into its canvas), then come back to the article.
  await handle.scrollIntoViewIfNeeded();
  const box = await handle.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300));
  await comment.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  assert.equal(await comment.inputValue(), 'Hel');
  await page.close();
});

test('Tab moves into, through and out of the calculator', async () => {
  const { page, frame } = await openArticle();
  await settledHeight(page, frame);
  // Start on the last link before the article text.
  await page.locator('header.site nav a').last().focus();
  const visited = [];
  let reachedComment = false;
  let insideFrame = false;
  for (let i = 0; i < 200 && !reachedComment; i++) { // every control of the calculator is a Tab stop
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const active = document.activeElement;
      return active ? (active.id || active.tagName.toLowerCase()) : 'none';
    });
    if (where === 'iframe') {
      insideFrame = true;
      visited.push(await frame.evaluate(() => document.activeElement?.id || document.activeElement?.tagName.toLowerCase()));
    } else {
      visited.push(where);
    }
    reachedComment = where === 'comment';
  }
  assert.ok(insideFrame, `Tab entered the calculator: ${visited.join(' > ')}`);
  assert.ok(visited.includes('button'), `a control of the calculator took focus: ${visited.join(' > ')}`);
  assert.ok(reachedComment, `Tab left the calculator for the comment box: ${visited.join(' > ')}`);
  // And back: Shift+Tab from the comment box returns into the calculator.
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName.toLowerCase()), 'iframe');
  await page.close();
});

test('the demo article on the same origin works too', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${site.origin}/demo/article.html`);
  await page.locator('figure.embed').scrollIntoViewIfNeeded();
  const { frame } = await waitForEmbeddedApp(page, 'figure.embed iframe');
  await settledHeight(page, frame);
  await page.close();
});

test('inside <iframe sandbox="allow-scripts">: runs without storage, sizes itself', async () => {
  const page = await browser.context.newPage();
  const messages = watchConsole(page);
  await page.goto(`${site.origin}/demo/sandboxed.html`);
  const { handle, frame } = await waitForEmbeddedApp(page, 'iframe#sandboxed');
  const storage = await frame.evaluate(() => {
    try {
      return window.localStorage ? 'available' : 'missing';
    } catch (error) {
      return error.name;
    }
  });
  assert.equal(storage, 'SecurityError', 'no storage in an opaque origin');
  assert.equal(await frame.evaluate(() => window.origin), 'null');
  // Its height still follows the content (messages from the opaque origin "null").
  await page.waitForFunction(() => document.getElementById('sandboxed').dataset.microreachHeight !== undefined, null, { timeout: 10000 });
  const heights = await page.evaluate(() => ({
    iframe: Math.round(document.getElementById('sandboxed').getBoundingClientRect().height),
    reported: Number(document.getElementById('sandboxed').dataset.microreachHeight),
  }));
  assert.equal(heights.iframe, heights.reported);
  // It draws.
  await handle.scrollIntoViewIfNeeded();
  const box = await handle.boundingBox();
  const png = await page.screenshot();
  const rect = { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 700 - box.y) };
  const background = await dominantColor(browser.context, png, rect);
  const drawn = await countForegroundPixels(browser.context, png, rect, background);
  assert.ok(drawn.count > drawn.total * 0.005, `only ${drawn.count} of ${drawn.total} pixels drawn`);
  assert.deepEqual(pageProblems(messages), []);
  await page.close();
});

test('phone, 360x740 at DPR 3: a tall embed draws a screen-sized canvas at full sharpness where the reader is', async () => {
  const phone = await launchBrowserWith({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  try {
    const page = await phone.context.newPage();
    await page.goto(`${host.origin}/article.html`);
    await page.locator('figure.embed').scrollIntoViewIfNeeded();
    const { frame } = await waitForEmbeddedApp(page, 'figure.embed iframe');
    const { iframe } = await settledHeight(page, frame);
    assert.ok(iframe > 2 * 740, `the embedded comparison is ${iframe} CSS px tall at 360 px`);
    // Scroll the article so that the middle of the calculator fills the screen.
    await page.evaluate(() => {
      const box = document.querySelector('figure.embed iframe').getBoundingClientRect();
      window.scrollBy(0, box.top + box.height / 2 - 370);
    });
    let sizes = null;
    for (let i = 0; i < 100; i++) {
      sizes = await frame.evaluate(() => {
        const canvas = document.getElementById('microreach-canvas');
        const box = canvas.getBoundingClientRect();
        return { top: box.top, cssHeight: box.height, css: box.width, pixels: canvas.width, pixelHeight: canvas.height };
      });
      const frameTop = await page.evaluate(() => document.querySelector('figure.embed iframe').getBoundingClientRect().top);
      sizes.onScreenTop = frameTop + sizes.top;
      if (Math.abs(sizes.onScreenTop) <= 2 && Math.abs(sizes.pixelHeight - sizes.cssHeight * 3) <= 1) break;
      await page.waitForTimeout(100);
    }
    assert.ok(sizes.cssHeight <= 740 + 1, `the canvas is ${sizes.cssHeight} CSS px tall in a ${iframe} px iframe`);
    assert.ok(sizes.cssHeight >= 700, `the canvas covers the screen: ${sizes.cssHeight} CSS px`);
    assert.ok(Math.abs(sizes.onScreenTop) <= 2, `the canvas sits at the top of the screen: ${sizes.onScreenTop}`);
    assert.ok(Math.abs(sizes.pixels - sizes.css * 3) <= 1, `${sizes.pixels} pixels for ${sizes.css} CSS px`);
    assert.ok(Math.abs(sizes.pixelHeight - sizes.cssHeight * 3) <= 1 && sizes.pixelHeight <= 4096);
    // What the reader sees there is drawn: the middle of the layout, not a blank canvas.
    await page.waitForTimeout(300);
    const { png } = await saveScreenshot(page, 'embed-phone-scrolled-360x740.png');
    const screen = { x: 0, y: 0, width: 360 * 3, height: 740 * 3 };
    const drawn = await countForegroundPixels(phone.context, png, screen, await dominantColor(phone.context, png, screen));
    assert.ok(drawn.count > drawn.total * 0.03, `only ${drawn.count} of ${drawn.total} pixels drawn`);
    await page.close();
  } finally {
    await phone.close();
  }
});
