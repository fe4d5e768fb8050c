/* The installable application's service worker, completed at build time (vite.config.ts).
 * - Precaches the shell, the login and the informant's page, so that page opens with no network at all.
 * - Navigations: network first, the cached index.html when offline (the client routes are all one page).
 * - Hashed assets: cache first (their names change with their content), kept once fetched.
 * - The API is never cached: answers are the server's, and a report waiting to be sent lives in
 *   IndexedDB (src/pages/informant/outbox.ts), resent by the page with its Idempotency-Key.
 */
const PRECACHE = self.__PRECACHE__;
const CACHE = `labour-cases-${self.__VERSION__}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('labour-cases-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (/^\/(api|docs|health)(\/|$)/.test(url.pathname)) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match('/')).then((page) => page || Response.error())),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok && url.pathname.startsWith('/assets/')) cache.put(request, response.clone());
            return response;
          }),
      ),
    ),
  );
});
