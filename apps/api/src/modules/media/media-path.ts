/**
 * Where the bytes of an asset are served, relative to the app's origin: what the web client loads, so
 * pictures show wherever the app is opened. Share intents and e-mails prefix it with `PUBLIC_URL`.
 */
export function mediaPath(id: string): string {
  return `/media/${id}`;
}
