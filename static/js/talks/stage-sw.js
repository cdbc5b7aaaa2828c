// The stage player's service worker (VERSION, PRECACHE and OFFLINE_CORE are written in front of this file by
// the server). The player page, its script and styles are cached at install; the page asks for every slide
// of the session to be cached before it starts ("precache" message), so the stage keeps playing with no
// network.
importScripts(OFFLINE_CORE);

const CACHE = `stage-${VERSION}`;

serveOffline({
  cacheName: CACHE,
  precache: PRECACHE,
  isOwnCache: (key) => key.startsWith("stage-"),
  // Pages: the network when it answers, else the cached copy. Everything else: the cache first.
  respond: (request) => (request.mode === "navigate" ? networkFirst(CACHE, request) : cacheFirst(CACHE, request)),
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
