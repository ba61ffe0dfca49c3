import { checkCaption, type CheckCaptionInput, type ComplianceSettings } from './check-caption';

const LINK = 'https://heimo.fi/r/ZZZZZZZZZZZZZZZZ';
const SETTINGS: ComplianceSettings = {
  disclosures: { employee: '#employee', fan: '#ad' },
  disclosureRequired: true,
  blockedTerms: ['scam', 'kilpailija*', '诈骗'],
};

function check(overrides: Partial<CheckCaptionInput>): ReturnType<typeof checkCaption> {
  return checkCaption({
    networkId: 'x',
    text: `New release ${LINK} #employee`,
    settings: SETTINGS,
    kind: 'employee',
    packHasLink: true,
    link: LINK,
    media: [],
    ...overrides,
  });
}

describe('checkCaption', () => {
  it('passes a compliant caption and reports its length, limit and what remains', () => {
    expect(check({})).toEqual({
      ok: true,
      length: 12 + 23 + 10,
      limit: 280,
      remaining: 280 - 45,
      issues: [],
    });
  });

  it('counts a Mastodon caption in graphemes with the tracked link as 23, however long', () => {
    // 'é' as e + combining acute is one character; the link counts 23, not its 36 characters.
    const fits = `${'e\u0301'.repeat(466)} ${LINK} #employee`;
    expect(check({ networkId: 'mastodon', text: fits })).toMatchObject({ ok: true, length: 500, limit: 500 });
    expect(check({ networkId: 'mastodon', text: `a${fits}` })).toMatchObject({
      ok: false,
      length: 501,
      issues: [{ code: 'caption.too_long', params: { length: 501, limit: 500, network: 'Mastodon' } }],
    });
  });

  it.each([
    ['an empty caption', { text: '' }, 'caption.empty', 'text'],
    ['a caption of only spaces', { text: '   \n ' }, 'caption.empty', 'text'],
    [
      'a caption over the X limit after the link is added',
      { text: `${'a'.repeat(247)} ${LINK} #employee` },
      'caption.too_long',
      'text',
    ],
    [
      'a caption over the Bluesky grapheme limit',
      { networkId: 'bluesky', text: `${'é'.repeat(280)} ${LINK} #employee` },
      'caption.too_long',
      'text',
    ],
    [
      'a Bluesky caption over 3,000 bytes',
      { networkId: 'bluesky', text: `${'👨‍👩‍👧‍👦'.repeat(120)} ${LINK} #employee` },
      'caption.too_many_bytes',
      'text',
    ],
    [
      'a LinkedIn caption over 3,000 characters',
      { networkId: 'linkedin', text: `${'x'.repeat(3000)} #employee` },
      'caption.too_long',
      'text',
    ],
    [
      'a Threads caption over 500 with emoji',
      { networkId: 'threads', text: `${'😀'.repeat(120)} ${LINK} #employee` },
      'caption.too_long',
      'text',
    ],
    [
      'a caption without the disclosure hashtag',
      { text: `New release ${LINK}` },
      'caption.disclosure_missing',
      'text',
    ],
    [
      'a disclosure that is only a longer hashtag',
      { text: `New ${LINK} #employees` },
      'caption.disclosure_missing',
      'text',
    ],
    [
      'a disclosure written as a plain word',
      { text: `New ${LINK} employee` },
      'caption.disclosure_missing',
      'text',
    ],
    ['a blocked term', { text: `Not a scam ${LINK} #employee` }, 'caption.blocked_term', 'text'],
    [
      'a blocked term in capitals with accents',
      { text: `Not a ŚCÁM ${LINK} #employee` },
      'caption.blocked_term',
      'text',
    ],
    [
      'an inflected blocked prefix',
      { text: `Parempi kuin kilpailijan ${LINK} #employee` },
      'caption.blocked_term',
      'text',
    ],
    ['a blocked CJK term', { text: `这不是诈骗 ${LINK} #employee` }, 'caption.blocked_term', 'text'],
    [
      'a blocked term in the Pinterest title',
      { networkId: 'pinterest', title: 'Total scam', media: [{ kind: 'image' }] },
      'caption.blocked_term',
      'title',
    ],
    [
      'a caption without the pack link on X',
      { text: 'New release #employee' },
      'caption.link_missing',
      'text',
    ],
    [
      'a caption with another link instead of the tracked one',
      { text: 'New https://example.com #employee' },
      'caption.link_missing',
      'text',
    ],
    [
      'six distinct links on Threads',
      { networkId: 'threads', text: `${LINK} #employee a.com b.com c.com d.com e.com` },
      'caption.too_many_links',
      'text',
    ],
    [
      'six hashtags on Instagram',
      { networkId: 'instagram', text: '#employee #a #b #c #d #e', media: [{ kind: 'image' }] },
      'caption.too_many_hashtags',
      'text',
    ],
    [
      'a Pinterest title over 100 characters',
      { networkId: 'pinterest', title: 't'.repeat(101), media: [{ kind: 'image' }] },
      'variant.title_too_long',
      'title',
    ],
    [
      'an e-mail subject over 150 characters',
      { networkId: 'email', title: 's'.repeat(151) },
      'variant.title_too_long',
      'title',
    ],
    [
      'Instagram without media',
      { networkId: 'instagram', text: 'Look #employee', media: [] },
      'variant.media_required',
      'media',
    ],
    ['Pinterest without media', { networkId: 'pinterest', media: [] }, 'variant.media_required', 'media'],
    [
      'a GIF on Instagram',
      { networkId: 'instagram', text: 'Look #employee', media: [{ kind: 'gif' }] },
      'variant.media_kind_not_supported',
      'media',
    ],
    [
      'a video on XING',
      { networkId: 'xing', media: [{ kind: 'video' }] },
      'variant.media_kind_not_supported',
      'media',
    ],
    ['a byte-order mark', { text: `New\ufeff ${LINK} #employee` }, 'caption.invalid_character', 'text'],
    ['a NUL character', { text: `New\u0000 ${LINK} #employee` }, 'caption.invalid_character', 'text'],
    ['a lone surrogate', { text: `New\ud800 ${LINK} #employee` }, 'caption.invalid_character', 'text'],
    ['a noncharacter', { text: `New\uffff ${LINK} #employee` }, 'caption.invalid_character', 'text'],
    [
      'a right-to-left override',
      { text: `New \u202egnp.exe ${LINK} #employee` },
      'caption.invalid_character',
      'text',
    ],
    [
      'a left-to-right embedding',
      { text: `New \u202aa\u202c ${LINK} #employee` },
      'caption.invalid_character',
      'text',
    ],
    [
      'a first-strong isolate',
      { text: `New \u2068a\u2069 ${LINK} #employee` },
      'caption.invalid_character',
      'text',
    ],
    [
      'a blocked term split by a zero-width space',
      { text: `Not a sc\u200bam ${LINK} #employee` },
      'caption.blocked_term',
      'text',
    ],
    [
      'an unknown network',
      { networkId: 'myspace' as CheckCaptionInput['networkId'] },
      'network.unknown',
      'network',
    ],
  ] as const)('rejects %s', (_name, overrides, code, field) => {
    const result = check(overrides as Partial<CheckCaptionInput>);
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ code, field }));
  });

  it('gives the length, limit and overflow of a caption over the limit', () => {
    const result = check({ text: `${'a'.repeat(247)} ${LINK} #employee` });
    expect(result).toMatchObject({ length: 281, limit: 280, remaining: -1 });
    expect(result.issues).toEqual([
      { code: 'caption.too_long', params: { length: 281, limit: 280, network: 'X' }, field: 'text' },
    ]);
  });

  it('names the term as the organisation wrote it', () => {
    expect(check({ text: `Kilpailijamme ${LINK} #employee` }).issues).toEqual([
      { code: 'caption.blocked_term', params: { term: 'kilpailija*' }, field: 'text' },
    ]);
  });

  it('does not flag a blocked term hidden in the random share code of the tracked link', () => {
    const link = 'https://heimo.fi/r/scam';
    expect(
      check({ text: `New ${link} #employee`, link, settings: { ...SETTINGS, blockedTerms: ['scam'] } }).ok,
    ).toBe(true);
  });

  it('accepts the disclosure hashtag in another case', () => {
    expect(check({ text: `New ${LINK} #Employee` }).ok).toBe(true);
  });

  it('accepts a disclosure hashtag X would not link, such as #2025', () => {
    expect(
      check({
        text: `New ${LINK} #2025`,
        settings: { ...SETTINGS, disclosures: { employee: '#2025', fan: null } },
      }).ok,
    ).toBe(true);
  });

  it.each([
    ['#U+202A', '\u202a'],
    ['#U+202E', '\u202e'],
    ['#U+2066', '\u2066'],
    ['#U+2069', '\u2069'],
  ])('names the bidi control %s it refuses', (label, char) => {
    expect(check({ text: `New ${char} ${LINK} #employee` }).issues).toEqual([
      { code: 'caption.invalid_character', params: { codePoint: label.slice(1) }, field: 'text' },
    ]);
  });

  it('accepts right-to-left text and the left-to-right and right-to-left marks', () => {
    expect(check({ text: `שלום \u200f עולם \u200e ${LINK} #employee` }).ok).toBe(true);
  });

  it.each([
    ['null', null],
    ['empty', ''],
    ['blank', '  '],
    ['only #', '#'],
  ])('reports a required disclosure whose hashtag is %s', (_name, disclosureHashtag) => {
    const result = check({
      text: `New ${LINK}`,
      settings: { ...SETTINGS, disclosures: { employee: disclosureHashtag, fan: '#ad' } },
    });
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([{ code: 'settings.disclosure_hashtag_missing', params: {} }]);
  });

  it('does not ask for a disclosure hashtag the organisation does not require', () => {
    expect(
      check({
        text: `New ${LINK}`,
        settings: { ...SETTINGS, disclosures: { employee: null, fan: null }, disclosureRequired: false },
      }).ok,
    ).toBe(true);
  });

  it('asks each kind of member for their own disclosure', () => {
    expect(check({ kind: 'fan', text: `New ${LINK} #ad` }).ok).toBe(true);
    expect(check({ kind: 'fan', text: `New ${LINK} #employee` }).issues).toEqual([
      { code: 'caption.disclosure_missing', params: { hashtag: '#ad' }, field: 'text' },
    ]);
    expect(check({ kind: 'employee', text: `New ${LINK} #ad` }).issues).toEqual([
      { code: 'caption.disclosure_missing', params: { hashtag: '#employee' }, field: 'text' },
    ]);
  });

  it('finds a text disclosure as whole words, ignoring case and accents', () => {
    const settings = { ...SETTINGS, disclosures: { employee: '#employee', fan: 'Kaupallinen  yhteistyö' } };
    expect(check({ kind: 'fan', settings, text: `Uutta! ${LINK} kaupallinen YHTEISTYO` }).ok).toBe(true);
    expect(check({ kind: 'fan', settings, text: `Uutta! ${LINK} kaupallinenyhteistyö` }).issues).toEqual([
      { code: 'caption.disclosure_missing', params: { hashtag: 'Kaupallinen yhteistyö' }, field: 'text' },
    ]);
  });

  it('does not ask for the disclosure when the organisation does not require it', () => {
    expect(check({ text: `New ${LINK}`, settings: { ...SETTINGS, disclosureRequired: false } }).ok).toBe(
      true,
    );
  });

  it('accepts any link when no exact link is given', () => {
    expect(check({ text: 'New example.com/post #employee', link: null }).ok).toBe(true);
  });

  it('does not require the link in the text where it travels as a parameter', () => {
    expect(check({ networkId: 'linkedin', text: 'New release #employee' }).ok).toBe(true);
  });

  it('does not require a link when the pack has none', () => {
    expect(check({ text: 'New release #employee', packHasLink: false, link: null }).ok).toBe(true);
  });

  it('counts a repeated link once against the Threads cap', () => {
    expect(
      check({ networkId: 'threads', text: `${LINK} ${LINK} a.com b.com c.com d.com #employee` }).ok,
    ).toBe(true);
  });

  it('skips the media check when no media list is given (live counter)', () => {
    expect(check({ networkId: 'instagram', text: 'Look #employee', media: undefined }).ok).toBe(true);
  });

  it('reports every problem at once', () => {
    const codes = check({ text: 'scam' }).issues.map((i) => i.code);
    expect(codes).toEqual(['caption.disclosure_missing', 'caption.blocked_term', 'caption.link_missing']);
  });
});

describe('checkCaption: the link stands apart', () => {
  it.each([
    ['a letter after the link', `New ${LINK}abc #employee`],
    ['a slash after the link', `New ${LINK}/more #employee`],
    ['a letter before the link', `New x${LINK} #employee`],
    ['a digit before the link', `New 1${LINK} #employee`],
  ])('rejects %s, which would break the tracked link', (_name, text) => {
    expect(check({ text }).issues).toContainEqual(
      expect.objectContaining({ code: 'caption.link_not_separated' }),
    );
  });

  it.each([
    ['a full stop', `Read ${LINK}. #employee`],
    ['brackets', `Read (${LINK}) #employee`],
    ['a line break', `Read\n${LINK}\n#employee`],
    ['an emoji', `👉${LINK} #employee`],
  ])('accepts the link next to %s', (_name, text) => {
    expect(check({ text }).ok).toBe(true);
  });
});
