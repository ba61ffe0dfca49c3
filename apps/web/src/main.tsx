// The entry: a few hundred bytes that run as soon as they arrive, while the app's scripts (preloaded
// by index.html) are still on their way. It sends the requests the first screen will need at once —
// the visitor's strings and, on a signed-in page, `/api/me`; on the feed also the feed, its sharing
// rules, the feed's code and its first picture; on the sign-in page its code — then starts the app
// (app/start.tsx).
import { sendEarly } from './app/early';
import { detectLanguage, loadLanguage } from './app/i18n/resources';
import { afterFirstScreen, firstScreenShown } from './app/firstScreen';
import { loadAllStyles } from './app/styles';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

/** Pages for people who are not signed in (app/router.tsx): they do not ask who is signed in. */
const publicPages =
  /^\/(login|invite\/|forgot-password|reset-password\/|join\/|confirm-join|setup|signup-organisation|unsubscribe)/;

/** Preloads the first picture of the feed's first page, as the feed card will show it. */
function preloadFirstPicture(feed: Promise<Response>): void {
  void feed
    .then((response) => (response.ok ? response.clone().json() : null))
    .then((page: { items?: { media?: { kind: string; url: string }[] }[] } | null) => {
      const picture = page?.items?.[0]?.media?.find((media) => media.kind === 'image');
      if (!picture) return;
      const link = document.createElement('link');
      link.rel = 'preload';
      link.as = 'image';
      link.href = picture.url;
      link.fetchPriority = 'high';
      document.head.append(link);
    })
    .catch(() => undefined);
}

void loadLanguage[detectLanguage()]();
const path = window.location.pathname;
// Every page but the feed renders with all of Mantine's styles (app/styles.ts): start them now.
if (path !== '/feed') void loadAllStyles();
if (path === '/login') void import('./features/auth/pages/LoginPage');
else if (!publicPages.test(path)) {
  void sendEarly('/api/me');
  if (path === '/feed') {
    // The same requests as useFeed's first page and useSharingRules (taken by the API client).
    preloadFirstPicture(sendEarly('/api/feed?limit=10'));
    void sendEarly('/api/organisation/sharing-rules');
    void import('./features/feed/pages/FeedPage');
  }
}

void import('./app/start').then(({ start }) => start(root));

// What the first screen does not need waits for it: the feed says when its first picture is in (or
// that it has none), any other page once the page has loaded; the feed gets five seconds after that.
const loaded = new Promise<void>((resolve) => {
  if (document.readyState === 'complete') resolve();
  else window.addEventListener('load', () => resolve(), { once: true });
});
void loaded.then(() => (path === '/feed' ? setTimeout(firstScreenShown, 5000) : firstScreenShown()));
void afterFirstScreen().then(() => {
  void loadAllStyles();
  // Built apps only: the development server has no service worker.
  if (import.meta.env.PROD) void import('./app/serviceWorker').then((sw) => sw.registerServiceWorker());
});
