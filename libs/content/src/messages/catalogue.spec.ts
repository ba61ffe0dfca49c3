import { MESSAGES, MESSAGE_LOCALES, formatIssue, isMessageLocale } from './catalogue';
import type { IssueCode } from './issue';

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  const codes = Object.keys(MESSAGES.en) as IssueCode[];

  it('has the same codes in every locale', () => {
    for (const locale of MESSAGE_LOCALES)
      expect(Object.keys(MESSAGES[locale]).sort()).toEqual([...codes].sort());
  });

  it.each(codes)('says %s in Finnish with the same parameters as in English', (code) => {
    expect(MESSAGES.fi[code].trim().length).toBeGreaterThan(0);
    expect(MESSAGES.fi[code]).not.toBe(MESSAGES.en[code]);
    expect(placeholders(MESSAGES.fi[code])).toEqual(placeholders(MESSAGES.en[code]));
  });

  it('interpolates parameters and formats numbers for the locale', () => {
    const issue = {
      code: 'caption.too_long',
      params: { length: 3012, limit: 3000, network: 'LinkedIn' },
    } as const;
    expect(formatIssue(issue, 'en')).toBe('The caption is 3,012 characters long; LinkedIn allows 3,000.');
    expect(formatIssue(issue, 'fi')).toBe(
      'Teksti on 3\u00a0012 merkkiä pitkä; LinkedIn sallii enintään 3\u00a0000.',
    );
  });

  it('names the blocked term in the message', () => {
    expect(formatIssue({ code: 'caption.blocked_term', params: { term: 'huijaus' } }, 'fi')).toBe(
      'Organisaatiosi ei salli ilmausta ”huijaus”.',
    );
  });

  it('leaves a placeholder without a parameter as written', () => {
    expect(formatIssue({ code: 'caption.disclosure_missing', params: {} })).toBe(
      'Add the disclosure {hashtag}.',
    );
  });

  it('tells supported locales apart', () => {
    expect(isMessageLocale('fi')).toBe(true);
    expect(isMessageLocale('sv')).toBe(false);
  });
});
