import fc from 'fast-check';
import twitterText from 'twitter-text';
import { getNetwork } from './registry';
import {
  countCodePoints,
  countGraphemes,
  countLength,
  countThreads,
  countUtf8Bytes,
  measureText,
  splitGraphemes,
  withFixedLengthLinks,
} from './text-length';
import { countXWeighted, extractHashtags, extractLinks, xCountingText } from './x-text';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'; // 👨‍👩‍👧‍👦, 7 code points
const THUMB_MEDIUM = '\u{1F44D}\u{1F3FD}'; // 👍🏽
const FLAG_FI = '\u{1F1EB}\u{1F1EE}'; // 🇫🇮
const E_COMBINING = 'e\u0301'; // é as e + combining acute
const PHOENIX = '\u{1F426}\u200D\u{1F525}'; // 🐦‍🔥 (Emoji 15.1)
const HEART_HANDS_MEDIUM = '\u{1FAF6}\u{1F3FD}'; // 🫶🏽 (Emoji 14.0)

describe('X weighted length (twitter-text)', () => {
  it.each([
    ['plain ASCII counts one per character', 'Hello world', 11],
    ['a URL with a scheme counts 23 however long it is', `https://example.com/${'a'.repeat(200)}`, 23],
    ['a short URL still counts 23', 'https://t.co', 23],
    ['a bare domain counts as a URL', 'see example.com', 4 + 23],
    ['two URLs count 23 each', 'https://a.example.com https://b.example.com/x', 23 + 1 + 23],
    ['CJK characters count 2 each', '你好世界', 8],
    ['Japanese kana count 2 each', 'こんにちは', 10],
    ['Hangul counts 2 each', '안녕', 4],
    ['a simple emoji counts 2', '\u{1F600}', 2],
    ['a ZWJ family emoji counts 2', FAMILY, 2],
    ['an emoji with a skin tone counts 2', THUMB_MEDIUM, 2],
    ['a flag counts 2', FLAG_FI, 2],
    ['Latin letters with diacritics count 1', 'Hyvää päivää', 12],
    ['a combining sequence is normalised to one character', E_COMBINING, 1],
    ['Cyrillic counts 1', 'Привет', 6],
    ['an en dash counts 1 (general punctuation range)', '–', 1],
    ['the empty caption counts 0', '', 0],
  ])('%s', (_name, text, expected) => {
    expect(countXWeighted(text)).toBe(expected);
  });

  it.each([
    ['a ZWJ sequence newer than the pinned tables (phoenix)', PHOENIX, 2],
    ['a skin tone on an emoji newer than the tables (heart hands)', HEART_HANDS_MEDIUM, 2],
    ['a newer ZWJ sequence with a skin tone (technologist)', '\u{1F9D1}\u{1F3FD}\u200D\u{1F4BB}', 2],
    ['a newer emoji alone', '\u{1FAE0}', 2],
    ['a keycap', '1\uFE0F\u20E3', 2],
    ['a keycap without the variation selector', '#\u20E3', 2],
    ['a region pair that is not a known flag', '\u{1F1E6}\u{1F1E6}', 2],
    ['a subdivision flag', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', 2],
    ['text-style © and ® as twitter-text counts them', '©®', 2],
    ['emoji-style ©️', '©\uFE0F', 2],
    ['newer emoji among text', `Hot ${PHOENIX}${HEART_HANDS_MEDIUM}!`, 4 + 2 + 2 + 1],
  ])('counts %s as X does', (_name, text, expected) => {
    expect(countXWeighted(text)).toBe(expected);
  });

  it.each([
    ['after a URL', `https://example.com/a${PHOENIX} b`, 23 + 2 + 2],
    ['before a bare domain', `${HEART_HANDS_MEDIUM}example.com`, 2 + 23],
    ['between two URLs', `https://a.example.com ${PHOENIX} https://b.example.com`, 23 + 1 + 2 + 1 + 23],
    ['after a domain ending in a keycap, which keeps its digit', 'x.co1\uFE0F\u20E3', 4 + 2],
    ['after a URL ending in a keycap', 'https://example.com/p1\uFE0F\u20E3', 23 + 2],
  ])('keeps URL detection intact with newer emoji %s', (_name, text, expected) => {
    expect(countXWeighted(text)).toBe(expected);
  });

  it('never counts more than the pinned twitter-text tables, and finds the same links', () => {
    const piece = fc.constantFrom(
      'a',
      ' ',
      '.',
      '/',
      '1',
      '#',
      'é',
      '字',
      '\u200D',
      '\uFE0F',
      '\u20E3',
      '\u{1F3FD}',
      '\u{1F1EB}',
      '©',
      '\u{1F600}',
      PHOENIX,
      HEART_HANDS_MEDIUM,
      'https://example.com/p',
      'example.org',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join('');
        expect(countXWeighted(text)).toBeLessThanOrEqual(twitterText.parseTweet(text).weightedLength);
        expect(twitterText.extractUrls(xCountingText(text)).length).toBe(extractLinks(text).length);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts exactly 280 ASCII characters and rejects 281 against the X rule', () => {
    const rule = getNetwork('x').caption;
    expect(measureText('a'.repeat(280), rule).fits).toBe(true);
    expect(measureText('a'.repeat(281), rule)).toMatchObject({ fits: false, length: 281, remaining: -1 });
  });

  it('fits 140 CJK characters and not 141', () => {
    const rule = getNetwork('x').caption;
    expect(measureText('字'.repeat(140), rule).fits).toBe(true);
    expect(measureText('字'.repeat(141), rule).fits).toBe(false);
  });

  it('fits a 257-character text with one very long URL (257 + 23 = 280)', () => {
    const text = `${'a'.repeat(256)} https://example.com/${'x'.repeat(500)}`;
    expect(countXWeighted(text)).toBe(280);
  });
});

describe('grapheme count (Bluesky)', () => {
  it.each([
    ['a ZWJ family is one grapheme', FAMILY, 1],
    ['a skin-toned emoji is one grapheme', THUMB_MEDIUM, 1],
    ['a flag is one grapheme', FLAG_FI, 1],
    ['e + combining acute is one grapheme', E_COMBINING, 1],
    ['stacked combining marks stay one grapheme', 'a\u0300\u0301\u0302', 1],
    ['Hangul jamo compose into one grapheme', '\u1100\u1161\u11A8', 1],
    ['ASCII counts one per character', 'Bluesky!', 8],
    ['a URL counts in full', 'https://example.com/abc', 23],
  ])('%s', (_name, text, expected) => {
    expect(countGraphemes(text)).toBe(expected);
  });

  it('fits 300 family emoji by graphemes but not by the 3,000-byte cap', () => {
    const rule = getNetwork('bluesky').caption;
    const text = FAMILY.repeat(300);
    const measured = measureText(text, rule);
    expect(measured.length).toBe(300);
    expect(measured.bytes).toBe(25 * 300);
    expect(measured.fits).toBe(false);
  });

  it('rejects 301 graphemes against the Bluesky rule', () => {
    expect(measureText(E_COMBINING.repeat(301), getNetwork('bluesky').caption).fits).toBe(false);
    expect(measureText(E_COMBINING.repeat(300), getNetwork('bluesky').caption).fits).toBe(true);
  });

  it('splits text into the same graphemes a reader sees', () => {
    expect(splitGraphemes(`a${FAMILY}${E_COMBINING}`)).toEqual(['a', FAMILY, E_COMBINING]);
  });
});

describe('code points and bytes', () => {
  it.each([
    ['an astral emoji is one code point', '\u{1F600}', 1],
    ['a ZWJ family is seven code points', FAMILY, 7],
    ['e + combining acute is two code points', E_COMBINING, 2],
    ['a lone surrogate counts one', '\uD800x', 2],
  ])('%s', (_name, text, expected) => {
    expect(countCodePoints(text)).toBe(expected);
  });

  it.each([
    ['ASCII', 'abc', 3],
    ['two-byte Latin', 'ä', 2],
    ['three-byte CJK', '字', 3],
    ['four-byte emoji', '\u{1F600}', 4],
    ['a lone surrogate as its replacement', '\uDC00', 3],
  ])('counts UTF-8 bytes of %s', (_name, text, expected) => {
    expect(countUtf8Bytes(text)).toBe(expected);
  });

  it('counts a long URL in full for LinkedIn', () => {
    const url = `https://example.com/${'a'.repeat(2980)}`;
    expect(countLength(url, getNetwork('linkedin').caption.counting)).toBe(3000);
    expect(measureText(`${url}b`, getNetwork('linkedin').caption).fits).toBe(false);
  });
});

describe('Threads length', () => {
  it.each([
    ['ASCII counts one per character', 'hello', 5],
    ['an emoji counts its four UTF-8 bytes', '\u{1F600}', 4],
    ['a skin-toned emoji counts eight bytes', THUMB_MEDIUM, 8],
    ['a flag counts eight bytes', FLAG_FI, 8],
    ['a keycap counts its bytes', '1\uFE0F\u20E3', 7],
    ['accented letters count one code point each', 'Hyvää', 5],
    ['CJK counts one per character', '你好', 2],
  ])('%s', (_name, text, expected) => {
    expect(countThreads(text)).toBe(expected);
  });

  it('rejects 126 emoji (504) against the 500 limit but accepts 125', () => {
    const rule = getNetwork('threads').caption;
    expect(measureText('\u{1F600}'.repeat(125), rule).fits).toBe(true);
    expect(measureText('\u{1F600}'.repeat(126), rule).fits).toBe(false);
  });
});

describe('links and hashtags in text', () => {
  it('finds links with and without a scheme', () => {
    expect(extractLinks('Read https://example.com/a and example.org today')).toEqual([
      'https://example.com/a',
      'example.org',
    ]);
  });

  it('finds Unicode hashtags without their #', () => {
    expect(extractHashtags('Hei #työelämä ja #employee! #日本')).toEqual(['työelämä', 'employee', '日本']);
  });
});

describe('every network counts its own way', () => {
  // [network, limit, count of "😀 e\u0301 字 https://example.com/long/path/xyz"]
  it.each([
    ['linkedin', 3000, 1 + 1 + 2 + 1 + 1 + 1 + 33],
    ['x', 280, 2 + 1 + 1 + 1 + 2 + 1 + 23],
    ['facebook', 63206, 40],
    ['bluesky', 300, 1 + 1 + 1 + 1 + 1 + 1 + 33],
    ['mastodon', 500, 1 + 1 + 1 + 1 + 1 + 1 + 33],
    ['threads', 500, 4 + 1 + 2 + 1 + 1 + 1 + 33],
    ['pinterest', 500, 40],
    ['instagram', 2200, 40],
    ['tumblr', 4096, 40],
    ['reddit', 300, 40],
    ['xing', 3000, 40],
    ['whatsapp', 4096, 40],
    ['email', 1000, 40],
  ] as const)(
    '%s: limit %i, counts the sample as %i, fits at the limit and not one over',
    (id, limit, sample) => {
      const rule = getNetwork(id).caption;
      expect(rule.limit).toBe(limit);
      expect(countLength('😀 e\u0301 字 https://example.com/long/path/xyz', rule.counting)).toBe(sample);
      expect(measureText('a'.repeat(limit), rule).fits).toBe(true);
      expect(measureText('a'.repeat(limit + 1), rule)).toMatchObject({ fits: false, remaining: -1 });
    },
  );
});

describe('a network’s declared link length', () => {
  it('is what X counts for every link, as twitter-text’s documented configuration says (23)', () => {
    const rule = getNetwork('x').caption;
    expect(rule.linkLength).toBe(23);
    const text = 'Read https://example.com/a/very/long/path/that/is/not/short?x=1 now';
    expect(measureText(text, rule).length).toBe(5 + 23 + 4);
  });

  it('is taken from the rule, so a network declaring another length is counted with it', () => {
    const text = 'Read https://example.com/abc now';
    expect(measureText(text, { limit: 280, counting: 'x_weighted', linkLength: 30 }).length).toBe(5 + 30 + 4);
    // Every counting honours it; without it, a link counts its characters.
    expect(measureText(text, { limit: 280, counting: 'code_points', linkLength: 30 }).length).toBe(
      5 + 30 + 4,
    );
    expect(measureText(text, { limit: 280, counting: 'graphemes', linkLength: 30 }).length).toBe(5 + 30 + 4);
    expect(measureText(text, { limit: 280, counting: 'code_points' }).length).toBe(text.length);
  });
});

describe('Mastodon length (graphemes, every http(s) link 23)', () => {
  const rule = getNetwork('mastodon').caption;
  const longUrl = `https://example.com/${'p'.repeat(300)}?utm_source=mastodon`;

  it('declares 500 with links counting 23, as a server’s characters_reserved_per_url says', () => {
    expect(rule).toMatchObject({ limit: 500, counting: 'graphemes', linkLength: 23 });
  });

  it.each([
    ['a long link counts 23', `Read ${longUrl} now`, 5 + 23 + 4],
    ['a short link counts 23 too', 'https://x.co', 23],
    ['plain http counts 23', 'http://example.com/a', 23],
    ['two links count 23 each', `${longUrl} ${longUrl}`, 23 + 1 + 23],
    ['a full stop after a link is not part of it', `${longUrl}.`, 24],
    ['a bare domain is counted as typed (Mastodon links only http(s) URLs)', 'see example.com', 15],
    ['a ZWJ family emoji is one character', FAMILY, 1],
    ['e + combining acute is one character', E_COMBINING, 1],
    ['an emoji right after a link stays one character', `${longUrl}${THUMB_MEDIUM}`, 24],
  ])('%s', (_name, text, expected) => {
    expect(measureText(text, rule).length).toBe(expected);
  });

  it('fits 476 characters and a long link (500) and refuses one more', () => {
    expect(measureText(`${'a'.repeat(476)} ${longUrl}`, rule)).toMatchObject({ length: 500, fits: true });
    expect(measureText(`${'a'.repeat(477)} ${longUrl}`, rule)).toMatchObject({ length: 501, fits: false });
  });

  it('replaces exactly the links and keeps everything else', () => {
    expect(withFixedLengthLinks('a https://e.com/x b http://f.org c', 3)).toBe('a xxx b xxx c');
    expect(withFixedLengthLinks('no links here', 3)).toBe('no links here');
  });

  it('counts every link 23 and the rest in graphemes, property-based', () => {
    const piece = fc.constantFrom('a', ' ', '.', '字', FAMILY, E_COMBINING, 'https://example.com/p', 'x.org');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join(' ');
        const links = pieces.filter((piece) => piece.startsWith('https://')).length;
        const plain = countGraphemes(text.replaceAll('https://example.com/p', ''));
        expect(measureText(text, rule).length).toBe(plain + links * 23);
      }),
      { numRuns: 200 },
    );
  });
});
