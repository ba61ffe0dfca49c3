import { countLength, getNetwork, NETWORK_IDS, type NetworkId } from '@heimo/domain';
import fc from 'fast-check';
import { SHARE_CODE_MAX_LENGTH, buildTrackedLink, longestTrackedLink } from '../links/tracked-link';
import { LINK_TOKEN } from '../render/edited-caption';
import type { ComplianceSettings, MediaRef } from './check-caption';
import {
  composeShareCaption,
  validateEditedCaption,
  validateVariant,
  type ValidateVariantInput,
} from './validate';

const BASE = 'https://heimo.fi';
const SETTINGS: ComplianceSettings = {
  disclosureHashtag: '#employee',
  disclosureRequired: true,
  blockedTerms: ['scam'],
};
const PACK = { title: 'Spring launch', hashtags: ['launch'], hasLink: true };

function variant(overrides: Partial<ValidateVariantInput>): ValidateVariantInput {
  return {
    networkId: 'x',
    template: '{{pack.title}} {{link}} {{disclosure}}',
    media: [],
    pack: PACK,
    settings: SETTINGS,
    baseUrl: BASE,
    ...overrides,
  };
}

function mediaFor(networkId: NetworkId): MediaRef[] {
  const { required, kinds } = getNetwork(networkId).media;
  return required && kinds[0] ? [{ kind: kinds[0] }] : [];
}

describe('validateVariant', () => {
  it('passes a variant that fits with the longest link', () => {
    expect(validateVariant(variant({}))).toMatchObject({ ok: true, issues: [] });
  });

  it('rejects a caption over the X limit after the link is added', () => {
    const template = `${'a'.repeat(246)} {{link}} {{disclosure}}`; // 246 + 1 + 23 + 1 + 9 = 280 fits
    expect(validateVariant(variant({ template })).ok).toBe(true);
    const over = validateVariant(variant({ template: `a${template}` }));
    expect(over).toMatchObject({ ok: false, length: 281, remaining: -1 });
    expect(over.issues.map((i) => i.code)).toEqual(['caption.too_long']);
  });

  it('rejects a LinkedIn caption that fits with a short link but not with the longest one', () => {
    const shortLink = buildTrackedLink(BASE, 'abc123');
    const longest = longestTrackedLink(BASE);
    const text = 'x'.repeat(3000 - shortLink.length - 1 - ' #employee'.length);
    expect(countLength(`${text} ${shortLink} #employee`, 'code_points')).toBe(3000);
    const result = validateVariant(
      variant({ networkId: 'linkedin', template: `${text} {{link}} {{disclosure}}` }),
    );
    expect(result).toMatchObject({ ok: false, length: 3000 + longest.length - shortLink.length });
  });

  it('counts the worst-case first name, not a short one', () => {
    // 230 + 1 + 23 + 1 + 9 = 264, so 16 characters remain: less than the worst-case name weighs on X.
    const result = validateVariant(
      variant({ template: `${'a'.repeat(230)} {{advocate.firstName}} {{link}} {{disclosure}}` }),
    );
    expect(result.issues.map((i) => i.code)).toContain('caption.too_long');
  });

  it('renders pack hashtags and title into the checked text', () => {
    const result = validateVariant(
      variant({
        networkId: 'instagram',
        template: '{{pack.title}} {{hashtags}} {{disclosure}}',
        pack: { ...PACK, hashtags: ['a', 'b', 'c', 'd', 'e'] },
        media: [{ kind: 'image' }],
      }),
    );
    expect(result.issues.map((i) => i.code)).toEqual(['caption.too_many_hashtags']);
  });

  it('reports template problems as issues on the template field', () => {
    const result = validateVariant(variant({ template: 'Hello {{price}}' }));
    expect(result).toMatchObject({ ok: false, length: 0, limit: 280 });
    expect(result.issues).toEqual([
      { code: 'template.unknown_variable', params: { name: 'price' }, field: 'template' },
    ]);
  });

  it('checks the title and media of the variant', () => {
    const result = validateVariant(variant({ networkId: 'pinterest', title: 't'.repeat(101), media: [] }));
    expect(result.issues.map((i) => i.code).sort()).toEqual([
      'variant.media_required',
      'variant.title_too_long',
    ]);
  });

  it('does not require a link when the pack has none', () => {
    expect(
      validateVariant(
        variant({ template: 'No link here {{link}} {{disclosure}}', pack: { ...PACK, hasLink: false } }),
      ).ok,
    ).toBe(true);
  });

  it('reports an unknown network instead of throwing', () => {
    expect(validateVariant(variant({ networkId: 'myspace' as NetworkId })).issues[0]?.code).toBe(
      'network.unknown',
    );
  });

  it('throws a RangeError for a misconfigured base URL', () => {
    expect(() => validateVariant(variant({ baseUrl: 'not a url' }))).toThrow(RangeError);
  });
});

