import { defineNetwork } from '../network';
import { withQuery } from '../intent-url';

export const reddit = defineNetwork({
  id: 'reddit',
  label: 'Reddit',
  brand: { color: '#FF4500', icon: 'brand-reddit', letter: 'r' },
  // A link post is a link and a title, so the caption is the post title (300 characters).
  caption: { limit: 300, counting: 'code_points' },
  linkPlacement: 'parameter',
  api: { kind: 'none' },
  media: { required: false, kinds: ['image', 'video', 'gif'] },
  sharing: {
    mode: 'intent',
    prefill: 'text',
    buildUrl: ({ text, link }) =>
      link
        ? withQuery('https://www.reddit.com/submit', [
            ['url', link],
            ['title', text],
          ])
        : withQuery('https://www.reddit.com/submit', [
            ['selftext', 'true'],
            ['title', text],
          ]),
  },
  hashtags: { recommended: 0, advice: 'Reddit has no hashtags; write a plain, honest title.' },
  // A Reddit link post shows its title with a thumbnail of the link.
  display: { shows: 'link_card', imageRatio: [4, 3], captionFold: null },
  // Industry-typical estimate of the CPM, in euro cents (€5).
  defaultCpmMinor: 500,
});
