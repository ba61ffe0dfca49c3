import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { setupI18n } from './i18n/i18n';

/**
 * Renders the app into `root` once the visitor's language has loaded (rendering after it avoids a
 * flash of keys). Loaded by the entry (main.tsx); index.html preloads this chunk and what it imports.
 */
export async function start(root: HTMLElement): Promise<void> {
  await setupI18n();
  // A transition: React renders the first screen in slices and lets the browser in between, rather
  // than in one long task that a phone's slower CPU would feel as a frozen page.
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
}
