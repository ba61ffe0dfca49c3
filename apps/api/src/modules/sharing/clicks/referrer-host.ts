const HOST = /^(?:[a-z0-9-]{1,63}\.)*[a-z0-9-]{1,63}$|^\[[0-9a-f:.]+\]$/;

/** The host of a Referer, lower-case, without port or credentials; null when there is none. */
export function referrerHost(referer: string | undefined | null): string | null {
  if (!referer) return null;
  const start = referer.indexOf('://');
  if (start <= 0 || start > 10) return null;
  let end = start + 3;
  // Up to the first '/', '?' or '#'.
  while (end < referer.length) {
    const c = referer.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break;
    end += 1;
  }
  let host = referer.slice(start + 3, end);
  const at = host.lastIndexOf('@');
  if (at !== -1) host = host.slice(at + 1);
  if (host.startsWith('[')) {
    host = host.slice(0, host.indexOf(']') + 1);
  } else {
    const colon = host.indexOf(':');
    if (colon !== -1) host = host.slice(0, colon);
  }
  host = host.toLowerCase();
  return host.length > 0 && host.length <= 253 && HOST.test(host) ? host : null;
}
