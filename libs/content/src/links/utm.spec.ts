import fc from 'fast-check';
import { parseDestinationUrl } from './destination-url';
import { buildShareRedirectUrl, buildUtmUrl, type UtmParams } from './utm';

const UTM: UtmParams = {
  source: 'linkedin',
  medium: 'advocacy',
  campaign: 'spring-launch',
  content: 'Ab3dE9',
};
const SUFFIX = 'utm_source=linkedin&utm_medium=advocacy&utm_campaign=spring-launch&utm_content=Ab3dE9';

describe('buildUtmUrl', () => {
  it.each([
    ['a link without a query', 'https://example.com/post', `https://example.com/post?${SUFFIX}`],
    [
      'a link with a query, kept in order',
      'https://example.com/p?b=2&a=1',
      `https://example.com/p?b=2&a=1&${SUFFIX}`,
    ],
    [
      'a link with a fragment, kept last',
      'https://example.com/p?x=1#section-2',
      `https://example.com/p?x=1&${SUFFIX}#section-2`,
    ],
    ['a link with a fragment only', 'https://example.com/p#top', `https://example.com/p?${SUFFIX}#top`],
    [
      'earlier UTM values, replaced',
      'https://example.com/?utm_source=newsletter&id=7&utm_campaign=old&UTM_Medium=email',
      `https://example.com/?id=7&${SUFFIX}`,
    ],
    [
      'other utm_ parameters, dropped too',
      'https://example.com/?utm_term=shoes&utm_id=42&q=1',
      `https://example.com/?q=1&${SUFFIX}`,
    ],
    [
      'an encoded utm_ name, recognised',
      'https://example.com/?utm%5Fsource=x',
      `https://example.com/?${SUFFIX}`,
    ],
    [
      'parameters that only look like UTM, kept',
      'https://example.com/?xutm_source=1',
      `https://example.com/?xutm_source=1&${SUFFIX}`,
    ],
    [
      'an empty query and stray ampersands, cleaned',
      'https://example.com/?&&',
      `https://example.com/?${SUFFIX}`,
    ],
    [
      'an earlier UTM value after a semicolon',
      'https://a.com/?a=1;utm_source=old',
      `https://a.com/?a=1&${SUFFIX}`,
    ],
    [
      'earlier UTM values among semicolons and ampersands, keeping the other separators',
      'https://a.com/?utm_medium=x;a=1;b=2&utm_campaign=y;c=3',
      `https://a.com/?a=1;b=2;c=3&${SUFFIX}`,
    ],
    [
      'existing encoding, kept as written',
      'https://example.com/?q=a%20b+c',
      `https://example.com/?q=a%20b+c&${SUFFIX}`,
    ],
  ])('adds UTM parameters to %s', (_name, destination, expected) => {
    expect(buildUtmUrl(destination, UTM)).toEqual({ ok: true, url: expected });
  });

  it('encodes UTM values', () => {
    const built = buildUtmUrl('https://example.com/', { ...UTM, campaign: 'Kevät & kesä #1' });
    expect(built).toMatchObject({ ok: true });
    const url = new URL(built.ok ? built.url : '');
    expect(url.searchParams.get('utm_campaign')).toBe('Kevät & kesä #1');
    expect(url.hash).toBe('');
  });

  it('leaves out empty UTM values', () => {
    expect(buildUtmUrl('https://example.com/', { ...UTM, content: '' })).toEqual({
      ok: true,
      url: 'https://example.com/?utm_source=linkedin&utm_medium=advocacy&utm_campaign=spring-launch',
    });
  });

  it.each([
    ['javascript:alert(1)', 'link.scheme_not_allowed'],
    ['//evil.example/', 'link.scheme_missing'],
    ['https://a@b.example/', 'link.credentials_not_allowed'],
  ])('refuses the destination %s with %s', (destination, code) => {
    expect(buildUtmUrl(destination, UTM)).toMatchObject({ ok: false, code });
  });

  it('accepts an already parsed destination', () => {
    const parsed = parseDestinationUrl('https://example.com/a?x=1');
    if (!parsed.ok) throw new Error('fixture did not parse');
    expect(buildUtmUrl(parsed.url, UTM)).toEqual({ ok: true, url: `https://example.com/a?x=1&${SUFFIX}` });
  });

  it('is idempotent, keeps every non-UTM parameter and sets each UTM value exactly once', () => {
    const value = fc.string({ unit: 'grapheme', maxLength: 12 });
    const utmArb = fc.record({ source: value, medium: value, campaign: value, content: value });
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        utmArb,
        (destination, utm) => {
          const once = buildUtmUrl(destination, utm);
          if (!once.ok) return;
          expect(buildUtmUrl(once.url, utm)).toEqual(once);
          const before = new URL(destination);
          const after = new URL(once.url);
          for (const key of ['source', 'medium', 'campaign', 'content'] as const) {
            expect(after.searchParams.getAll(`utm_${key}`)).toEqual(utm[key] === '' ? [] : [utm[key]]);
          }
          // Parameter names, with `;` taken as a separator too (as buildUtmUrl does).
          const nonUtm = (u: URL) =>
            u.search
              .slice(1)
              .split(/[&;]/)
              .filter((piece) => piece !== '')
              .map((piece) => new URLSearchParams(piece).keys().next().value ?? '')
              .filter((k) => !k.toLowerCase().startsWith('utm_'));
          expect(nonUtm(after)).toEqual(nonUtm(before));
          expect(after.hash).toBe(before.hash);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('buildShareRedirectUrl', () => {
  it('sends a click on a share to the destination with the network, medium, pack and share code', () => {
    expect(
      buildShareRedirectUrl({
        destination: 'https://example.com/post#x',
        networkId: 'x',
        campaign: 'launch',
        shareCode: 'Ab3dE9',
      }),
    ).toEqual({
      ok: true,
      url: 'https://example.com/post?utm_source=x&utm_medium=advocacy&utm_campaign=launch&utm_content=Ab3dE9#x',
    });
  });
});
