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
        if (!userAgentSeen && name.toLowerCase() === 'user-agent') {
          found.userAgent = value;
          userAgentSeen = true;
        }
        break;
      case 7: {
        const lower = name.toLowerCase();
        if (lower === 'referer') found.referer ??= value;
        else if (lower === 'purpose') found.purpose ??= value;
        break;
      }
      case 11:
        if (name.toLowerCase() === 'sec-purpose') found.secPurpose ??= value;
        break;
      case 9:
        if (name.toLowerCase() === 'x-purpose') found.purpose ??= value;
        break;
      case 5:
        if (name.toLowerCase() === 'x-moz') found.xMoz ??= value;
        break;
      case 15:
        if (name.toLowerCase() === 'x-forwarded-for') {
          found.forwardedFor = found.forwardedFor === undefined ? value : `${found.forwardedFor}, ${value}`;
        }
        break;
    }
  }
  return found;
}
