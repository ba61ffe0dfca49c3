import { DISCLOSURE_MAX_LENGTH, isDisclosureSetting } from './disclosure-setting';

describe('isDisclosureSetting', () => {
  it.each([
    '#employee',
    '#ad',
    '#työntekijä',
    '#brand_fan',
    'Mainos',
    'Kaupallinen yhteistyö',
    'Paid partnership',
  ])('accepts %s', (value) => expect(isDisclosureSetting(value)).toBe(true));

  it.each([
    ['empty', ''],
    ['a lone #', '#'],
    ['a hashtag with a space', '#my tag'],
    ['surrounding space', ' #ad'],
    ['a link', 'see example.com'],
    ['a # inside text', 'Ad #fan'],
    ['too long', 'a'.repeat(DISCLOSURE_MAX_LENGTH + 1)],
    ['a control character', 'Ad\u202e'],
    ['not a string', 3],
  ])('refuses %s', (_name, value) => expect(isDisclosureSetting(value)).toBe(false));
});
