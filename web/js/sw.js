// Offline use: after the first visit every file of the app is in a cache named after
// the build, and the app opens without a network.
//
// Update: the build writes a hash of every file into this script (BUILD below), so a
// new deployment is a new service worker with a new cache. It downloads the whole new
// version, takes over, and deletes every older Microreach cache. Pages already open
// keep running (the app loads everything at start); the next load is the new version.
//
// Requests: GET requests to this site are answered from the cache, falling back to
// the network (and cached on success, e.g. the single-file download). Nothing else is
// touched; the app makes no request to another site.
'use strict';

const BUILD = '__MICROREACH_BUILD__';
const FILES = __MICROREACH_FILES__;
const PREFIX = 'microreach-';
const CACHE = PREFIX + BUILD;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The query string configures the app (?embed=1&budget=...); the files are the same.
    let cached = await cache.match(request, { ignoreSearch: true });
    if (!cached && request.mode === 'navigate' && url.pathname.endsWith('/')) {
      cached = await cache.match(new URL('index.html', url), { ignoreSearch: true });
    }
    if (cached) return cached;
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') cache.put(request, response.clone()).catch(() => {});
    return response;
  })());
});
