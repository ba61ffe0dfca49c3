// Unsaved text that must outlive a trip to the sign-in page (the session ended and the person chose
// to sign in there): kept in this tab's sessionStorage, never sent anywhere, emptied on sign-out.

const PREFIX = 'heimo.draft.';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage switched off: the text then lives as long as the page, as before
  }
}

export function readDraft(key: string): string | null {
  try {
    return storage()?.getItem(PREFIX + key) ?? null;
  } catch {
    return null;
  }
}

/** Keeps `text` under `key`, or forgets it when `text` is null. */
export function writeDraft(key: string, text: string | null): void {
  try {
    if (text === null) storage()?.removeItem(PREFIX + key);
    else storage()?.setItem(PREFIX + key, text);
  } catch {
    // full or switched off: nothing to keep then
  }
}

/** Forgets every draft of this tab (signing out). */
export function clearDrafts(): void {
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
}
