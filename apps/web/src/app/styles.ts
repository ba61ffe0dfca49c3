let all: Promise<unknown> | undefined;

/**
 * Loads the styles of every Mantine component (all-styles.ts), once. The app's first screen has only
 * those of the shell and the feed (first-screen.css); pages and dialogs other than the feed wait for
 * these before they render (lazyPage.ts), and the entry (main.tsx) loads them once
 * the first screen is complete anyway.
 */
export function loadAllStyles(): Promise<unknown> {
  all ??= import('./all-styles');
  return all;
}
