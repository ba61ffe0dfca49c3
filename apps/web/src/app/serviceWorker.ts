// Registering the service worker and taking a new version: loaded after the page, so the first
// load carries none of it.
import { offerUpdate } from './offline';

/** Lets the waiting version take over; the page reloads once it has. */
export function applyUpdate(waiting: ServiceWorker): void {
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
    once: true,
  });
  waiting.postMessage({ type: 'SKIP_WAITING' });
}

/** Registers /sw.js (main.tsx calls it in built apps only: the development server has none). */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const offer = (registration: ServiceWorkerRegistration) => {
    // A waiting worker beside an active one is a new version; the first install has nothing to replace.
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
  };
  const register = () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then((registration) => {
        offer(registration);
        registration.addEventListener('updatefound', () => {
          const installing = registration.installing;
          installing?.addEventListener('statechange', () => {
            if (installing.state === 'installed') offer(registration);
          });
        });
      })
      .catch(() => undefined); // no service worker: the app works online as before
  };
  // After the page's own load, so installing never competes with it.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
