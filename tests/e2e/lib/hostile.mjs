// Helpers for tests/e2e/hostile.test.mjs: a seeded generator of damaged share links,
// checks for numbers that are not numbers (NaN, infinity) in what the app publishes,
// a pixel probe that reuses one page, real typing into a field found by the test
// hook, and scripts that break storage or record the clipboard before the app loads.
import { saveScreenshot } from './ui.mjs';

// A small seeded generator (mulberry32): the same links on every run and machine.
export function seededRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n), // 0 .. n-1
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// 100 damaged variants of a valid "v3.<payload>" fragment, each with its group
// (truncated, bit flip, ...) and a description.
// Single bit flips never touch the last character: its low bits can be padding that
// the decoder ignores, so a flip there may leave the same valid link.
export function damagedLinks(good, seed = 20240917) {
  if (!/^v3\.[A-Za-z0-9_-]{8,}$/.test(good)) throw new Error(`not a v3 link: ${good}`);
  const random = seededRandom(seed);
  const payload = good.slice(3);
  const links = [];
  const seen = new Set([good, '']);
  const add = (group, kind, fragment) => {
    if (seen.has(fragment)) return; // e.g. a truncation that equals another case
    seen.add(fragment);
    links.push({ group, kind, fragment });
  };

  // Truncated: every length class from "v" to one character short.
  const cuts = new Set([1, 2, 3, 4, 5, good.length - 1, good.length - 2, good.length - 4, good.length - 5]);
  while (cuts.size < 24) cuts.add(1 + random.int(good.length - 1));
  for (const cut of [...cuts].sort((a, b) => a - b)) add('truncated', `truncated to ${cut}`, good.slice(0, cut));

  // One bit flipped (bits 0..6: the text stays ASCII; the URL parser may still
  // percent-encode or drop what the flip makes).
  const flip = (text, at, bit) => text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << bit)) + text.slice(at + 1);
  const flips = new Set();
  while (flips.size < 26) flips.add(`${random.int(good.length - 1)}:${random.int(7)}`);
  for (const key of flips) {
    const [at, bit] = key.split(':').map(Number);
    add('one bit flipped', `bit ${bit} of character ${at} flipped`, flip(good, at, bit));
  }
  // Two to four payload characters replaced by other base64url characters (what a
  // chat app's "smart" rewriting or a mistyped link does).
  for (let i = 0; i < 8; i++) {
    let text = good;
    const count = 2 + random.int(3);
    for (let k = 0; k < count; k++) {
      const at = 3 + random.int(payload.length - 1);
      let replacement = random.pick(base64url);
      if (replacement === text[at]) replacement = replacement === 'A' ? 'B' : 'A';
      text = text.slice(0, at) + replacement + text.slice(at + 1);
    }
    add('characters replaced', `${count} characters replaced`, text);
  }

  // Wrong version prefix.
  for (const prefix of ['v0.', 'v1.', 'v2.', 'v9.', 'v10.', 'v9999.', 'V1.', 'w1.', '1.', 'v.', 'vv1.', 'v1,', 'v-1.']) {
    add('wrong version prefix', `version prefix "${prefix}"`, prefix + payload);
  }

  // Huge: over the 32 KB limit.
  add('over 32 KB', 'payload repeated past 32 KB', 'v1.' + payload.repeat(Math.ceil(33000 / payload.length)));
  add('over 32 KB', '40,000 "A"', 'v1.' + 'A'.repeat(40000));
  add('over 32 KB', '100 KB of random base64url', 'v1.' + Array.from({ length: 100000 }, () => random.pick(base64url)).join(''));
  add('over 32 KB', 'valid link with 33 KB of padding after it', good + 'A'.repeat(33 * 1024));

  // Empty payload.
  add('empty payload', 'empty payload', 'v1.');
  add('empty payload', 'empty payload and a dot', 'v1..');
  add('empty payload', 'only a dot', '.');

  // Not base64 at all.
  const garbage = [
    'v1.!!!!!!!!', 'v1.====', 'v1.' + payload.replace(/[A-Za-z]/g, '*'), 'v1.%00%00%00%00',
    'v1.%F0%9F%98%80%F0%9F%98%80', 'v1.' + payload + '%', 'v1.<script>alert(1)</script>',
    '{"format":"microreach","budget":1}', 'javascript:alert(1)', 'v1.' + payload.split('').reverse().join(''),
    'v1.' + payload.slice(payload.length >> 1) + payload.slice(0, payload.length >> 1),
    'v1.' + payload + payload,
  ];
  for (const text of garbage) add('not base64url', 'not a payload', text);
  while (links.length < 100) {
    const length = 4 + random.int(60);
    let text = '';
    for (let k = 0; k < length; k++) text += String.fromCharCode(33 + random.int(94));
    add('random printable text', 'random printable text', text);
  }
  return links.slice(0, 100);
}

