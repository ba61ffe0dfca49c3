/** A sign-in's browser and system, named for the member who lists their sessions. */
export interface DescribedUserAgent {
  /** `Firefox 128`, `Chrome 131`, … or null when not recognised. */
  readonly browser: string | null;
  /** `Windows`, `macOS`, `iOS 17.5`, `Android 14`, `Linux`, … or null when not recognised. */
  readonly system: string | null;
}

/** Longest user agent looked at; longer ones are cut (they are no more telling, only heavier). */
export const USER_AGENT_MAX_LENGTH = 512;

// Order matters: Edge, Opera, Samsung Internet and Chrome on iOS all also say `Chrome` or `Safari`.
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/\bFirefox\/(\d+)/, 'Firefox'],
  [/\bFxiOS\/(\d+)/, 'Firefox'],
  [/\bCriOS\/(\d+)/, 'Chrome'],
  [/(?:\b|Headless)Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)(?:\.\d+)*(?: Mobile\/\w+)? Safari\//, 'Safari'],
];

function system(ua: string): string | null {
  const ios = /\b(?:iPhone|iPad|iPod)\b.*? OS (\d+)(?:_(\d+))?/.exec(ua);
  if (ios) return `iOS ${ios[1]}${ios[2] ? `.${ios[2]}` : ''}`;
  const android = /\bAndroid (\d+(?:\.\d+)?)/.exec(ua);
  if (android) return `Android ${android[1]}`;
  if (/\bCrOS\b/.test(ua)) return 'ChromeOS';
  if (/\bWindows\b/.test(ua)) return 'Windows';
  if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) return 'macOS';
  if (/\bLinux\b/.test(ua)) return 'Linux';
  return null;
}

/**
 * The browser (with its major version) and system a user agent names; null for what it does not
 * recognise. A few well-known patterns only: it names a session for its member, nothing depends on it.
 */
export function describeUserAgent(userAgent: string | null | undefined): DescribedUserAgent {
  const ua = (userAgent ?? '').slice(0, USER_AGENT_MAX_LENGTH);
  let browser: string | null = null;
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  return { browser, system: ua ? system(ua) : null };
}
