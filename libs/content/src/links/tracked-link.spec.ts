import {
  SHARE_CODE_MAX_LENGTH,
  buildTrackedLink,
  isShareCode,
  longestTrackedLink,
  parseTrackedLinkBase,
} from './tracked-link';

describe('tracked links', () => {
  it('builds <base>/r/<code>, with or without a trailing slash on the base', () => {
    expect(buildTrackedLink('https://heimo.example', 'Ab3dE9')).toBe('https://heimo.example/r/Ab3dE9');
    expect(buildTrackedLink('https://heimo.example/', 'Ab3dE9')).toBe('https://heimo.example/r/Ab3dE9');
    expect(buildTrackedLink('https://example.com/advocacy/', 'Ab3dE9')).toBe(
      'https://example.com/advocacy/r/Ab3dE9',
    );
  });

  it('makes the longest link with a share code of the maximum length', () => {
    const longest = longestTrackedLink('https://heimo.example');
    expect(longest).toBe(`https://heimo.example/r/${'Z'.repeat(SHARE_CODE_MAX_LENGTH)}`);
  });

  it('never makes a real link longer than the longest link', () => {
    for (let length = 6; length <= SHARE_CODE_MAX_LENGTH; length++) {
      expect(buildTrackedLink('https://heimo.example', 'a'.repeat(length)).length).toBeLessThanOrEqual(
        longestTrackedLink('https://heimo.example').length,
      );
    }
  });

  it.each([
    ['Ab3dE9', true],
    ['a'.repeat(16), true],
    ['abcde', false],
    ['a'.repeat(17), false],
    ['abc-def', false],
    ['abc def', false],
    ['äbcdef', false],
    [42, false],
  ])('tells %p is a share code: %p', (code, expected) => {
    expect(isShareCode(code)).toBe(expected);
  });

  it.each([
    ['https://heimo.example?x=1', 'link.query_not_allowed'],
    ['https://heimo.example#top', 'link.query_not_allowed'],
    ['ftp://heimo.example', 'link.scheme_not_allowed'],
    ['heimo.example', 'link.scheme_missing'],
  ])('refuses the base URL %s with %s', (base, code) => {
    expect(parseTrackedLinkBase(base)).toMatchObject({ ok: false, code });
    expect(() => buildTrackedLink(base, 'Ab3dE9')).toThrow(RangeError);
  });

  it('refuses a malformed share code', () => {
    expect(() => buildTrackedLink('https://heimo.example', '../admin')).toThrow(RangeError);
  });
});
