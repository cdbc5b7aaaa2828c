// The scanner's service worker (VERSION, SCOPE, PRECACHE and OFFLINE_CORE are written in front of this file
// by the server). The page and its assets are cached so that the scanner opens with no network; the API is
// never cached: the page itself decides what to do offline.
importScripts(OFFLINE_CORE);

const CACHE = `scanner-${VERSION}`;
const NETWORK_TIMEOUT_MS = 3000;
// Each language has its own worker and cache; only this language's older caches are dropped.
const LANGUAGE_SUFFIX = VERSION.slice(VERSION.lastIndexOf("-"));

serveOffline({
  cacheName: CACHE,
  precache: PRECACHE,
  isOwnCache: (key) => key.startsWith("scanner-") && key.endsWith(LANGUAGE_SUFFIX),
  respond(request, url) {
    if (url.origin !== self.location.origin) return null;
    // The page: fresh from the network when it answers quickly, else the cached copy.
    if (request.mode === "navigate" && url.pathname === SCOPE) {
      return networkFirst(CACHE, request, { key: SCOPE, timeoutMs: NETWORK_TIMEOUT_MS });
    }
    // Static assets: from the cache (they are versioned with the worker), fetched and kept when missing.
    if (PRECACHE.includes(url.pathname)) return cacheFirst(CACHE, request);
    return null;
  },
});
