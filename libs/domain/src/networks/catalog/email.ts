import { defineNetwork } from '../network';
import { textWithLink, withQuery } from '../intent-url';

/** RFC 6068: line breaks in a mailto body are CRLF. */
function crlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

export const email = defineNetwork({
  id: 'email',
  label: 'E-mail',
  brand: { color: '#5F6B7A', icon: 'mail', letter: '✉' },
  // Some mail clients cut mailto: URLs near 2,000 characters; 1,000 leaves room for encoding.
  caption: { limit: 1000, counting: 'code_points' },
  title: { limit: 150, counting: 'code_points' },
  linkPlacement: 'text',
  api: { kind: 'none' },
  media: { required: false, kinds: [] },
  sharing: {
    mode: 'intent',
    prefill: 'text',
    buildUrl: ({ text, link, title }) =>
      withQuery('mailto:', [
        ['subject', title],
        ['body', crlf(textWithLink(text, link))],
      ]),
  },
  hashtags: {
    recommended: 0,
    advice: 'E-mail has no hashtags; keep only the disclosure if your rules need it.',
  },
  // An e-mail shows the whole text.
  display: { shows: 'link_card', imageRatio: [1.91, 1], captionFold: null },
  // Industry-typical estimate of the CPM, in euro cents (€3: no paid reach; valued like an organic post).
  defaultCpmMinor: 300,
});
