import { defineNetwork } from '../network';
import { textHoldsLink, withQuery } from '../intent-url';

export const threads = defineNetwork({
  id: 'threads',
  label: 'Threads',
  brand: { color: '#000000', icon: 'brand-threads', letter: '@' },
  // Posts with more than five distinct links fail (Threads API, since December 2025).
  caption: { limit: 500, counting: 'threads', maxLinks: 5 },
  linkPlacement: 'text',
  api: {
    kind: 'partner_only',
    reason: 'Reading members’ posts needs an app that passed Meta’s app review.',
  },
  media: { required: false, kinds: ['image', 'video'] },
  sharing: {
    mode: 'intent',
    prefill: 'text',
    buildUrl: ({ text, link }) =>
      withQuery('https://www.threads.com/intent/post', [
        ['text', text],
        ['url', textHoldsLink(text, link) ? null : link],
      ]),
  },
  hashtags: {
    recommended: 1,
    advice: 'Threads turns only one hashtag per post into a topic; pick the best one.',
  },
  // Threads shows the whole post (500 characters at most).
  display: { shows: 'link_card', imageRatio: [1.91, 1], captionFold: null },
  // Industry-typical estimate of the CPM, in euro cents (€6: sold through Meta, below Facebook).
  defaultCpmMinor: 600,
});
