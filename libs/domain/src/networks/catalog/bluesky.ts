import { defineNetwork } from '../network';
import { textWithLink, withQuery } from '../intent-url';

export const bluesky = defineNetwork({
  id: 'bluesky',
  label: 'Bluesky',
  brand: { color: '#1185FE', icon: 'brand-bluesky', letter: 'B' },
  // The post record allows 300 graphemes and 3,000 UTF-8 bytes.
  caption: { limit: 300, counting: 'graphemes', maxUtf8Bytes: 3000 },
  linkPlacement: 'text',
  api: { kind: 'open', connect: 'app_password' },
  media: { required: false, kinds: ['image', 'video'] },
  sharing: {
    mode: 'intent',
    prefill: 'text',
    buildUrl: ({ text, link }) =>
      withQuery('https://bsky.app/intent/compose', [['text', textWithLink(text, link)]]),
  },
  hashtags: {
    recommended: 2,
    advice: 'A couple of hashtags help feeds pick the post up; they count against 300.',
  },
  // Bluesky shows the whole post (300 characters at most).
  display: { shows: 'link_card', imageRatio: [1.91, 1], captionFold: null },
  // Industry-typical estimate of the CPM, in euro cents (€5: no ad market yet, valued like X organic reach).
  defaultCpmMinor: 500,
});
