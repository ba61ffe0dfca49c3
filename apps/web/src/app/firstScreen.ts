// When the first screen is complete, so that what it does not need (the rest of the styles, the
// service worker) loads after it instead of sharing a phone's bandwidth with it. Part of the entry:
// no imports. A page's load event comes too early for that: the app's requests come after it.

let show: () => void = () => undefined;
const shown = new Promise<void>((resolve) => {
  show = resolve;
});

/** Says the first screen is complete: called by the feed once its first picture is in, or by main.tsx. */
export function firstScreenShown(): void {
  show();
}

/** Resolves once the first screen is complete. */
export function afterFirstScreen(): Promise<void> {
  return shown;
}
