// Microreach script embed for blogs and articles. Paste where the calculator goes:
//
//   <div data-microreach data-screen="compare" data-budget="5000"></div>
//   <script async src="https://YOUR-HOST/microreach/embed.js"></script>
//
// Every <div data-microreach> becomes a responsive iframe of the calculator (the app
// in embed mode, from the folder this script came from). The iframe's height follows
// the calculator's content: the calculator posts {type: "microreach:height",
// version: 1, height} to this page; a message is used only when it comes from one of
// our iframes (event.source), from the calculator's origin (event.origin), and has
// exactly that shape. This page sends the calculator {type: "microreach:hello",
// version: 1}, addressed to the calculator's origin, so the calculator knows where to
// send heights, and {type: "microreach:viewport", version: 1, top, height}: the part of
// the iframe in the reader's view (CSS pixels from the iframe's top) after each scroll
// or resize, so that the calculator draws a canvas no taller than the screen, at full
// sharpness however tall the iframe is. No other data crosses, in either direction.
//
// An existing <iframe data-microreach-frame src=".../?embed=1"> (the plain iframe
// snippet, sandboxed or not) gets the same height following.
//
// Options (data attributes, all optional; docs/embedding.md has the full list):
//   data-screen, data-budget, data-currency, data-theme, data-accent, data-view -> URL parameters
//   (data-view="verdict": the compact embed, the comparison's answer only)
//   data-scenario  a share-link fragment (the state after "#" in a "Copy link" URL;
//                  "Get embed code" in the app fills it in)
//   data-title     the iframe's accessible name (default below)
//   data-height    the height in CSS pixels before the calculator reports its own
(function () {
  'use strict';
  const script = document.currentScript;
  const registry = window.__microreachEmbeds || (window.__microreachEmbeds = { frames: [], listening: false });
  const PARAMETERS = ['screen', 'budget', 'currency', 'theme', 'accent', 'view'];

  let appUrl;
  try {
    appUrl = new URL('./', script && script.src ? script.src : location.href);
  } catch (e) {
    return;
  }
  // An opaque origin (file://) serializes as "null" and cannot be addressed.
  const appOrigin = appUrl.origin;
  const addressable = appOrigin && appOrigin !== 'null';

  function isHeightMessage(data) {
    return data !== null && typeof data === 'object' && data.type === 'microreach:height' &&
      data.version === 1 && typeof data.height === 'number' && isFinite(data.height) &&
      data.height > 0 && data.height <= 100000;
  }

  function onMessage(event) {
    for (const entry of registry.frames) {
      if (event.source !== entry.iframe.contentWindow) continue;
      if (event.origin !== entry.origin && !(entry.origin === 'null' && event.origin === 'null')) return;
      if (!isHeightMessage(event.data)) return;
      entry.iframe.style.height = Math.ceil(event.data.height) + 'px';
      entry.iframe.dataset.microreachHeight = String(Math.ceil(event.data.height));
      entry.view = null;
      postViewport(entry);
      return;
    }
  }

  function hello(entry) {
    try {
      entry.iframe.contentWindow.postMessage({ type: 'microreach:hello', version: 1 }, entry.addressable ? entry.origin : '*');
    } catch (e) {}
    entry.view = null;
    postViewport(entry);
  }

  // The rows of the iframe in view, clamped to the iframe (an iframe out of view gets
  // height 0). Sent only when they changed.
  function postViewport(entry) {
    const box = entry.iframe.getBoundingClientRect();
    if (!(box.height > 0) || !entry.iframe.contentWindow) return;
    const top = Math.min(Math.max(0, -box.top), box.height);
    const bottom = Math.min(Math.max(0, window.innerHeight - box.top), box.height);
    const view = { top: Math.floor(top), height: Math.ceil(Math.max(0, bottom - top)) };
    if (entry.view && entry.view.top === view.top && entry.view.height === view.height) return;
    entry.view = view;
    try {
      entry.iframe.contentWindow.postMessage({ type: 'microreach:viewport', version: 1, top: view.top, height: view.height },
        entry.addressable ? entry.origin : '*');
    } catch (e) {}
  }

  // At most one round of viewport messages per animation frame while the reader scrolls.
  function scheduleViewports() {
    if (registry.viewportScheduled) return;
    registry.viewportScheduled = true;
    requestAnimationFrame(function () {
      registry.viewportScheduled = false;
      for (const entry of registry.frames) postViewport(entry);
    });
  }

  function mount(host) {
    if (host.dataset.microreachMounted) return;
    host.dataset.microreachMounted = 'true';
    const src = new URL(appUrl.href);
    src.searchParams.set('embed', '1');
    // Snippets from older versions of "Get embed code" carry the state in data-src
    // (".../?embed=1#v1...."): its parameters and fragment are read (never its address:
    // the calculator always comes from this script's folder).
    let legacy = null;
    try {
      if (host.getAttribute('data-src')) legacy = new URL(host.getAttribute('data-src'), appUrl.href);
    } catch (e) {
      legacy = null;
    }
    for (const name of PARAMETERS) {
      const value = host.getAttribute('data-' + name) || (legacy && legacy.searchParams.get(name));
      if (value) src.searchParams.set(name, value);
    }
    const scenario = host.getAttribute('data-scenario') || (legacy && legacy.hash);
    if (scenario) src.hash = scenario.charAt(0) === '#' ? scenario.substring(1) : scenario;

    const iframe = document.createElement('iframe');
    iframe.src = src.href;
    iframe.title = host.getAttribute('data-title') || 'Microreach influencer campaign calculator';
    iframe.setAttribute('allow', 'clipboard-write');
    iframe.setAttribute('loading', 'lazy');
    iframe.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    iframe.className = 'microreach-embed-frame';
    const initial = Number(host.getAttribute('data-height')) || 640;
    iframe.style.width = '0';
    iframe.style.minWidth = '100%';
    iframe.style.border = 'none';
    iframe.style.display = 'block';
    iframe.style.height = initial + 'px';
    const entry = { iframe: iframe, origin: appOrigin, addressable: addressable };
    registry.frames.push(entry);
    iframe.addEventListener('load', function () { hello(entry); });
    host.appendChild(iframe);
  }

  // A plain iframe snippet (<iframe data-microreach-frame src=".../?embed=1">) gets
  // the same height following. A sandboxed iframe without allow-same-origin runs
  // in an opaque origin, so its messages arrive from "null".
  function adopt(iframe) {
    if (iframe.dataset.microreachMounted) return;
    iframe.dataset.microreachMounted = 'true';
    let origin;
    try {
      origin = new URL(iframe.getAttribute('src') || '', location.href).origin;
    } catch (e) {
      return;
    }
    const sandbox = iframe.getAttribute('sandbox');
    const opaque = sandbox !== null && !/(^|\s)allow-same-origin(\s|$)/.test(sandbox);
    if (opaque) origin = 'null';
    const entry = { iframe: iframe, origin: origin, addressable: origin !== 'null' };
    registry.frames.push(entry);
    iframe.addEventListener('load', function () { hello(entry); });
    hello(entry);
  }

  function mountAll() {
    document.querySelectorAll('[data-microreach]').forEach(mount);
    document.querySelectorAll('iframe[data-microreach-frame]').forEach(adopt);
  }

  if (!registry.listening) {
    registry.listening = true;
    window.addEventListener('message', onMessage);
    window.addEventListener('scroll', scheduleViewports, { passive: true });
    window.addEventListener('resize', scheduleViewports);
  }
  mountAll();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll, { once: true });
})();
