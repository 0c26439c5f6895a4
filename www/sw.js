// The service worker: on the first visit it caches the whole designer (page, scripts,
// styles, the wasm engine) so that it opens and works with no network: a technician in a
// room with no signal, a kiosk at a trade fair. Caches are versioned by a hash of the files
// (pkg/precache-manifest.js, written by scripts/build); a new version installs beside the
// old one and waits until the page asks for it (the visitor taps "Update available:
// reload"), so it never reloads over a visitor's work. Only same-origin GET requests are
// answered; nothing is ever sent anywhere. (After Squoosh's service worker.)

importScripts('pkg/precache-manifest.js');

const { version, files } = self.PRECACHE;
const PREFIX = 'hairline-';
const CACHE = `${PREFIX}${version}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(files)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// The page says when the visitor accepted the update.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A page with a query (?demo) or a fragment is still the same cached page.
    const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    try {
      return await fetch(request);
    } catch (error) {
      if (request.mode === 'navigate') {
        const page = await cache.match('./');
        if (page) return page;
      }
      throw error;
    }
  })());
});
