/** The request headers the click counter reads. */
export interface VisitHeaders {
  userAgent: string;
  referer: string | undefined;
  secPurpose: string | undefined;
  purpose: string | undefined;
  xMoz: string | undefined;
  forwardedFor: string | undefined;
}

/**
 * True when `name` is the header `lower` (its lower-case name) in any casing. The usual casing
 * (`canonical`) matches without building a lower-cased copy, and a name of the same length whose
 * first letter differs (`Connection` for `User-Agent`, `Accept-Language` for `X-Forwarded-For`) is
 * turned away before one is built.
 */
function named(name: string, canonical: string, lower: string): boolean {
  return (
    name === canonical ||
    ((name.charCodeAt(0) | 0x20) === lower.charCodeAt(0) && name.toLowerCase() === lower)
  );
}

/**
 * Reads the counter's headers from `rawHeaders` in one pass, without building Node's lower-cased
 * `headers` object (measurable on the redirect's hot path). As Node does, the first `User-Agent`
 * and `Referer` win and several `X-Forwarded-For` headers are joined with ", ". `X-Purpose`
 * (Safari) is read as `Purpose`.
 */
export function readVisitHeaders(raw: readonly string[]): VisitHeaders {
  const found: VisitHeaders = {
    userAgent: '',
    referer: undefined,
    secPurpose: undefined,
    purpose: undefined,
    xMoz: undefined,
    forwardedFor: undefined,
  };
  let userAgentSeen = false;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    switch (name.length) {
      case 10:
        if (!userAgentSeen && named(name, 'User-Agent', 'user-agent')) {
          found.userAgent = value;
          userAgentSeen = true;
        }
        break;
      case 7:
        if (named(name, 'Referer', 'referer')) found.referer ??= value;
        else if (named(name, 'Purpose', 'purpose')) found.purpose ??= value;
        break;
      case 11:
        if (named(name, 'Sec-Purpose', 'sec-purpose')) found.secPurpose ??= value;
        break;
      case 9:
        if (named(name, 'X-Purpose', 'x-purpose')) found.purpose ??= value;
        break;
      case 5:
        if (named(name, 'X-Moz', 'x-moz')) found.xMoz ??= value;
        break;
      case 15:
        if (named(name, 'X-Forwarded-For', 'x-forwarded-for')) {
          found.forwardedFor = found.forwardedFor === undefined ? value : `${found.forwardedFor}, ${value}`;
        }
        break;
    }
  }
  return found;
}
