import { isbot } from 'isbot';

/**
 * Why a visit to a tracked link counts as a preview rather than a human click. Previews are kept
 * (with their reason) but never count as clicks, unique clicks or points.
 */
export const PREVIEW_REASONS = [
  'empty_user_agent',
  'prefetch',
  'link_preview',
  'crawler',
  'http_library',
  'mail_scanner',
  'bot',
] as const;
export type PreviewReason = (typeof PREVIEW_REASONS)[number];

export type VisitClass =
  | { readonly kind: 'click'; readonly reason: null }
  | { readonly kind: 'preview'; readonly reason: PreviewReason };

/** What the redirect knows about a visit, straight from the request headers. */
export interface VisitSignals {
  readonly userAgent?: string | null;
  /** `Sec-Purpose` (Chromium speculation rules, Safari): `prefetch`, `prefetch;prerender`. */
  readonly secPurpose?: string | null;
  /** `Purpose` (older Chromium) and `X-Purpose` (Safari previews): `prefetch`, `preview`. */
  readonly purpose?: string | null;
  /** `X-Moz` (Firefox link prefetching): `prefetch`. */
  readonly xMoz?: string | null;
  /** Lower-case host of the `Referer`, when there is one. */
  readonly referrerHost?: string | null;
}

const CLICK: VisitClass = Object.freeze({ kind: 'click', reason: null });
const preview = (reason: PreviewReason): VisitClass => ({ kind: 'preview', reason });

/**
 * The project's own user-agent list, checked before `isbot`, so the reason is specific and the
 * fetchers that matter most for advocacy links are recognised whatever `isbot`'s version says.
 * In-app browsers (`LinkedInApp`, `[FBAN/…]`, `Instagram …`, `Twitter for iPhone`) are people and
 * must not match: the patterns name the fetchers, not the apps.
 */
const OWN_LIST: readonly (readonly [RegExp, PreviewReason])[] = [
  [
    /linkedinbot|twitterbot|facebookexternalhit|facebot|meta-externalagent|meta-externalfetcher|slackbot|slack-imgproxy|^whatsapp\/|discordbot|telegrambot|\bmastodon\/|pleroma|akkoma|misskey|bluesky cardyb|cardyb\/|skypeuripreview|iframely|embedly|redditbot|pinterestbot|snapchat\/|vkshare|viber\/|microsoftpreview|teamsbot|skypebot|google-pagerenderer|bitlybot|tumblr\//i,
    'link_preview',
  ],
  [
    /googlebot|google-inspectiontool|adsbot-google|mediapartners-google|bingbot|bingpreview|applebot|yandexbot|duckduckbot|baiduspider|ahrefsbot|semrushbot|mj12bot|dotbot|petalbot|gptbot|chatgpt-user|oai-searchbot|claudebot|claude-user|anthropic-ai|perplexitybot|ccbot|bytespider|amazonbot|seznambot|qwantbot|ia_archiver|archive\.org_bot/i,
    'crawler',
  ],
  [
    /^curl\/|\bwget\/|python-requests|python-urllib|python-httpx|aiohttp|\bhttpx\/|go-http-client|\baxios\/|node-fetch|\bundici\b|^got\b|\bokhttp\/|^java\/|apache-httpclient|jakarta commons-httpclient|libwww-perl|lwp::simple|postmanruntime|insomnia\/|headlesschrome|phantomjs|scrapy|^ruby\b|faraday|\bdart:io\b|^dart\/|reqwest\/|^rest-client|guzzlehttp|http_request2|winhttp|^powershell/i,
    'http_library',
  ],
  [
    /barracuda|mimecast|proofpoint|urldefense|safelinks|safe links|microsoft defender|defender for office|microsoft office existence discovery|microsoft office protocol discovery|trend ?micro|symantec|ironport|forcepoint|fortiguard|sophos|cisco secure email|messagelabs|zscaler|checkpoint harmony|avanan|abnormal security|egress defend/i,
    'mail_scanner',
  ],
];

/** Hosts of mail-security link rewriters: a visit they refer is their scanner following the link. */
const MAIL_SCANNER_REFERRERS =
  /(^|\.)(safelinks\.protection\.outlook\.com|urldefense\.proofpoint\.com|urldefense\.com|mimecast\.com|mimecastprotect\.com|cudasvc\.com|barracudanetworks\.com|trendmicro\.com|protection\.sophos\.com)$/;

const PREFETCH = /(^|[\s;,])(prefetch|prerender|preview)($|[\s;,])/i;

function saysPrefetch(value: string | null | undefined): boolean {
  return typeof value === 'string' && PREFETCH.test(value);
}

/**
 * Tells a human click from a preview: an empty user agent, a prefetch (`Sec-Purpose`, `Purpose`,
 * `X-Purpose`, `X-Moz`), a link-preview fetcher, crawler, HTTP library or mail scanner (the
 * project's list), a mail scanner's referrer, or anything `isbot` recognises.
 */
export function classifyVisit(
  signals: VisitSignals,
  /** The user-agent step; a caller may pass a memoised {@link classifyUserAgent}. */
  byUserAgent: (userAgent: string) => VisitClass = classifyUserAgent,
): VisitClass {
  if (isPrefetchRequest(signals)) return preview('prefetch');
  const userAgent = signals.userAgent ?? '';
  if (userAgent.trim() === '') return preview('empty_user_agent');
  if (signals.referrerHost && MAIL_SCANNER_REFERRERS.test(signals.referrerHost)) {
    return preview('mail_scanner');
  }
  return byUserAgent(userAgent);
}

/** The user-agent part of {@link classifyVisit}; pure, so callers may memoise it per user agent. */
export function classifyUserAgent(userAgent: string): VisitClass {
  const trimmed = userAgent.trim();
  if (trimmed === '') return preview('empty_user_agent');
  for (const [pattern, reason] of OWN_LIST) if (pattern.test(trimmed)) return preview(reason);
  return isbot(trimmed) ? preview('bot') : CLICK;
}

/** True when the request asks for a prefetch or preview rather than a navigation. */
export function isPrefetchRequest(signals: Pick<VisitSignals, 'secPurpose' | 'purpose' | 'xMoz'>): boolean {
  return saysPrefetch(signals.secPurpose) || saysPrefetch(signals.purpose) || saysPrefetch(signals.xMoz);
}
