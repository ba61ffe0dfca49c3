// The entry: a few hundred bytes that run as soon as they arrive, while the app's scripts (preloaded
// by index.html) are still on their way. It sends the requests the first screen will need at once —
// the visitor's strings and, on a signed-in page, `/api/me`; on the feed also the feed, its sharing
// rules, the feed's code and its first picture; on the sign-in page its code — then starts the app
// (app/start.tsx).
import { sendEarly } from './app/early';
import { detectLanguage, loadLanguage } from './app/i18n/resources';

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

// Built apps only: the development server has no service worker.
if (import.meta.env.PROD) void import('./app/serviceWorker').then((sw) => sw.registerServiceWorker());
