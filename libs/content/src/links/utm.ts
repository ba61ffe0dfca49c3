import { encodeQueryValue, type NetworkId } from '@heimo/domain';
import {
  formatDestinationUrl,
  parseDestinationUrl,
  type DestinationUrl,
  type LinkRefusal,
} from './destination-url';

export interface UtmParams {
  readonly source: string;
  readonly medium: string;
  readonly campaign: string;
  readonly content: string;
}

/** The medium every advocacy share reports. */
export const UTM_MEDIUM = 'advocacy';

export type BuiltLink = { readonly ok: true; readonly url: string } | LinkRefusal;

const UTM_ORDER = ['source', 'medium', 'campaign', 'content'] as const;

function parameterName(piece: string): string {
  const raw = piece.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/**
 * Adds `utm_source`, `utm_medium`, `utm_campaign` and `utm_content` to a destination. The rest of
 * the query keeps its order, encoding and separators and the fragment stays last. Every earlier
 * `utm_*` parameter is dropped, whether it follows `&` or `;` (also `utm_term`, `utm_id` …), so attribution never mixes two campaigns and
 * building twice gives the same URL. Empty values are left out.
 */
export function buildUtmUrl(destination: string | DestinationUrl, utm: UtmParams): BuiltLink {
  let url: DestinationUrl;
  if (typeof destination === 'string') {
    const parsed = parseDestinationUrl(destination);
    if (!parsed.ok) return parsed;
    url = parsed.url;
  } else {
    url = destination;
  }

  // Parameters are split on `&` and on `;` (which some servers also take as a separator), and each
  // kept one keeps the separator written before it.
  const parts = (url.query ?? '').split(/([&;])/);
  let kept = '';
  for (let i = 0; i < parts.length; i += 2) {
    const piece = parts[i] ?? '';
    if (piece === '' || parameterName(piece).startsWith('utm_')) continue;
    kept += kept === '' ? piece : `${parts[i - 1] ?? '&'}${piece}`;
  }
  const added = UTM_ORDER.filter((key) => utm[key] !== '').map(
    (key) => `utm_${key}=${encodeQueryValue(utm[key])}`,
  );
  const query = [kept, ...added].filter((part) => part !== '').join('&');
  return { ok: true, url: formatDestinationUrl({ ...url, query: query === '' ? null : query }) };
}

/**
 * Where `/r/:code` sends a visitor: the pack's destination with
 * `utm_source=<network>&utm_medium=advocacy&utm_campaign=<campaign>&utm_content=<share code>`.
 */
export function buildShareRedirectUrl(input: {
  readonly destination: string | DestinationUrl;
  readonly networkId: NetworkId;
  /** The pack's campaign name (its slug, or its id). */
  readonly campaign: string;
  readonly shareCode: string;
}): BuiltLink {
  return buildUtmUrl(input.destination, {
    source: input.networkId,
    medium: UTM_MEDIUM,
    campaign: input.campaign,
    content: input.shareCode,
  });
}
