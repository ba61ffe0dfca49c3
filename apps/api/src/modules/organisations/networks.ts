/**
 * The networks an organisation may enable, listed once for the API. The registry in
 * `@heimo/domain` will replace this list; until then nothing else in the API spells a network id.
 */
export const NETWORK_IDS = [
  'linkedin',
  'x',
  'facebook',
  'bluesky',
  'threads',
  'pinterest',
  'tumblr',
  'reddit',
  'whatsapp',
  'xing',
  'instagram',
  'email',
] as const;

export type NetworkId = (typeof NETWORK_IDS)[number];