// Text a number that is not a number would print as ("nan", "-inf", "Infinity").
const notANumber = /\bnan\b|\binf\b|\binfinity\b|-?\binf\.|\bundefined\b/i;
export function findNotANumber(text) {
  const match = notANumber.exec(text ?? '');
  if (!match) return null;
  const at = match.index;
  return text.slice(Math.max(0, at - 80), at + 80);
}

// Paths of every null value in a JSON value: the app writes non-finite numbers as null.
export function nullPaths(value, path = '', out = []) {
  if (value === null) out.push(path || '(root)');
  else if (Array.isArray(value)) value.forEach((v, i) => nullPaths(v, `${path}[${i}]`, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) nullPaths(v, path ? `${path}.${k}` : k, out);
  return out;
}

// Counts pixels of a PNG that differ from its most common colour, in one page kept
// open for the whole test (a new page per check would cost more than the check).
export async function pixelProbe(context) {
  const page = await context.newPage();
  await page.setContent('<!doctype html><title>probe</title>');
  return {
    async foreground(png, tolerance = 40) {
      return page.evaluate(async ({ data, tolerance }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context2d = canvas.getContext('2d');
        context2d.drawImage(image, 0, 0);
        const pixels = context2d.getImageData(0, 0, image.width, image.height).data;
        const counts = new Map();
        for (let i = 0; i < pixels.length; i += 4) {
          const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
          counts.set(key, (counts.get(key) || 0) + 1);
        }
        let background = 0, best = -1;
        for (const [key, count] of counts) if (count > best) { background = key; best = count; }
        const bg = [(background >> 16) & 255, (background >> 8) & 255, background & 255];
        let count = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          if (Math.abs(pixels[i] - bg[0]) + Math.abs(pixels[i + 1] - bg[1]) + Math.abs(pixels[i + 2] - bg[2]) > tolerance) count++;
        }
        return { count, total: image.width * image.height, colours: counts.size };
      }, { data: png.toString('base64'), tolerance });
    },
    close: () => page.close(),
  };
}

// Screenshot of the top of the calculator (its header, tabs and first cards).
export async function canvasTop(page, height = 360) {
  const box = await page.locator('#microreach-canvas').boundingBox();
  const viewport = page.viewportSize();
  const y = Math.max(0, box.y);
  // caret: 'initial' skips the style Playwright injects to hide carets, which costs
  // a relayout and half a second of software rendering per screenshot.
  return page.screenshot({
    caret: 'initial',
    clip: { x: Math.max(0, box.x), y, width: Math.min(box.width, viewport.width), height: Math.min(height, viewport.height - y) },
  });
}

// Console errors and page errors, without the headless GPU driver's chatter.
export function watchErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/GL Driver Message|GPU stall|swiftshader|WebGL-|blocked by Playwright/i.test(message.text())) return;
    errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error}`));
  return errors;
}

// Init scripts (run before the app's own code in every document of a context).
export function recordClipboard() {
  window.__copied = [];
  const record = (text) => {
    window.__copied.push(String(text));
    return Promise.resolve();
  };
  try {
    Object.defineProperty(Clipboard.prototype, 'writeText', { value: record, configurable: true, writable: true });
  } catch (e) {}
}

export function storageFull() {
  Storage.prototype.setItem = function setItem() {
    throw new DOMException("Failed to execute 'setItem' on 'Storage': the quota has been exceeded.", 'QuotaExceededError');
  };
}

export function storageUnavailable() {
  const deny = () => {
    throw new DOMException('Access is denied for this document.', 'SecurityError');
  };
  Object.defineProperty(window, 'localStorage', { get: deny, configurable: true });
  Object.defineProperty(window, 'sessionStorage', { get: deny, configurable: true });
}

// Records main-thread tasks longer than 50 ms (the Long Tasks API).
export function recordLongTasks() {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
}

// The hook's published state, the report waiting for the live region (written after
// a 300 ms pause) and the live region's text.
export async function snapshot(page) {
  return page.evaluate(() => ({
    frames: window.__microreachTest?.frames ?? 0,
    wantTextInput: window.__microreachTest?.wantTextInput ?? false,
    state: window.__microreachTest?.state ?? null,
    pendingReport: window.__microreachPage?.pendingReport ?? null,
    live: document.getElementById('microreach-live')?.textContent ?? '',
  }));
}

// Inputable widgets (ImGuiItemStatusFlags_Inputable) of the last frame.
export const inputableFlag = 1 << 24;
export async function inputItems(page) {
  return page.evaluate((flag) => (window.__microreachTest?.items ?? []).filter((item) => item.flags & flag), inputableFlag);
}

// The `index`-th widget with this exact label, scrolled into view (the page scrolls,
// not the canvas); its centre in viewport coordinates. One round trip.
export async function revealNth(page, label, index = 0) {
  const found = await page.evaluate(({ label, index }) => {
    const item = (window.__microreachTest?.items ?? []).filter((i) => i.label === label)[index];
    if (!item) return null;
    const canvas = document.getElementById('microreach-frame'); // the layout's origin
    let box = canvas.getBoundingClientRect();
    const y = box.top + item.y + item.h / 2;
    if (y < 60 || y > window.innerHeight - 60) {
      window.scrollBy(0, y - window.innerHeight / 2);
      box = canvas.getBoundingClientRect();
    }
    return { item, x: box.left + item.x + Math.min(item.w / 2, 30), y: box.top + item.y + item.h / 2 };
  }, { label, index });
  if (!found) throw new Error(`no widget "${label}" #${index}`);
  return found;
}

