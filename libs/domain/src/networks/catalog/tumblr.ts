import { defineNetwork } from '../network';
import { withQuery } from '../intent-url';

export const tumblr = defineNetwork({
  id: 'tumblr',
  label: 'Tumblr',
  brand: { color: '#001935', icon: 'brand-tumblr', letter: 't' },
  // Tumblr publishes no caption limit; 4,096 keeps the share-tool URL a sane length.
  caption: { limit: 4096, counting: 'code_points' },
  linkPlacement: 'parameter',
  api: { kind: 'none' },
  media: { required: false, kinds: ['image', 'video', 'gif'] },
  sharing: {
    mode: 'intent',
    prefill: 'text',
    buildUrl: ({ text, link, title }) =>
      link
        ? withQuery('https://www.tumblr.com/widgets/share/tool', [
            ['posttype', 'link'],
            ['canonicalUrl', link],
            ['content', link],
            ['title', title],
            ['caption', text],
          ])
        : withQuery('https://www.tumblr.com/widgets/share/tool', [
            ['posttype', 'text'],
            ['title', title],
            ['content', text],
          ]),
  },
  hashtags: { recommended: 5, advice: 'Tags are how Tumblr posts are found; up to five relevant ones.' },
  // Tumblr shows the whole post unless its author folds it.
  display: { shows: 'link_card', imageRatio: [1.91, 1], captionFold: null },
  // Industry-typical estimate of the CPM, in euro cents (€3).
  defaultCpmMinor: 300,
});
