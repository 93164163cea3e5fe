/* global self, caches, fetch, Response */
/* ProxiDom service worker: the worker's round (« Ma tournée ») works with no network.
 * - The app shell (index.html and the built assets) is cached at install and kept fresh.
 * - Only the signed-in user's own answers needed offline are cached: GET /api/me and /api/me/today.
 * - Those answers are dropped when anyone signs in or out, so another user never reads them.
 * - Changes (POST…) are never cached nor replayed here: the page queues them with idempotency keys. */
const SHELL_CACHE = 'proxidom-shell-v1';
const DATA_CACHE = 'proxidom-data-v1';
const SHELL_URL = '/intervenant/tournee';
const CACHED_API = new Set(['/api/me', '/api/me/today']);

async function cacheShell() {
  const cache = await caches.open(SHELL_CACHE);
  const response = await fetch(SHELL_URL, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(SHELL_URL, response);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await Promise.all(['/manifest.webmanifest', '/icons/icon.svg', ...assets].map((url) => cache.add(url).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().catch(() => undefined).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL_CACHE && k !== DATA_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheName, cacheKey) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(cacheKey, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(cacheKey);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function offlineProblem() {
  const body = JSON.stringify({ type: 'about:blank', title: 'Hors ligne', status: 503, detail: 'Hors ligne : cette information n’est pas disponible sur le téléphone.' });
  return new Response(body, { status: 503, headers: { 'content-type': 'application/problem+json' } });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    // Signing in or out: whatever the previous user read must go.
    if (url.pathname === '/api/auth/logout' || url.pathname === '/api/auth/login') event.waitUntil(caches.delete(DATA_CACHE));
    return;
  }
  if (request.mode === 'navigate' || url.pathname === SHELL_URL) {
    // One page for every route (single-page app): the latest shell, or the cached one offline.
    event.respondWith(networkFirst(request, SHELL_CACHE, SHELL_URL).catch(() => offlineProblem()));
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/') || url.pathname === '/manifest.webmanifest') {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (CACHED_API.has(url.pathname) && url.search === '') {
    event.respondWith(networkFirst(request, DATA_CACHE, url.pathname).catch(() => offlineProblem()));
  }
});
