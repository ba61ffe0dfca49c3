import {
  POST_BEFORE_SHARE_TOLERANCE_MS,
  engagementTotal,
  findSharePost,
  nextEngagementAt,
  nextVerificationAt,
  normaliseLink,
  postCarriesLink,
} from './share-verification';
import type { RemotePost } from './connected-network';

const link = 'https://heimo.example/r/Ab3dE5gH7j';
const sharedAt = new Date('2026-12-08T10:00:00Z');

function post(id: string, minutesAfterShare: number, text: string, links: string[] = []): RemotePost {
  return {
    id,
    url: `https://social.example/${id}`,
    createdAt: new Date(sharedAt.getTime() + minutesAfterShare * 60_000),
    text,
    links,
  };
}

describe('normaliseLink', () => {
  it('ignores scheme, host case, default port, query, fragment and a trailing slash', () => {
    expect(normaliseLink('HTTP://Heimo.Example:80/r/Ab3dE5gH7j/?utm_source=x#top')).toBe(
      'heimo.example/r/Ab3dE5gH7j',
    );
    expect(normaliseLink('https://heimo.example:443/r/Ab3dE5gH7j')).toBe('heimo.example/r/Ab3dE5gH7j');
  });
  it('keeps the path case (codes are case-sensitive) and other ports', () => {
    expect(normaliseLink('https://heimo.example/r/ab3de5gh7j')).not.toBe(normaliseLink(link));
    expect(normaliseLink('https://heimo.example:8443/r/Ab3dE5gH7j')).toBe('heimo.example:8443/r/Ab3dE5gH7j');
  });
  it('refuses what is not an absolute http(s) URL', () => {
    for (const value of [
      'heimo.example/r/x',
      'ftp://heimo.example/r/x',
      'javascript:alert(1)',
      '',
      'https://',
    ])
      expect(normaliseLink(value)).toBeNull();
  });
});

describe('postCarriesLink', () => {
  it('finds the link among the links the network attaches', () => {
    expect(
      postCarriesLink({ text: 'Read this heimo.example/r/Ab3d…', links: [`${link}?ref=bsky`] }, link),
    ).toBe(true);
  });
  it('finds the link written out whole in the text, before punctuation', () => {
    expect(postCarriesLink({ text: `Read this (${link}).`, links: [] }, link)).toBe(true);
  });
  it('does not count a link shortened for display, another code or another host', () => {
    expect(postCarriesLink({ text: 'heimo.example/r/Ab3dE5gH7j', links: [] }, link)).toBe(false);
    expect(postCarriesLink({ text: 'https://heimo.example/r/Ab3dE5gH7', links: [] }, link)).toBe(false);
    expect(postCarriesLink({ text: '', links: ['https://evil.example/r/Ab3dE5gH7j'] }, link)).toBe(false);
    expect(postCarriesLink({ text: `${link}x`, links: [] }, link)).toBe(false);
  });
});

describe('findSharePost', () => {
  it('picks the earliest post with the link made since shortly before the share', () => {
    const tooEarly = post('old', -(POST_BEFORE_SHARE_TOLERANCE_MS / 60_000) - 1, link);
    const withoutLink = post('nolink', 1, 'I shared something');
    const first = post('first', 2, `Look ${link}`);
    const second = post('second', 30, '', [link]);
    expect(findSharePost([second, withoutLink, first, tooEarly], link, sharedAt)?.id).toBe('first');
    expect(findSharePost([tooEarly, withoutLink], link, sharedAt)).toBeNull();
  });
});

describe('schedules', () => {
  it('checks four times and then stops', () => {
    const checks = [0, 1, 2, 3].map(
      (done) => nextVerificationAt(sharedAt, done)!.getTime() - sharedAt.getTime(),
    );
    expect(checks).toEqual([600_000, 3_600_000, 21_600_000, 86_400_000]);
    expect(nextVerificationAt(sharedAt, 4)).toBeNull();
  });
  it('collects engagement at an hour, a day and a week', () => {
    expect(nextEngagementAt(sharedAt, 2)!.getTime() - sharedAt.getTime()).toBe(7 * 86_400_000);
    expect(nextEngagementAt(sharedAt, 3)).toBeNull();
  });
  it('sums engagement', () => {
    expect(engagementTotal({ likes: 3, reposts: 2, replies: 1, quotes: 4 })).toBe(10);
  });
});