// Fails typeIntoField with what was under the pointer and a screenshot of the page.
async function failWithPicture(page, label, index, what) {
  const shot = `typeIntoField-${label.replace(/\W/g, '')}.png`;
  await saveScreenshot(page, shot).catch(() => {});
  const seen = await page.evaluate(({ x, y }) => {
    const box = document.getElementById('microreach-frame').getBoundingClientRect();
    const hook = window.__microreachTest;
    const under = (hook?.items ?? []).filter((i) => x - box.left >= i.x && x - box.left <= i.x + i.w && y - box.top >= i.y && y - box.top <= i.y + i.h);
    return { under: under.map((i) => `${i.label} (${i.window})`), editing: hook?.wantTextInput, notices: hook?.state?.notices };
  }, await revealNth(page, label, index));
  throw new Error(`typeIntoField: "${label}" #${index} ${what} (${JSON.stringify(seen)}; screenshot ${shot})`);
}

// A real click on the field (which selects its text: the app's number fields use
// ImGui's AutoSelectAll), real key presses replacing the text, and Enter. With
// `copyFirst`, Ctrl+C copies the field's text before it is replaced (the app mirrors
// copies to navigator.clipboard.writeText, recorded by recordClipboard). Returns the
// copied text and the frame in which the field let go of the keyboard (the commit).
export async function typeIntoField(page, label, index, text, { copyFirst = false } = {}) {
  // On a loaded machine a click can land before the app has drawn the field where the
  // hook last saw it: find it again and click again, waiting longer each time.
  for (let attempt = 0; ; attempt++) {
    const { x, y } = await revealNth(page, label, index);
    await page.mouse.click(x, y);
    const editing = await page
      .waitForFunction(() => window.__microreachTest?.wantTextInput === true, null, { timeout: 5000 * (attempt + 1), polling: 16 })
      .then(() => true, () => false);
    if (editing) break;
    if (attempt === 2) await failWithPicture(page, label, index, 'did not take the keyboard after 3 clicks');
  }
  let copied = null;
  if (copyFirst) {
    const before = await page.evaluate(() => window.__copied.length);
    // A key pressed while a loaded machine is still drawing the click's frame can be
    // missed: press again, waiting longer each time.
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Control+c');
      const done = await page.waitForFunction((n) => window.__copied.length > n, before, { timeout: 5000 * (attempt + 1), polling: 16 })
        .then(() => true, () => false);
      if (done) break;
      if (attempt === 2) await failWithPicture(page, label, index, 'copied nothing after 3 presses of Ctrl+C');
    }
    copied = await page.evaluate(() => window.__copied[window.__copied.length - 1]);
  }
  if (text === '') await page.keyboard.press('Backspace');
  else await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  const committed = await page.waitForFunction(
    () => (window.__microreachTest?.wantTextInput === false ? window.__microreachTest.frames : 0), null, { timeout: 15000, polling: 16 });
  return { copied, frame: await committed.jsonValue() };
}

// Waits until frame `frame` was drawn (false if the app went idle before).
export async function frameDrawn(page, frame, timeout = 1500) {
  return page.waitForFunction((f) => (window.__microreachTest?.frames ?? 0) >= f, frame, { timeout, polling: 16 })
    .then(() => true, () => false);
}

// A file dropped on the calculator's frame with a real DataTransfer, built inside the
// page: `spec` is { name, type, base64 } or { name, type, csvRows, bytes } (a CSV made
// in the page, so megabytes need not cross the protocol).
export async function dropFile(page, spec) {
  await page.evaluate((spec) => {
    let parts;
    if (spec.base64) {
      parts = [Uint8Array.from(atob(spec.base64), (c) => c.charCodeAt(0))];
    } else {
      const lines = [spec.header];
      for (let i = 1; i <= spec.rows; i++) lines.push(spec.row.replaceAll('{i}', String(i)));
      parts = [lines.join('\r\n') + '\r\n'];
    }
    const file = new File(parts, spec.name, { type: spec.type });
    window.__droppedBytes = file.size;
    const target = document.getElementById('microreach-canvas').parentElement;
    const data = new DataTransfer();
    data.items.add(file);
    target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, spec);
  return page.evaluate(() => window.__droppedBytes);
}
