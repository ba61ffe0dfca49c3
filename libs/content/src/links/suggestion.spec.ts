import { MAX_SUGGESTION_NOTE_LENGTH } from '@heimo/domain';
import { checkSuggestion } from './suggestion';

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
