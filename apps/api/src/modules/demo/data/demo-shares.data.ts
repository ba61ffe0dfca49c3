import type { NetworkId, PreviewReason } from '@heimo/domain';

// Data only, used by demo-shares.ts: the shape of the demo's sharing history.

/** The demo's history reaches this far back. */
export const DEMO_HISTORY_DAYS = 90;

/** The seed of the demo's random generator, so every demo has the same shape. */
export const DEMO_HISTORY_SEED = 20261123;

/** The networks demo people are on, with the audience each brings (before a per-person factor). */
export const DEMO_PROFILE_NETWORKS: readonly { readonly network: NetworkId; readonly audience: number }[] = [
  { network: 'linkedin', audience: 650 },
  { network: 'x', audience: 420 },
  { network: 'facebook', audience: 300 },
  { network: 'bluesky', audience: 180 },
];

/** The previews on each share cycle through these reasons. */
export const DEMO_PREVIEW_REASONS: readonly PreviewReason[] = ['link_preview', 'crawler', 'http_library'];
