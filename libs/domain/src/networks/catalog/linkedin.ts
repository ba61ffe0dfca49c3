import { defineNetwork } from '../network';
import { withQuery } from '../intent-url';

export const linkedin = defineNetwork({
  id: 'linkedin',
  label: 'LinkedIn',
  brand: { color: '#0A66C2', icon: 'brand-linkedin', letter: 'in' },
  caption: { limit: 3000, counting: 'code_points' },
  linkPlacement: 'parameter',
  api: {
    kind: 'partner_only',
    reason: 'Reading members’ posts needs LinkedIn’s Community Management API, granted to partners only.',
  },
  media: { required: false, kinds: ['image', 'video'] },
  sharing: {
    mode: 'intent',
    // share-offsite takes only `url`; the caption goes through the clipboard.
    prefill: 'link_only',
    buildUrl: ({ link }) =>
      link
        ? withQuery('https://www.linkedin.com/sharing/share-offsite/', [['url', link]])
        : 'https://www.linkedin.com/feed/?shareActive=true',
  },
  hashtags: { recommended: 3, advice: 'Three to five specific hashtags at the end of the post.' },
  // LinkedIn shows about 140 characters on a phone before “…more”.
  display: { shows: 'link_card', imageRatio: [1.91, 1], captionFold: 140 },
  // Industry-typical estimate of the CPM, in euro cents (€30: B2B reach, the dearest of the feeds).
  defaultCpmMinor: 3000,
});
