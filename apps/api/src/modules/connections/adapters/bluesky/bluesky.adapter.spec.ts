import { ConnectedNetworkError } from '@heimo/domain';
import { XRPCError } from '@atproto/api';
import { OutboundError } from '../../../../infra/outbound/outbound.errors';
import { postWebUrl, recordKeyFor, recordLinks, retryAfterMs, toNetworkError } from './bluesky.adapter';

describe('Bluesky adapter helpers', () => {
  it('reads the links of link facets and of an external embed, alone or beside a quoted record', () => {
    expect(
      recordLinks({
        facets: [
          { features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://a.example/r/1' }] },
          { features: [{ $type: 'app.bsky.richtext.facet#tag', uri: 'ignored' }] },
        ],
        embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://b.example/' } },
      }),
    ).toEqual(['https://a.example/r/1', 'https://b.example/']);
    expect(
      recordLinks({
        embed: {
          $type: 'app.bsky.embed.recordWithMedia',
          media: { $type: 'app.bsky.embed.external', external: { uri: 'https://c.example/' } },
        },
      }),
    ).toEqual(['https://c.example/']);
    expect(recordLinks({ text: 'no links' })).toEqual([]);
  });

  it('derives one record key in the TID form per draft key', () => {
    const at = new Date('2026-12-08T10:00:00Z');
    const key = recordKeyFor('share-a', at);
    expect(key).toMatch(/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/);
    expect(recordKeyFor('share-a', at)).toBe(key);
    expect(recordKeyFor('share-b', at)).not.toBe(key);
    // Later shares sort after earlier ones, as TIDs do.
    expect(recordKeyFor('share-a', new Date(at.getTime() + 1000)) > key).toBe(true);
  });

  it('makes the post page from the handle and the record key', () => {
    expect(postWebUrl('aino.bsky.social', 'at://did:plc:abc/app.bsky.feed.post/3kabc')).toBe(
      'https://bsky.app/profile/aino.bsky.social/post/3kabc',
    );
  });

  it('reads Retry-After as seconds or a date, else ratelimit-reset, else nothing', () => {
    const now = Date.parse('2026-12-08T10:00:00Z');
    expect(retryAfterMs({ 'retry-after': '30' }, now)).toBe(30_000);
    expect(retryAfterMs({ 'Retry-After': 'Tue, 08 Dec 2026 10:02:00 GMT' }, now)).toBe(120_000);
    expect(retryAfterMs({ 'ratelimit-reset': String(now / 1000 + 90) }, now)).toBe(90_000);
    expect(retryAfterMs({}, now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });

  it('maps failures to what generic code does with them', () => {
    const kind = (error: unknown) => toNetworkError(error).kind;
    expect(kind(new XRPCError(401, 'AuthenticationRequired'))).toBe('unauthorized');
    expect(kind(new XRPCError(400, 'ExpiredToken'))).toBe('unauthorized');
    const limited = toNetworkError(new XRPCError(429, 'RateLimitExceeded', 'slow', { 'retry-after': '12' }));
    expect(limited).toMatchObject({ kind: 'rate_limited', retryAfterMs: 12_000 });
    expect(kind(new XRPCError(502, 'UpstreamFailure'))).toBe('unavailable');
    expect(kind(new XRPCError(1, undefined, 'fetch failed'))).toBe('unavailable');
    expect(kind(new XRPCError(400, 'InvalidRequest'))).toBe('rejected');
    const refused = new OutboundError('private_address', '10.0.0.1 is a private address');
    expect(kind(new XRPCError(1, undefined, 'x', undefined, { cause: refused }))).toBe('rejected');
    const timeout = new OutboundError('timeout', 'no answer');
    expect(kind(new XRPCError(1, undefined, 'x', undefined, { cause: timeout }))).toBe('unavailable');
    const own = new ConnectedNetworkError('not_found', 'gone');
    expect(toNetworkError(own)).toBe(own);
  });
});
