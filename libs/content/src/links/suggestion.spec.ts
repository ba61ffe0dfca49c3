import { MAX_SUGGESTION_NOTE_LENGTH } from '@heimo/domain';
import { checkSuggestion, suggestionFromSharedData } from './suggestion';

describe('checkSuggestion', () => {
  it('normalises the link and trims the note', () => {
    expect(checkSuggestion({ url: '  HTTPS://Example.COM/News  ', note: '  Worth sharing ' })).toEqual({
      ok: true,
      url: 'https://example.com/News',
      host: 'example.com',
      note: 'Worth sharing',
    });
  });

  it.each([
    ['credentials', 'https://user:secret@example.com/', 'link.credentials_not_allowed'],
    ['another scheme', 'javascript:alert(1)', 'link.scheme_not_allowed'],
    ['ftp', 'ftp://example.com/file', 'link.scheme_not_allowed'],
    ['no scheme', 'example.com/news', 'link.scheme_missing'],
    ['too long', `https://example.com/${'a'.repeat(2100)}`, 'link.too_long'],
    ['nothing', '', 'link.empty'],
    ['not a string', 42, 'link.malformed'],
  ])('refuses a link with %s, naming the field', (_, url, code) => {
    const check = checkSuggestion({ url });
    expect(check).toEqual({ ok: false, issues: [expect.objectContaining({ field: 'url', code })] });
  });

  it('refuses a note over the limit, with the link’s problem at once', () => {
    const check = checkSuggestion({
      url: 'mailto:x@example.com',
      note: 'n'.repeat(MAX_SUGGESTION_NOTE_LENGTH + 1),
    });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.issues.map((issue) => `${issue.field}:${issue.code}`)).toEqual([
      'url:link.scheme_not_allowed',
      'note:suggestion.note_too_long',
    ]);
  });
});

describe('suggestionFromSharedData', () => {
  it.each([
    [
      'the url field, with the title as the note',
      { title: 'New office', text: '', url: 'https://example.com/office' },
      { url: 'https://example.com/office', note: 'New office' },
    ],
    [
      'the first link of the text, the rest of it as the note',
      { title: 'Acme News', text: 'Look at this: https://example.com/a?b=1. Great photos', url: null },
      { url: 'https://example.com/a?b=1', note: 'Acme News — Look at this: Great photos' },
    ],
    ['a title equal to the text once', { title: 'Same', text: 'Same' }, { url: '', note: 'Same' }],
    ['nothing', {}, { url: '', note: '' }],
    [
      'a foreign link as given, for the form to refuse',
      { url: 'javascript:alert(1)' },
      { url: 'javascript:alert(1)', note: '' },
    ],
  ])('takes %s', (_, shared, expected) => {
    expect(suggestionFromSharedData(shared)).toEqual(expected);
  });

  it('cuts a long text to the note limit', () => {
    const { note } = suggestionFromSharedData({ text: 'word '.repeat(300) });
    expect(note).toHaveLength(MAX_SUGGESTION_NOTE_LENGTH);
    expect(note.endsWith('…')).toBe(true);
  });

  it('gives the form what it checks: a shared javascript: link is refused as a typed one', () => {
    const shared = suggestionFromSharedData({ url: 'javascript:alert(1)' });
    expect(checkSuggestion(shared)).toEqual({
      ok: false,
      issues: [expect.objectContaining({ field: 'url', code: 'link.scheme_not_allowed' })],
    });
  });
});
