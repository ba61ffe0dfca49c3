import { feedItemDraft } from './feed-draft';

describe('feedItemDraft', () => {
  it('puts title and summary on one line, without control or format characters', () => {
    const draft = feedItemDraft(
      'org',
      {
        title: '  Kevään  uutiset:\u0007 2026!\u200b ',
        summary: 'First paragraph.\n\nSecond\tparagraph.',
        link: 'https://example.com/a',
      },
      ['m1'],
    );
    expect(draft).toEqual({
      organisationId: 'org',
      title: 'Kevään uutiset: 2026!',
      summary: 'First paragraph. Second paragraph.',
      destinationUrl: 'https://example.com/a',
      mediaIds: ['m1'],
    });
  });

  it('composes decomposed letters (NFC)', () => {
    expect(feedItemDraft('org', { title: 'Keva\u0308t', summary: '', link: null }, []).title).toBe('Kevät');
  });
});
