import { countCodePoints, countGraphemes, countLength, countUtf8Bytes } from '@heimo/domain';
import fc from 'fast-check';
import {
  FIRST_NAME_MAX_CODE_POINTS,
  VALIDATION_FIRST_NAME,
  captionFirstName,
  firstNameOf,
  formatHashtags,
  normaliseHashtag,
} from './variables';

describe('caption variables', () => {
  it.each([
    ['a plain name', 'Aino', 'Aino'],
    ['surrounding and inner whitespace', '  Anna \n Maria ', 'Anna Maria'],
    ['hashtag and mention signs', '#Aino @home', 'Aino home'],
    ['control and invisible characters', 'Ai\u0000no\u200b', 'Aino'],
    ['a name that looks like a link', 'bob.example.com', 'bob example com'],
    ['a decomposed accent, composed', 'Ja\u0308rvi', 'Järvi'],
    ['nothing', null, ''],
  ])('makes %s safe for a caption', (_name, input, expected) => {
    expect(captionFirstName(input)).toBe(expected);
  });

  it('keeps emoji sequences whole', () => {
    expect(captionFirstName('Aino 👩‍💻')).toBe('Aino 👩‍💻');
  });

  it('cuts long names at a grapheme boundary', () => {
    const name = `${'a'.repeat(FIRST_NAME_MAX_CODE_POINTS - 1)}👩‍💻`;
    expect(captionFirstName(name)).toBe('a'.repeat(FIRST_NAME_MAX_CODE_POINTS - 1));
  });

  it('never lets a real name count more than the validation stand-in on any counting', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (raw) => {
        const name = captionFirstName(raw);
        expect(countCodePoints(name)).toBeLessThanOrEqual(FIRST_NAME_MAX_CODE_POINTS);
        for (const counting of ['code_points', 'graphemes', 'x_weighted', 'threads'] as const) {
          expect(countLength(name, counting)).toBeLessThanOrEqual(
            countLength(VALIDATION_FIRST_NAME, counting),
          );
        }
        expect(countUtf8Bytes(name)).toBeLessThanOrEqual(countUtf8Bytes(VALIDATION_FIRST_NAME));
        expect(countGraphemes(name)).toBeLessThanOrEqual(countGraphemes(VALIDATION_FIRST_NAME));
      }),
      { numRuns: 200 },
    );
  });

  it('takes the first word of a full name', () => {
    expect(firstNameOf(' Anna-Kaisa Virtanen ')).toBe('Anna-Kaisa');
    expect(firstNameOf(null)).toBe('');
  });

  it('formats pack hashtags with #, without spaces or duplicates', () => {
    expect(formatHashtags(['launch', '#Heimo', 'LAUNCH', ' employee advocacy ', '', '#'])).toBe(
      '#launch #Heimo #employeeadvocacy',
    );
  });

  it('normalises the disclosure hashtag with or without #', () => {
    expect(normaliseHashtag('employee')).toBe('#employee');
    expect(normaliseHashtag('#ad')).toBe('#ad');
    expect(normaliseHashtag(null)).toBe('');
  });

  it('answers the same for a name or tag list it remembers as for one it has forgotten', () => {
    const names = Array.from({ length: 1_500 }, (_, i) => `#Anna-${i}.example.com`);
    const first = names.map((name) => captionFirstName(name));
    // The first 500 were forgotten to make room; every answer is the same the second time.
    expect(names.map((name) => captionFirstName(name))).toEqual(first);
    expect(first[0]).toBe('Anna-0 example com');
    const lists = Array.from({ length: 1_500 }, (_, i) => [`tag${i}`, 'Tag0', `tag${i}`]);
    const formatted = lists.map((tags) => formatHashtags(tags));
    expect(lists.map((tags) => formatHashtags(tags))).toEqual(formatted);
    expect(formatted[0]).toBe('#tag0');
    expect(formatted[7]).toBe('#tag7 #Tag0');
    expect(formatHashtags(['a b', 'c'])).toBe('#ab #c');
    expect(formatHashtags(['a', 'b c'])).toBe('#a #bc');
  });
});