describe('validateEditedCaption and composeShareCaption', () => {
  it('validates edited text with the longest link where [link] stands', () => {
    expect(
      validateEditedCaption({
        networkId: 'x',
        text: `Minun sanani ${LINK_TOKEN} #employee`,
        settings: SETTINGS,
        packHasLink: true,
        baseUrl: BASE,
      }).ok,
    ).toBe(true);
  });

  it('keeps {{ in edited text literal and still checks it', () => {
    const result = composeShareCaption({
      networkId: 'x',
      template: 'unused {{link}}',
      editedText: 'Use {{link}} yourself #employee',
      context: { pack: PACK, advocateFirstName: 'Aino', disclosureHashtag: '#employee' },
      link: buildTrackedLink(BASE, 'Ab3dE9'),
      settings: SETTINGS,
      media: [],
    });
    expect(result).toMatchObject({
      ok: true,
      text: 'Use {{link}} yourself #employee https://heimo.fi/r/Ab3dE9',
    });
  });

  it('renders the template with the real link and the advocate’s name when the caption was not edited', () => {
    const result = composeShareCaption({
      networkId: 'bluesky',
      template: 'Hi, {{advocate.firstName}} here: {{link}} {{disclosure}}',
      editedText: null,
      context: { pack: PACK, advocateFirstName: '#Aino', disclosureHashtag: 'employee' },
      link: buildTrackedLink(BASE, 'Ab3dE9'),
      settings: SETTINGS,
      media: [],
    });
    expect(result).toMatchObject({ ok: true, text: 'Hi, Aino here: https://heimo.fi/r/Ab3dE9 #employee' });
  });

  it('rejects a share whose edited text holds a blocked term', () => {
    const result = composeShareCaption({
      networkId: 'x',
      template: '',
      editedText: 'Total SCAM #employee',
      context: { pack: PACK, advocateFirstName: null, disclosureHashtag: '#employee' },
      link: buildTrackedLink(BASE, 'Ab3dE9'),
      settings: SETTINGS,
      media: [],
    });
    expect(result.issues.map((i) => i.code)).toEqual(['caption.blocked_term']);
  });
});

