import { defineNetwork } from '../network';
import { withQuery } from '../intent-url';

export const facebook = defineNetwork({
  id: 'facebook',
  label: 'Facebook',
  brand: { color: '#0866FF', icon: 'brand-facebook', letter: 'f' },
  caption: { limit: 63206, counting: 'code_points' },
  linkPlacement: 'parameter',
  api: {
    kind: 'partner_only',
    reason: 'Reading members’ posts needs an app that passed Meta’s app review.',
  },
  media: { required: false, kinds: ['image', 'video', 'gif'] },
  sharing: {
    mode: 'intent',
    // The sharer ignores prefilled text (platform policy); the caption goes through the clipboard.
    prefill: 'link_only',
    buildUrl: ({ link }) =>
      link
        ? withQuery('https://www.facebook.com/sharer/sharer.php', [['u', link]])
        : 'https://www.facebook.com/',
  },
  hashtags: { recommended: 2, advice: 'Hashtags matter little on Facebook; one or two, or none.' },
  // Facebook cuts after about three lines (125 characters) with “See more”.
  display: { shows: 'link_card', imageRatio: [1.91, 1], captionFold: 125 },
  // Industry-typical estimate of the CPM, in euro cents (€8).
  defaultCpmMinor: 800,
});
