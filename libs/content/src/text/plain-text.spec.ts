import fc from 'fast-check';
import { plainText } from './plain-text';

describe('plainText', () => {
  it('makes one line of paragraphs, tabs and runs of spaces', () => {
    expect(plainText('  Hot\n\ndays\tahead\r\n  now  ')).toBe('Hot days ahead now');
  });

  it('turns control and format characters into spaces, bidi overrides included', () => {
    expect(plainText('evil\u202eexe.txt')).toBe('evil exe.txt');
    expect(plainText('a\u0000b\u200bc\u2066d')).toBe('a b c d');
  });

  it('composes decomposed letters (NFC)', () => {
    expect(plainText('A\u0308iti')).toBe('Äiti');
  });

  it('answers text that is already plain unchanged, and is idempotent', () => {
    expect(plainText('Spring launch → 2026')).toBe('Spring launch → 2026');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const once = plainText(text);
        expect(plainText(once)).toBe(once);
        expect(once).not.toMatch(/[\p{Cc}\p{Cf}]|^\s|\s$|\s\s/u);
      }),
    );
  });
});
