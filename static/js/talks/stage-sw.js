// The stage player's service worker (VERSION and PRECACHE are written in front of this file by the server).
// The player page, its script and styles are cached at install; the page asks for every slide of the
// session to be cached before it starts ("precache" message), so the stage keeps playing with no network.
const CACHE = `stage-${VERSION}`;

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
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("stage-") && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "precache" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      let count = 0;
      for (const url of data.urls) {
        try {
          if (!(await cache.match(url))) await cache.add(new Request(url, { credentials: "same-origin" }));
          count += 1;
        } catch (error) { /* counted as missing: the page shows how many are ready */ }
        if (event.source) event.source.postMessage({ type: "cached", count, total: data.urls.length });
      }
    }),
  );
});

// Pages: the network when it answers, else the cached copy. Everything else: the cache first.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(
      caches.open(CACHE).then((cache) => fetch(request)
        .then((response) => { if (response.ok) cache.put(request, response.clone()); return response; })
        .catch(() => cache.match(request, { ignoreSearch: true }).then((cached) => cached || Response.error()))),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((cached) => cached || fetch(request).then((response) => {
      if (response.ok && new URL(request.url).origin === self.location.origin) cache.put(request, response.clone());
      return response;
    }))),
  );
});
