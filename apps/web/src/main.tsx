import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { setupI18n } from './app/i18n/i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The visitor's language loads first (one small chunk); rendering after it avoids a flash of keys.
void setupI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});

// Built apps only: the development server has no service worker.
if (import.meta.env.PROD) void import('./app/serviceWorker').then((sw) => sw.registerServiceWorker());
