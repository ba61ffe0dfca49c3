import { defineNetwork } from '../network';
import { withQuery } from '../intent-url';

export const pinterest = defineNetwork({
  id: 'pinterest',
  label: 'Pinterest',
  brand: { color: '#E60023', icon: 'brand-pinterest', letter: 'P' },
  caption: { limit: 500, counting: 'code_points' },
  // The pin title; the pin-it button has no title parameter, so the person types or pastes it.
  title: { limit: 100, counting: 'code_points' },
  linkPlacement: 'parameter',
  api: { kind: 'none' },
  media: { required: true, kinds: ['image', 'video'] },
  sharing: {
    mode: 'intent',
    prefill: 'text',
    buildUrl: ({ text, link, mediaUrl }) =>
      withQuery('https://www.pinterest.com/pin/create/button/', [
        ['url', link],
        ['media', mediaUrl],
        ['description', text],
      ]),
  },
  hashtags: { recommended: 0, advice: 'Pinterest searches words, not hashtags; describe the image plainly.' },
  // A Pin is its picture (2:3); the description shows only its start in the grid.
  display: { shows: 'image', imageRatio: [2, 3], captionFold: 100 },
  // Industry-typical estimate of the CPM, in euro cents (€5).
  defaultCpmMinor: 500,
});
