import { MAX_ALT_TEXT_LENGTH, needsAltText, normaliseAltText } from './alt-text';

describe('alt text', () => {
  it('keeps the words, drops invisible characters and extra white space', () => {
    expect(normaliseAltText('  Two  chairs\u200b on\na  porch\u202e ')).toEqual({
      ok: true,
      text: 'Two chairs on a porch',
    });
    expect(normaliseAltText('   ')).toEqual({ ok: true, text: '' });
  });

  it('counts characters, not UTF-16 units, up to the limit', () => {
    expect(normaliseAltText('ä'.repeat(MAX_ALT_TEXT_LENGTH)).ok).toBe(true);
    expect(normaliseAltText('😀'.repeat(MAX_ALT_TEXT_LENGTH)).ok).toBe(true);
    expect(normaliseAltText('a'.repeat(MAX_ALT_TEXT_LENGTH + 1))).toEqual({
      ok: false,
      code: 'media.alt_text_too_long',
      max: MAX_ALT_TEXT_LENGTH,
    });
  });

  it('asks a description of images, not of video', () => {
    expect(needsAltText({ kind: 'image', altText: ' ' })).toBe(true);
    expect(needsAltText({ kind: 'image', altText: 'A red tulip' })).toBe(false);
    expect(needsAltText({ kind: 'video', altText: '' })).toBe(false);
  });
});
