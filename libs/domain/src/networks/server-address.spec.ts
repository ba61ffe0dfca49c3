import { parseServerAddress } from './server-address';

describe('parseServerAddress', () => {
  it.each([
    ['a bare host', 'example.social', 'https://example.social'],
    ['an https URL', 'https://example.social', 'https://example.social'],
    ['a trailing slash', 'https://example.social/', 'https://example.social'],
    ['upper case and spaces around', '  HTTPS://Example.Social  ', 'https://example.social'],
    ['a port', 'example.social:8443', 'https://example.social:8443'],
    ['the default port', 'https://example.social:443/', 'https://example.social'],
    ['a subdomain', 'social.example.co.uk', 'https://social.example.co.uk'],
    ['a handle, for its server', '@alice@example.social', 'https://example.social'],
    ['a handle without the first @', 'alice@Example.Social', 'https://example.social'],
    ['an international name, as punycode', 'mastodon.äö.fi', 'https://mastodon.xn--4ca0b.fi'],
  ])('takes %s', (_name, raw, origin) => {
    expect(parseServerAddress(raw)).toEqual({ ok: true, value: { origin, host: new URL(origin).hostname } });
  });

  it.each([
    ['nothing', '   ', 'empty'],
    ['plain http', 'http://example.social', 'not_https'],
    ['another scheme', 'ftp://example.social', 'not_https'],
    ['a path', 'https://example.social/@alice', 'has_path'],
    ['a query', 'example.social?x=1', 'has_path'],
    ['a fragment', 'example.social#top', 'has_path'],
    ['credentials', 'https://alice:secret@example.social', 'has_credentials'],
    ['a space inside', 'example .social', 'malformed'],
    ['a single label', 'mastodon', 'malformed'],
    ['a label ending in a hyphen', 'bad-.example', 'malformed'],
    ['an underscore', 'under_score.example', 'malformed'],
    ['a handle without a server', '@alice', 'malformed'],
    ['a handle with two servers', '@alice@a.example@b.example', 'has_credentials'],
    ['a broken port', 'example.social:99999', 'malformed'],
  ])('refuses %s', (_name, raw, problem) => {
    expect(parseServerAddress(raw)).toEqual({ ok: false, problem });
  });

  it('takes plain http only where the caller allows it (test servers on loopback)', () => {
    expect(parseServerAddress('http://127.0.0.1:4000', { allowHttp: true })).toEqual({
      ok: true,
      value: { origin: 'http://127.0.0.1:4000', host: '127.0.0.1' },
    });
  });
});
