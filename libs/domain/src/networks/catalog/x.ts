import { defineNetwork } from '../network';
import { textHoldsLink, withQuery } from '../intent-url';

export const x = defineNetwork({
  id: 'x',
  label: 'X',
  brand: { color: '#000000', icon: 'brand-x', letter: 'X' },
  // twitter-text's weighted length; X wraps every link it recognises in a t.co link of 23 characters.
  caption: { limit: 280, counting: 'x_weighted', linkLength: 23 },
  linkPlacement: 'text',
  api: {
    kind: 'partner_only',
    reason: 'Reading posts and their metrics needs a paid X API tier under a developer agreement.',
  },
  media: { required: false, kinds: ['image', 'video', 'gif'] },
  sharing: {
    mode: 'intent',
    prefill: 'text',
    buildUrl: ({ text, link }) =>
      withQuery('https://x.com/intent/tweet', [
        ['text', text],
        ['url', textHoldsLink(text, link) ? null : link],
      ]),
  },
  hashtags: {
    recommended: 2,
    advice: 'One or two hashtags at most; every extra one costs characters and reach.',
  },
  // X shows a post of up to 280 characters whole (longer ones, which Heimo does not write, fold).
  display: { shows: 'link_card', imageRatio: [1.91, 1], captionFold: null },
  // Industry-typical estimate of the CPM, in euro cents (€6).
  defaultCpmMinor: 600,
});
