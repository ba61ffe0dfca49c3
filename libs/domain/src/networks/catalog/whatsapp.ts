import { defineNetwork } from '../network';
import { textWithLink, withQuery } from '../intent-url';

export const whatsapp = defineNetwork({
  id: 'whatsapp',
  label: 'WhatsApp',
  brand: { color: '#25D366', icon: 'brand-whatsapp', letter: 'W' },
  // WhatsApp's documented text-message limit (Cloud API) is 4,096 characters.
  caption: { limit: 4096, counting: 'code_points' },
  linkPlacement: 'text',
  api: { kind: 'none' },
  media: { required: false, kinds: ['image', 'video', 'gif'] },
  sharing: {
    mode: 'intent',
    prefill: 'text',
    buildUrl: ({ text, link }) => withQuery('https://wa.me/', [['text', textWithLink(text, link)]]),
  },
  hashtags: { recommended: 0, advice: 'Messages are personal; leave hashtags out except the disclosure.' },
  // WhatsApp shows the whole message, with a preview of the first link.
  display: { shows: 'link_card', imageRatio: [1.91, 1], captionFold: null },
  // Industry-typical estimate of the CPM, in euro cents (€3: no paid reach; valued like an organic post).
  defaultCpmMinor: 300,
});
