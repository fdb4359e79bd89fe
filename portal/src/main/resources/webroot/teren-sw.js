// Service worker of the caravan crew's page (/teren): keeps the day's page and its assets so the page
// opens with no connection. Pages and lists: network first, the last copy when offline. Assets: the
// cached copy at once, refreshed in the background. Writes are never handled here: the page keeps
// its marks in IndexedDB and sends them itself when a connection returns.
'use strict';

const CACHE = 'caravana-teren-v1';
const ASSETS = ['/assets/site.css', '/assets/field.css', '/assets/teren.css', '/assets/teren.js'];
const LAST_PAGE = '/teren';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('caravana-teren-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

function isPage(url, request) {
  return request.mode === 'navigate' && url.pathname === '/teren';
}

async function networkFirst(request, fallbackKey) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // only a real day page is kept (not a redirect to sign in, not an error page)
    if (response.ok && !response.redirected) {
      await cache.put(request, response.clone());
      if (fallbackKey) await cache.put(fallbackKey, response.clone());
    }
    return response;
  } catch (offline) {
    const cached = (await cache.match(request)) || (fallbackKey && (await cache.match(fallbackKey)));
    if (cached) return cached;
    throw offline;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  const refresh = fetch(request).then((response) => {
    if (response.ok) cache.put(request, response.clone());
    return response;
  });
  if (cached) {
    refresh.catch(() => undefined);
    return cached;
  }
  return refresh;
}

// The page asks for itself to be kept (its first load happened before this worker controlled it).
self.addEventListener('message', (event) => {
  const reply = (kept) => event.ports && event.ports[0] && event.ports[0].postMessage({ kept });
  if (!event.data || event.data.type !== 'keep') return;
  const url = new URL(event.data.url, self.location.origin);
  if (url.origin !== self.location.origin || url.pathname !== LAST_PAGE) { reply(false); return; }
  event.waitUntil(keep(url.href).then(reply, () => reply(false)));
});

async function keep(href) {
  const cache = await caches.open(CACHE);
  const response = await fetch(href, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok || response.redirected) return false;
  await cache.put(href, response.clone());
  await cache.put(LAST_PAGE, response);
  return true;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isPage(url, request)) event.respondWith(networkFirst(request, LAST_PAGE));
  else if (url.pathname === '/api/field/day') event.respondWith(networkFirst(request, null));
  else if (ASSETS.includes(url.pathname)) event.respondWith(cacheFirst(request));
});
