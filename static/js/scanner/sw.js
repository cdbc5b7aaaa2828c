// The scanner's service worker (VERSION, SCOPE and PRECACHE are written in front of this file by the server).
// The page and its assets are cached so that the scanner opens with no network; the API is never cached:
// the page itself decides what to do offline.
const CACHE = `scanner-${VERSION}`;
const NETWORK_TIMEOUT_MS = 3000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload", credentials: "same-origin" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        // Each language has its own worker and cache; only this language's older caches are dropped.
        keys.filter((key) => key.startsWith("scanner-") && key.endsWith(VERSION.slice(VERSION.lastIndexOf("-"))) && key !== CACHE)
          .map((key) => caches.delete(key)),
      ))
      .then(() => self.clients.claim()),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}

// The page: fresh from the network when it answers quickly, else the cached copy.
async function page(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok) cache.put(SCOPE, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(SCOPE);
    if (cached) return cached;
    throw error;
  }
}

// Static assets: from the cache (they are versioned with the worker), fetched and kept when missing.
async function asset(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === SCOPE) {
    event.respondWith(page(request));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(asset(request));
  }
});
