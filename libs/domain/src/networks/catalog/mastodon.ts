import { defineNetwork } from '../network';
import { textWithLink, withQuery } from '../intent-url';

export const mastodon = defineNetwork({
  id: 'mastodon',
  label: 'Mastodon',
  brand: { color: '#6364FF', icon: 'brand-mastodon', letter: 'M' },
  // A server's default: 500 characters (grapheme clusters), every http(s) link counting 23
  // whatever its length (`characters_reserved_per_url` of the server's configuration). Servers may
  // raise the limit; 500 is what every server accepts.
  caption: { limit: 500, counting: 'graphemes', linkLength: 23 },
  linkPlacement: 'text',
  api: { kind: 'open', connect: 'instance_oauth' },
  // Up to four pictures, or one video or animated GIF (served as a looping video).
  media: { required: false, kinds: ['image', 'video', 'gif'] },
  // Every server has its own share page (`https://<server>/share?text=`), so the intent needs the
  // member's server, known once they connect their account; until then the caption is pasted by hand.
  sharing: {
    mode: 'manual',
    openUrl: null,
    steps: ['copy_caption', 'open_app', 'create_post', 'paste_caption'],
    instructions: 'Copy the caption, open Mastodon on your server, write a new post and paste the caption.',
    onServer: {
      prefill: 'text',
      buildUrl: ({ server, text, link }) =>
        withQuery(`${server}/share`, [['text', textWithLink(text, link)]]),
    },
  },
  hashtags: {
    recommended: 3,
    advice:
      'Mastodon has no algorithm: people follow hashtags, and many servers search hashtags only. Use two to four, in CamelCase (#OpenSource) for screen readers.',
  },
  // Mastodon shows the whole post; a link without a picture becomes a card.
  display: { shows: 'link_card', imageRatio: [16, 9], captionFold: null },
  // Industry-typical estimate of the CPM, in euro cents (€3: no ad market; smaller, engaged audiences).
  defaultCpmMinor: 300,
});
