import fc from 'fast-check';
import { textHoldsLink, textWithLink, toWellFormed } from './intent-url';
import {
  NETWORK_IDS,
  defaultCpmTable,
  findNetwork,
  getNetwork,
  isNetworkId,
  listNetworks,
  type NetworkId,
} from './registry';
import { buildShareAction, buildShareIntentUrl, mustCopyCaption, prefersShareSheet } from './share-action';

const LINK = 'https://heimo.example/r/Ab3dE9';
const TEXT = 'Hei & moi #työ 100% + "lainaus"\nrivi 2 😀';

function params(url: string): URLSearchParams {
  return new URL(url).searchParams;
}

describe('network registry', () => {
  it('holds every network the product promises, once each', () => {
    expect([...NETWORK_IDS].sort()).toEqual(
      [
        'bluesky',
        'email',
        'facebook',
        'instagram',
        'linkedin',
        'mastodon',
        'pinterest',
        'reddit',
        'threads',
        'tumblr',
        'whatsapp',
        'x',
        'xing',
      ].sort(),
    );
    expect(new Set(NETWORK_IDS).size).toBe(NETWORK_IDS.length);
    expect(listNetworks().map((n) => n.id)).toEqual(NETWORK_IDS);
  });

  it.each(NETWORK_IDS)('describes %s completely', (id) => {
    const network = getNetwork(id);
    expect(network.label.length).toBeGreaterThan(0);
    expect(network.brand.color).toMatch(/^#[0-9A-F]{6}$/);
    expect(network.brand.letter.length).toBeGreaterThan(0);
    expect(network.caption.limit).toBeGreaterThan(0);
    expect(network.hashtags.advice.length).toBeGreaterThan(0);
    if (network.media.required) expect(network.media.kinds.length).toBeGreaterThan(0);
    expect(Number.isSafeInteger(network.defaultCpmMinor)).toBe(true);
    expect(network.defaultCpmMinor).toBeGreaterThan(0);
    expect(network.defaultCpmMinor).toBeLessThanOrEqual(10_000); // at most €100 per thousand
  });

  it('gives a default CPM table with every network, in euro cents', () => {
    const table = defaultCpmTable();
    expect(Object.keys(table).sort()).toEqual([...NETWORK_IDS].sort());
    for (const id of NETWORK_IDS) expect(table[id]).toBe(getNetwork(id).defaultCpmMinor);
    expect(table).toMatchObject({ linkedin: 3000, x: 600 });
    expect(Object.isFrozen(table)).toBe(true);
  });

  it.each([
    ['x', 280],
    ['bluesky', 300],
    ['threads', 500],
    ['linkedin', 3000],
    ['facebook', 63206],
    ['pinterest', 500],
    ['reddit', 300],
    ['instagram', 2200],
  ] as const)('limits %s captions to %i', (id, limit) => {
    expect(getNetwork(id).caption.limit).toBe(limit);
  });

  it('limits Pinterest titles to 100 and caps Threads links and Instagram hashtags', () => {
    expect(getNetwork('pinterest').title?.limit).toBe(100);
    expect(getNetwork('threads').caption.maxLinks).toBe(5);
    expect(getNetwork('instagram').caption.maxHashtags).toBe(5);
  });

  it('requires media only for Pinterest and Instagram', () => {
    expect(
      listNetworks()
        .filter((n) => n.media.required)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['instagram', 'pinterest']);
  });

  it('tells ids apart from other values', () => {
    expect(isNetworkId('x')).toBe(true);
    expect(isNetworkId('twitter')).toBe(false);
    expect(isNetworkId('toString')).toBe(false);
    expect(isNetworkId(42)).toBe(false);
    expect(findNetwork('myspace')).toBeUndefined();
  });

  it('throws a RangeError for an unknown id', () => {
    expect(() => getNetwork('myspace' as NetworkId)).toThrow(RangeError);
  });
});

describe('share intents', () => {
  it.each([
    ['x', `https://x.com/intent/tweet?text=${encodeURIComponent(TEXT)}&url=${encodeURIComponent(LINK)}`],
    ['linkedin', `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(LINK)}`],
    ['facebook', `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(LINK)}`],
    ['bluesky', `https://bsky.app/intent/compose?text=${encodeURIComponent(`${TEXT} ${LINK}`)}`],
    [
      'threads',
      `https://www.threads.com/intent/post?text=${encodeURIComponent(TEXT)}&url=${encodeURIComponent(LINK)}`,
    ],
    [
      'pinterest',
      `https://www.pinterest.com/pin/create/button/?url=${encodeURIComponent(LINK)}&media=${encodeURIComponent('https://cdn.example/p.jpg')}&description=${encodeURIComponent(TEXT)}`,
    ],
    [
      'tumblr',
      `https://www.tumblr.com/widgets/share/tool?posttype=link&canonicalUrl=${encodeURIComponent(LINK)}&content=${encodeURIComponent(LINK)}&title=Otsikko&caption=${encodeURIComponent(TEXT)}`,
    ],
    [
      'reddit',
      `https://www.reddit.com/submit?url=${encodeURIComponent(LINK)}&title=${encodeURIComponent(TEXT)}`,
    ],
    ['whatsapp', `https://wa.me/?text=${encodeURIComponent(`${TEXT} ${LINK}`)}`],
    ['xing', `https://www.xing.com/spi/shares/new?url=${encodeURIComponent(LINK)}`],
    ['email', `mailto:?subject=Otsikko&body=${encodeURIComponent(`${TEXT.replace('\n', '\r\n')} ${LINK}`)}`],
  ] as const)('builds the %s intent with every parameter encoded', (id, expected) => {
    expect(
      buildShareIntentUrl(id, {
        text: TEXT,
        link: LINK,
        title: 'Otsikko',
        mediaUrl: 'https://cdn.example/p.jpg',
      }),
    ).toBe(expected);
  });

  it('does not send the link twice when the X caption already holds it', () => {
    const url = buildShareIntentUrl('x', { text: `Lue ${LINK}`, link: LINK });
    expect(params(url ?? '').get('url')).toBeNull();
    expect(params(url ?? '').get('text')).toBe(`Lue ${LINK}`);
  });

  it('encodes "&", "#", "+", "=" and "%" so no parameter leaks into another', () => {
    const text = 'a&url=https://evil.example#frag+plus=1%20';
    const url = buildShareIntentUrl('x', { text, link: LINK }) ?? '';
    expect(url).not.toContain('#');
    expect([...params(url).keys()]).toEqual(['text', 'url']);
    expect(params(url).get('text')).toBe(text);
  });

  it('replaces a lone surrogate instead of throwing', () => {
    const url = buildShareIntentUrl('bluesky', { text: 'broken \uD83D end' }) ?? '';
    expect(params(url).get('text')).toBe('broken \uFFFD end');
  });

  it('has no intent URL for Instagram (manual sharing)', () => {
    expect(buildShareIntentUrl('instagram', { text: TEXT, link: LINK })).toBeNull();
  });

  it('still opens a share page for link-only networks when the pack has no link', () => {
    for (const id of ['linkedin', 'facebook', 'xing'] as const) {
      expect(buildShareIntentUrl(id, { text: TEXT, link: null })).toMatch(/^https:\/\//);
    }
  });
});

describe('share actions', () => {
  it.each(['facebook', 'linkedin', 'xing'] as const)(
    'asks the client to copy the caption first for %s',
    (id) => {
      const action = buildShareAction(id, { text: TEXT, link: LINK });
      expect(action).toMatchObject({ kind: 'intent', clipboardText: TEXT });
      expect(mustCopyCaption(id)).toBe(true);
    },
  );

  it.each(['x', 'bluesky', 'threads', 'pinterest', 'tumblr', 'reddit', 'whatsapp', 'email'] as const)(
    'lets %s prefill the caption itself',
    (id) => {
      expect(buildShareAction(id, { text: TEXT, link: LINK })).toMatchObject({
        kind: 'intent',
        clipboardText: null,
      });
      expect(mustCopyCaption(id)).toBe(false);
    },
  );

  it('gives manual steps for Instagram with the caption to copy and the media to download', () => {
    const action = buildShareAction('instagram', {
      text: TEXT,
      link: LINK,
      mediaUrl: 'https://cdn.example/p.jpg',
    });
    expect(action).toMatchObject({
      kind: 'manual',
      clipboardText: TEXT,
      mediaUrl: 'https://cdn.example/p.jpg',
      steps: expect.arrayContaining(['copy_caption', 'download_media']),
    });
    expect(mustCopyCaption('instagram')).toBe(true);
  });
});

describe('a caption that already holds the link', () => {
  it.each([
    ['the link alone', LINK],
    ['the link after words', `Lue ${LINK}`],
    ['the link before a line break', `${LINK}\nrivi 2`],
    ['the link before a space', `${LINK} #työ`],
    ['the link at the end of a sentence', `Lue ${LINK}.`],
    ['the link before a comma', `Lue ${LINK}, ja kerro`],
    ['the link before "!" and a space', `Lue ${LINK}! Nyt`],
    ['the link in brackets', `Lue (${LINK})`],
    ['the link in quotes', `"${LINK}"`],
    ['the link before an emoji', `${LINK}😀`],
    ['the link glued once and standing apart later', `${LINK}XYZ ja ${LINK}`],
  ])('holds it: %s', (_name, text) => {
    expect(textHoldsLink(text, LINK)).toBe(true);
    expect(textWithLink(text, LINK)).toBe(text);
  });

  it.each([
    ['a longer share code', `Lue ${LINK}XYZ`],
    ['a digit after the link', `${LINK}9`],
    ['a letter with an accent after the link', `${LINK}ä`],
    ['a longer path', `${LINK}/more`],
    ['a query', `${LINK}?x=1`],
    ['a fragment', `${LINK}#top`],
    ['a hyphen', `${LINK}-2`],
    ['a file extension', `${LINK}.html`],
    ['a port-like suffix', `${LINK}:8080`],
    ['a percent escape', `${LINK}%20`],
  ])('does not hold it when the text has %s', (_name, text) => {
    expect(textHoldsLink(text, LINK)).toBe(false);
    expect(textWithLink(text, LINK)).toBe(`${text} ${LINK}`);
  });

  it('sends the link separately on X when the caption only holds a longer one', () => {
    const text = `Lue ${LINK}XYZ`;
    const url = buildShareIntentUrl('x', { text, link: LINK }) ?? '';
    expect(params(url).get('url')).toBe(LINK);
  });
});

/** Reads the caption and link back out of an intent URL, the way the network would. */
function decodeIntent(id: NetworkId, url: string): { text: string | null; link: string | null } {
  if (id === 'email') {
    const query = url.slice('mailto:'.length).replace(/^\?/, '');
    const body = new URLSearchParams(query).get('body');
    return { text: body === null ? null : body.replace(/\r\n/g, '\n'), link: null };
  }
  const p = params(url);
  switch (id) {
    case 'x':
    case 'threads':
      return { text: p.get('text'), link: p.get('url') };
    case 'bluesky':
    case 'whatsapp':
      return { text: p.get('text'), link: null };
    case 'pinterest':
      return { text: p.get('description'), link: p.get('url') };
    case 'tumblr':
      return {
        text: p.get(p.get('posttype') === 'link' ? 'caption' : 'content'),
        link: p.get('canonicalUrl'),
      };
    case 'reddit':
      return { text: p.get('title'), link: p.get('url') };
    case 'linkedin':
    case 'xing':
      return { text: null, link: p.get('url') };
    case 'facebook':
      return { text: null, link: p.get('u') };
    default:
      throw new Error(`no decoder for ${id}`);
  }
}

describe('share intents, property-based', () => {
  const intentNetworks = NETWORK_IDS.filter((id) => getNetwork(id).sharing.mode === 'intent');
  const caption = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.string({
      unit: fc.constantFrom('&', '=', '#', '+', '%', '?', ' ', '\n', 'a', 'ä', '😀', '/', '"'),
      maxLength: 40,
    }),
  );
  const webUrl = fc.webUrl({ withQueryParameters: true, withFragments: true });
  const link = fc.option(webUrl, { nil: null });
  // A caption and a link, sometimes with the link already in the caption (standing apart or glued).
  const captionAndLink = fc.oneof(
    fc.tuple(caption, link),
    fc
      .tuple(caption, webUrl, caption)
      .map(([before, url, after]): [string, string | null] => [`${before}${url}${after}`, url]),
  );

  it('decoding an intent URL gives back the exact caption and link', () => {
    fc.assert(
      fc.property(fc.constantFrom(...intentNetworks), captionAndLink, (id, [text, maybeLink]) => {
        const url = buildShareIntentUrl(id, { text, link: maybeLink });
        expect(url).not.toBeNull();
        const decoded = decodeIntent(id, url ?? '');
        const network = getNetwork(id);
        const promptsText = network.sharing.mode === 'intent' && network.sharing.prefill === 'text';

        // What the network shows: the caption as given (e-mail bodies travel with CRLF line breaks).
        const shown = id === 'email' ? text.replace(/\r\n|\r/g, '\n') : text;

        if (network.linkPlacement === 'text' && decoded.link === null) {
          // The link travels inside the text: the caption comes back as given, or, when the link
          // was appended, as given followed by at most one space and the link.
          const got = decoded.text ?? '';
          if (!maybeLink) {
            expect(got).toBe(shown);
          } else if (got !== shown) {
            expect(got.startsWith(shown)).toBe(true);
            expect(got.endsWith(maybeLink)).toBe(true);
            expect(got.length - shown.length - maybeLink.length).toBeLessThanOrEqual(1);
          } else {
            expect(got).toContain(maybeLink);
          }
          if (got === '') expect(decoded.text).toBeNull();
        } else {
          if (promptsText) expect(decoded.text ?? '').toBe(text);
          if (maybeLink && network.linkPlacement !== 'none' && decoded.link !== maybeLink) {
            // Left out only because the caption, which travels too, already holds it.
            expect(network.linkPlacement).toBe('text');
            expect(decoded.link).toBeNull();
            expect(decoded.text ?? '').toContain(maybeLink);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never produces a URL with a raw space, line break or second fragment', () => {
    fc.assert(
      fc.property(fc.constantFrom(...intentNetworks), caption, link, (id, text, maybeLink) => {
        const url = buildShareIntentUrl(id, { text, link: maybeLink, title: text }) ?? '';
        expect(url).not.toMatch(/[\s#]/u);
        expect(toWellFormed(url)).toBe(url);
      }),
      { numRuns: 200 },
    );
  });
});

describe('prefersShareSheet', () => {
  it('takes the sheet where the caption is refused or the picture matters, and for any pack with media', () => {
    const withoutMedia = listNetworks()
      .filter((network) => prefersShareSheet(network.id, false))
      .map((network) => network.id)
      .sort();
    expect(withoutMedia).toEqual(['facebook', 'instagram', 'linkedin', 'mastodon', 'pinterest', 'xing']);
    for (const network of listNetworks()) expect(prefersShareSheet(network.id, true)).toBe(true);
  });

  it('lets Mastodon prefill the caption once the member’s server is known', () => {
    expect(prefersShareSheet('mastodon', false, 'https://example.social')).toBe(false);
    expect(prefersShareSheet('mastodon', true, 'https://example.social')).toBe(true);
  });
});

describe('sharing on the member’s own server (Mastodon)', () => {
  it('opens the share page of the member’s server with the caption and the link in the text', () => {
    const action = buildShareAction('mastodon', { text: TEXT, link: LINK, server: 'https://example.social' });
    expect(action).toEqual({
      kind: 'intent',
      networkId: 'mastodon',
      url: `https://example.social/share?text=${encodeURIComponent(`${TEXT} ${LINK}`)}`,
      clipboardText: null,
    });
    expect(mustCopyCaption('mastodon', 'https://example.social')).toBe(false);
  });

  it('accepts the server as the member typed it (bare host, trailing slash, upper case)', () => {
    for (const server of ['example.social', 'https://Example.Social/', 'EXAMPLE.social']) {
      expect(buildShareIntentUrl('mastodon', { text: 'Hei', link: LINK, server })).toBe(
        `https://example.social/share?text=${encodeURIComponent(`Hei ${LINK}`)}`,
      );
    }
  });

  it('does not send the link twice when the caption already holds it', () => {
    const url = buildShareIntentUrl('mastodon', {
      text: `Lue ${LINK}`,
      link: LINK,
      server: 'example.social',
    });
    expect(params(url ?? '').get('text')).toBe(`Lue ${LINK}`);
  });

  it.each([
    ['no server', undefined],
    ['an empty server', ''],
    ['a plain http server', 'http://example.social'],
    ['a server with a path', 'https://example.social/share?text=x'],
    ['a server with credentials', 'https://user:pw@example.social'],
    ['something that is not a host', 'not a host'],
  ])('falls back to the manual steps with %s', (_name, server) => {
    const action = buildShareAction('mastodon', { text: TEXT, link: LINK, server });
    expect(action).toMatchObject({
      kind: 'manual',
      clipboardText: TEXT,
      openUrl: null,
      steps: ['copy_caption', 'open_app', 'create_post', 'paste_caption'],
    });
    expect(buildShareIntentUrl('mastodon', { text: TEXT, link: LINK, server })).toBeNull();
    expect(mustCopyCaption('mastodon', server)).toBe(true);
  });

  it('leaves every other network as it is when a server is given', () => {
    for (const id of NETWORK_IDS.filter((network) => network !== 'mastodon')) {
      expect(buildShareAction(id, { text: TEXT, link: LINK, server: 'https://example.social' })).toEqual(
        buildShareAction(id, { text: TEXT, link: LINK }),
      );
    }
  });

  it('never leaves the member’s server nor leaks a parameter, property-based', () => {
    const caption = fc.string({
      unit: fc.constantFrom('&', '=', '#', '+', '%', '?', ' ', '\n', 'a', '😀', '/'),
      maxLength: 40,
    });
    fc.assert(
      fc.property(caption, fc.domain(), (text, host) => {
        const url = buildShareIntentUrl('mastodon', { text, link: LINK, server: host }) ?? '';
        const parsed = new URL(url);
        expect(parsed.origin).toBe(new URL(`https://${host}`).origin);
        expect(parsed.pathname).toBe('/share');
        expect([...parsed.searchParams.keys()]).toEqual(['text']);
        expect(parsed.searchParams.get('text')).toBe(textWithLink(text, LINK));
      }),
      { numRuns: 200 },
    );
  });
});
