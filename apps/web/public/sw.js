/*
 * Kabinet's service worker: the app shell starts instantly and offline. Hashed assets are cached for
 * good (their names change with every build). A navigation to an app screen is answered from the cached
 * shell at once, and the shell is fetched again in the background for the next start (with the assets
 * it names, so a cached shell never points at code that is not cached); the server's own pages (API,
 * docs, the payment sandbox…) always go to the network. API answers are never cached here: they are
 * private to a signed-in person, and the app keeps the last known balance itself (and forgets it on
 * sign-out).
 */
const SHELL_CACHE = 'kabinet-shell-v2';
const ASSET_CACHE = 'kabinet-assets-v1';
const STATIC = ['/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png'];
/** Paths the server answers itself; every other navigation is a screen of the app (index.html). */
const SERVER_PAGES = /^\/(api|docs|dev|sandbox|metrics|healthz|readyz)(\/|$)|\.[a-z0-9]+$/i;

/** Keeps a fresh app shell, after caching the scripts and styles it names. */
async function keepShell(response) {
  const html = await response.clone().text();
  const assets = new Set(html.match(/\/assets\/[\w.-]+\.(js|css)/g) ?? []);
  const assetCache = await caches.open(ASSET_CACHE);
  await Promise.all(
    [...assets].map(async (url) => {
      if (!(await assetCache.match(url))) await assetCache.add(url);
    }),
  );
  await (await caches.open(SHELL_CACHE)).put('/', response);
}

async function fetchShell() {
  const response = await fetch('/', { cache: 'no-cache' });
  if (response.ok) await keepShell(response);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    Promise.all([caches.open(SHELL_CACHE).then((cache) => cache.addAll(STATIC)), fetchShell()]).then(() =>
      self.skipWaiting(),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key !== SHELL_CACHE && key !== ASSET_CACHE).map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.open(ASSET_CACHE).then(async (cache) => {
        const cached = await cache.match(request);
        if (cached) return cached;
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      }),
    );
    return;
  }
  if (request.mode === 'navigate' && !SERVER_PAGES.test(url.pathname)) {
    event.respondWith(
      caches.match('/', { cacheName: SHELL_CACHE }).then(async (cached) => {
        if (cached) {
          // The next start gets what was deployed since; this one starts now.
          event.waitUntil(fetchShell().catch(() => undefined));
          return cached;
        }
        const response = await fetch(request);
        if (response.ok) event.waitUntil(keepShell(response.clone()).catch(() => undefined));
        return response;
      }),
    );
  }
});
