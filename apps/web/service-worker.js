// Heimo's service worker, written to dist/sw.js by the build (apps/web/service-worker-plugin.ts),
// which puts the build's version and the app shell's files in place of PRECACHE below.
// - The app shell (index.html, the entry's scripts and styles, the feed's and My impact's pages, the
//   manifest and icons) is cached at install: the app opens without a network.
// - Pages: the network first, the cached index.html when there is none.
// - Hashed files (/assets/) and pictures (/media/): from the cache, else the network, kept as they come.
// - What the feed and My impact read (READABLE_OFFLINE): the network first, the last answer when there
//   is none, marked with the time it was fetched (X-Heimo-Cached-At) so the page can say how old it is.
// A new version waits until the page tells it to take over (the page's reload prompt).
const PRECACHE = self.__HEIMO_PRECACHE__;
const SHELL_CACHE = `heimo-shell-${PRECACHE.version}`;
const ASSET_CACHE = 'heimo-assets';
// Also named in apps/web/src/app/offline.ts, which empties it on sign-out.
const DATA_CACHE = 'heimo-data';
const READABLE_OFFLINE = [
  '/api/me',
  '/api/feed',
  '/api/me/impact',
  '/api/me/shares',
  '/api/organisation/sharing-rules',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(PRECACHE.files)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith('heimo-shell-') && key !== SHELL_CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

async function page(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match('/index.html', { cacheName: SHELL_CACHE });
    if (shell) return shell;
    throw error;
  }
}

async function asset(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(ASSET_CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

async function data(request) {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      const headers = new Headers(response.headers);
      headers.set('X-Heimo-Cached-At', new Date().toISOString());
      const body = await response.clone().blob();
      await cache.put(request, new Response(body, { status: response.status, headers }));
    } else if (response.status === 401) {
      // Signed out elsewhere: nothing of this member stays readable here.
      await caches.delete(DATA_CACHE);
    }
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (/^\/(api|healthz|r|media)\//.test(url.pathname)) return;
    event.respondWith(page(request));
  } else if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/media/')) {
    event.respondWith(asset(request));
  } else if (READABLE_OFFLINE.includes(url.pathname)) {
    event.respondWith(data(request));
  }
});

// Web Push: the server sends only { title, body, url } (url: a path of the app, the pack in the feed).
self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : '' };
  }
  const url = typeof message.url === 'string' && message.url.startsWith('/') ? message.url : '/feed';
  event.waitUntil(
    self.registration.showNotification(message.title || 'Heimo', {
      body: message.body || '',
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { url },
      tag: url,
    }),
  );
});

// A tap opens the page in a window of the app that is already open, else in a new one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(
    (event.notification.data && event.notification.data.url) || '/feed',
    self.location.origin,
  );
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => new URL(client.url).origin === target.origin);
      if (open) return open.navigate(target.href).then((client) => (client || open).focus());
      return self.clients.openWindow(target.href);
    }),
  );
});