describe('validation laws', () => {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(' ', '\n', '  ', '#tag ', 'example.com ', '字字', '😀', 'e\u0301', '👨‍👩‍👧‍👦'),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '{{link}}',
        '{{hashtags}}',
        '{{disclosure}}',
        '{{advocate.firstName}}',
        '{{pack.title}}',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{{#if advocate.firstName}}Hi {{advocate.firstName}}! {{/if}}',
        '#{{advocate.firstName}}',
      ),
    },
  );
  const template = fc.array(piece, { maxLength: 14 }).map((pieces) => pieces.join(''));
  const network = fc.constantFrom(...NETWORK_IDS);
  const base = fc.constantFrom('https://heimo.fi', 'http://localhost:3000', 'https://example.com/advocacy/');
  const code = fc.string({
    unit: fc.constantFrom(...'abcXYZ0189'),
    minLength: 6,
    maxLength: SHARE_CODE_MAX_LENGTH,
  });
  const name = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom('Aino', '', 'Anna-Kaisa', '字'.repeat(30), '😀'.repeat(30)),
  );
  // A required disclosure always has a hashtag (without one nothing validates, which
  // checkCaption's own tests cover).
  const settings = fc.oneof(
    fc.record({
      disclosureHashtag: fc.constant('#employee'),
      disclosureRequired: fc.boolean(),
      blockedTerms: fc.constant([] as string[]),
    }),
    fc.record({
      disclosureHashtag: fc.constant(null),
      disclosureRequired: fc.constant(false),
      blockedTerms: fc.constant([] as string[]),
    }),
  );
  const pack = fc.record({
    title: fc.string({ unit: 'grapheme', maxLength: 40 }),
    hashtags: fc.array(fc.constantFrom('launch', 'heimo', 'työ', '日本'), { maxLength: 4 }),
    hasLink: fc.boolean(),
  });

  it('any caption that validates fits its network with the longest link and with a real, shorter link', () => {
    let validated = 0;
    fc.assert(
      fc.property(
        network,
        template,
        pack,
        settings,
        base,
        code,
        name,
        (networkId, tpl, p, s, baseUrl, shareCode, firstName) => {
          const media = mediaFor(networkId);
          const result = validateVariant({ networkId, template: tpl, pack: p, settings: s, baseUrl, media });
          if (!result.ok) return;
          validated++;
          for (const link of [longestTrackedLink(baseUrl), buildTrackedLink(baseUrl, shareCode)]) {
            const share = composeShareCaption({
              networkId,
              template: tpl,
              editedText: null,
              context: { pack: p, advocateFirstName: firstName, disclosureHashtag: s.disclosureHashtag },
              link: p.hasLink ? link : null,
              settings: s,
              media,
            });
            expect(share.issues).toEqual([]);
            expect(share.length).toBeLessThanOrEqual(result.length);
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(validated).toBeGreaterThan(20);
  });

  it('any edited caption that validates fits with the real link', () => {
    const edited = fc
      .array(fc.oneof(piece, fc.constantFrom(LINK_TOKEN, '#employee ')), { maxLength: 10 })
      .map((pieces) => pieces.join(''));
    let validated = 0;
    fc.assert(
      fc.property(
        network,
        edited,
        settings,
        base,
        code,
        fc.boolean(),
        (networkId, text, s, baseUrl, shareCode, packHasLink) => {
          const result = validateEditedCaption({
            networkId,
            text,
            settings: s,
            packHasLink,
            baseUrl,
            media: mediaFor(networkId),
          });
          if (!result.ok) return;
          validated++;
          const share = composeShareCaption({
            networkId,
            template: '',
            editedText: text,
            context: { pack: PACK, advocateFirstName: 'Aino', disclosureHashtag: s.disclosureHashtag },
            link: packHasLink ? buildTrackedLink(baseUrl, shareCode) : null,
            settings: s,
            media: mediaFor(networkId),
          });
          expect(share.issues).toEqual([]);
          expect(share.length).toBeLessThanOrEqual(result.length);
        },
      ),
      { numRuns: 200 },
    );
    // Most generated captions must validate, or the law above is barely tested (about 60% do).
    expect(validated).toBeGreaterThanOrEqual(200 / 4);
  });
});

describe('validateVariant with and without a name', () => {
  it('reports a caption over the limit once, with the worst-case figures', () => {
    const result = validateVariant(
      variant({ template: `${'a'.repeat(300)} {{advocate.firstName}} {{link}} {{disclosure}}` }),
    );
    expect(result.issues.filter((i) => i.code === 'caption.too_long')).toHaveLength(1);
    expect(result.length).toBe(300 + 1 + 50 + 1 + 23 + 1 + 9);
  });

  it('does not rely on text shown only when the advocate has a first name', () => {
    const result = validateVariant(
      variant({ template: '{{#if advocate.firstName}}{{link}} {{/if}}{{disclosure}}' }),
    );
    expect(result.issues.map((i) => i.code)).toEqual(['caption.link_missing']);
  });

  it('finds a blocked term that only a missing name reveals', () => {
    const result = validateVariant(
      variant({ template: 'scam{{advocate.firstName}} {{link}} {{disclosure}}' }),
    );
    expect(result.issues).toEqual([
      { code: 'caption.blocked_term', params: { term: 'scam' }, field: 'text' },
    ]);
  });
});
