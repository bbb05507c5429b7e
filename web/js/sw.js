// Offline use: after the first visit every file of the app is in a cache named after
// the build, and the app opens without a network.
//
// Only this build's files: the build stamps each file's name and SHA-256 into this
// script (FILES, LAZY below). Install downloads FILES, checks every body against its
// hash and fails (keeping the previous worker) when one differs: a half-finished
// upload or a stale CDN never becomes the offline copy. LAZY files (the single-file
// download) are cached when first fetched, after the same check. Any other URL (a
// sibling page in this worker's scope, another build's file, the API for embedders)
// is left to the network: this worker never answers it and never stores it.
//
// Updates: a deployment changes this script (new hashes), so the browser installs the
// new worker beside the old one. The new one waits (no skipWaiting) until no page of
// the old build is open: those pages keep loading the old build's files (the second
// wasm part on first touch) from the old cache. When the last of them closes, the new
// worker activates and deletes the older caches; the next page is the new build.
'use strict';

const BUILD = '__MICROREACH_BUILD__';
const FILES = __MICROREACH_FILES__;
const LAZY = __MICROREACH_LAZY__;
const PREFIX = 'microreach-';
const CACHE = PREFIX + BUILD;
const SCOPE = new URL(self.registration.scope);

async function sha256(buffer) {
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

// The response, if its body is the build's file; an Error naming the file otherwise.
async function verified(name, response) {
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  const body = await response.clone().arrayBuffer();
  const expected = FILES[name] || LAZY[name];
  if ((await sha256(body)) !== expected) throw new Error(`${name} is not the file of build ${BUILD}`);
  return response;
}

// The build's name for a request: "index.html" for the app's page (its folder, with
// any query: ?embed=1&budget=...), the file's name for one of the build's files, null
// for everything else.
function nameOf(request) {
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  const name = url.pathname.slice(SCOPE.pathname.length) || 'index.html';
  if (name === 'index.html') return name;
  return url.search === '' && (name in FILES || name in LAZY) ? name : null;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(Object.keys(FILES).map(async (name) => {
      const url = new URL(name === 'index.html' ? './' : name, SCOPE);
      const response = await fetch(new Request(url, { cache: 'reload' }));
      await cache.put(name, await verified(name, response));
    }));
  })().catch(async (error) => {
    await caches.delete(CACHE);
    throw error;
  }));
});

// Runs only when no page uses the previous worker any more: its caches can go.
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key)));
    await self.clients.claim();  // pages opened before any worker (none of an older one is left)
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const name = nameOf(request);
  if (name === null) return;  // the network's, untouched
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(name);
    if (cached) return cached;
    const response = await fetch(request);
    if (name in LAZY) {
      verified(name, response.clone()).then((good) => cache.put(name, good)).catch(() => {});
    }
    return response;
  })());
});
