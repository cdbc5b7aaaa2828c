// What the site's offline service workers share (the gate scanner's and the stage player's). A worker loads
// this file with importScripts() and calls serveOffline() with its own configuration: its cache, what to
// precache, which older caches are its own, and how to answer each request. The browser keeps imported
// scripts with the worker, so this file needs no place in the precache list to be there offline; the
// worker's VERSION covers this file's content, so a change here installs a new worker and a new cache.

function withTimeout(promise, ms) {
  if (!ms) return promise;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}

// The network when it answers (within timeoutMs, if given), kept under `key`; else the copy kept there.
async function networkFirst(cacheName, request, { key = request, timeoutMs = 0 } = {}) {
  const cache = await caches.open(cacheName);
  try {
    const response = await withTimeout(fetch(request), timeoutMs);
    if (response.ok) cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

// The cached copy (files are versioned with the worker); when missing, fetched and kept if from this site.
async function cacheFirst(cacheName, request) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && new URL(request.url).origin === self.location.origin) cache.put(request, response.clone());
  return response;
}

// cacheName: this version's cache; precache: the URLs cached at install; isOwnCache(key): whether a cache
// belongs to this worker (every other version of it is dropped on activation); respond(request, url): the
// promised response to a GET, or null to leave it to the browser.
function serveOffline({ cacheName, precache, isOwnCache, respond }) {
  self.addEventListener("install", (event) => {
    event.waitUntil(
      caches.open(cacheName)
        .then((cache) => cache.addAll(precache.map((url) => new Request(url, { cache: "reload", credentials: "same-origin" }))))
        .then(() => self.skipWaiting()),
    );
  });

  self.addEventListener("activate", (event) => {
    event.waitUntil(
      caches.keys()
        .then((keys) => Promise.all(keys.filter((key) => key !== cacheName && isOwnCache(key)).map((key) => caches.delete(key))))
        .then(() => self.clients.claim()),
    );
  });

  self.addEventListener("fetch", (event) => {
    if (event.request.method !== "GET") return;
    const response = respond(event.request, new URL(event.request.url));
    if (response) event.respondWith(response);
  });
}
