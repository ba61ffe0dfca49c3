import { defineNetwork } from '../network';
import { withQuery } from '../intent-url';

export const xing = defineNetwork({
  id: 'xing',
  label: 'XING',
  brand: { color: '#006567', icon: 'brand-xing', letter: 'Xi' },
  // XING publishes no post limit; kept in line with LinkedIn.
  caption: { limit: 3000, counting: 'code_points' },
  linkPlacement: 'parameter',
  api: { kind: 'none' },
  media: { required: false, kinds: ['image'] },
  sharing: {
    mode: 'intent',
    // The share endpoint takes only `url`; the caption goes through the clipboard.
    prefill: 'link_only',
    buildUrl: ({ link }) =>
      link ? withQuery('https://www.xing.com/spi/shares/new', [['url', link]]) : 'https://www.xing.com/',
  },
  hashtags: { recommended: 2, advice: 'A couple of professional hashtags at the end.' },
  // XING shows about 200 characters before “more”.
  display: { shows: 'link_card', imageRatio: [1.91, 1], captionFold: 200 },
  // Industry-typical estimate of the CPM, in euro cents (€20: a professional audience like LinkedIn's, smaller).
  defaultCpmMinor: 2000,
});
