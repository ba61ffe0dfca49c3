import { countLength, getNetwork, NETWORK_IDS, type MemberKind, type NetworkId } from '@heimo/domain';
import fc from 'fast-check';
import twitterText from 'twitter-text';
import { SHARE_CODE_LENGTH, buildTrackedLink, sampleTrackedLink } from '../links/tracked-link';
import { LINK_TOKEN } from '../render/edited-caption';
import { disclosureFor, type ComplianceSettings, type MediaRef } from './check-caption';
import {
  composeShareCaption,
  validateEditedCaption,
  validateVariant,
  type ValidateVariantInput,
} from './validate';

const BASE = 'https://heimo.fi';
const SETTINGS: ComplianceSettings = {
  disclosures: { employee: '#employee', fan: '#ad' },
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
    audienceKinds: ['employee'],
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
  it('passes a variant that fits with a link of the real length', () => {
    expect(validateVariant(variant({}))).toMatchObject({ ok: true, issues: [] });
  });

  it('rejects a caption over the X limit after the link is added', () => {
    const template = `${'a'.repeat(246)} {{link}} {{disclosure}}`; // 246 + 1 + 23 + 1 + 9 = 280 fits
    expect(validateVariant(variant({ template })).ok).toBe(true);
    const over = validateVariant(variant({ template: `a${template}` }));
    expect(over).toMatchObject({ ok: false, length: 281, remaining: -1 });
    expect(over.issues.map((i) => i.code)).toEqual(['caption.too_long']);
  });

  it('counts the tracked link at the length of a real share code', () => {
    const link = buildTrackedLink(BASE, 'q'.repeat(SHARE_CODE_LENGTH));
    const text = 'x'.repeat(3000 - link.length - 1 - ' #employee'.length);
    expect(countLength(`${text} ${link} #employee`, 'code_points')).toBe(3000);
    const template = `${text} {{link}} {{disclosure}}`;
    expect(validateVariant(variant({ networkId: 'linkedin', template }))).toMatchObject({
      ok: true,
      length: 3000,
    });
    const over = validateVariant(variant({ networkId: 'linkedin', template: `x${template}` }));
    expect(over).toMatchObject({ ok: false, length: 3001 });
  });

  it('counts an X caption exactly as X counts its preview, with a link X does not shorten', () => {
    // A link on a host without a public suffix (localhost) is no link to X: it counts every character.
    const template = `${'a'.repeat(245)} {{link}} {{disclosure}}`;
    const result = validateVariant(variant({ template, baseUrl: 'http://localhost:3000' }));
    expect(result.preview?.text).toBe(
      `${'a'.repeat(245)} ${sampleTrackedLink('http://localhost:3000')} #employee`,
    );
    const xCount = twitterText.parseTweet(result.preview?.text ?? '').weightedLength;
    expect(xCount).toBe(245 + 1 + 'http://localhost:3000/r/'.length + SHARE_CODE_LENGTH + 1 + 9);
    expect(result).toMatchObject({ length: xCount, reserved: 0, preview: { length: xCount } });
    expect(result.ok).toBe(xCount <= 280);
  });

  it('says how much room it keeps for advocates’ names beyond the preview', () => {
    const result = validateVariant(
      variant({
        template: 'Hi, {{advocate.firstName}} here {{link}} {{disclosure}}',
        previewFirstName: 'Aino',
      }),
    );
    expect(result.preview).toEqual({
      text: `Hi, Aino here ${sampleTrackedLink(BASE)} #employee`,
      length: 4 + 4 + 6 + 23 + 10,
      kind: 'employee',
    });
    // The worst-case name weighs 50 on X; the preview's "Aino" 4.
    expect(result.reserved).toBe(46);
    expect(result.length).toBe((result.preview?.length ?? 0) + result.reserved);
  });

  it('checks the caption of every kind in the audience, each with its own disclosure', () => {
    const both = variant({ audienceKinds: ['employee', 'fan'] });
    expect(validateVariant(both).ok).toBe(true);
    const hardcoded = validateVariant({ ...both, template: '{{pack.title}} {{link}} #employee' });
    expect(hardcoded.issues).toEqual([
      { code: 'caption.disclosure_missing', params: { hashtag: '#ad' }, field: 'text' },
    ]);
  });

  it('measures against the longest disclosure among the audience’s kinds', () => {
    const settings = { ...SETTINGS, disclosures: { employee: '#employee', fan: 'Kaupallinen yhteistyö' } };
    const template = `${'a'.repeat(246)} {{link}} {{disclosure}}`; // 246 + 1 + 23 + 1 + 9 = 280 fits
    expect(validateVariant(variant({ template, settings })).ok).toBe(true);
    const withFans = validateVariant(variant({ template, settings, audienceKinds: ['employee', 'fan'] }));
    expect(withFans).toMatchObject({ ok: false, length: 246 + 1 + 23 + 1 + 21 });
    expect(withFans.preview?.kind).toBe('fan');
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
  it('validates edited text with a link of the real length where [link] stands', () => {
    expect(
      validateEditedCaption({
        networkId: 'x',
        text: `Minun sanani ${LINK_TOKEN} #employee`,
        settings: SETTINGS,
        kind: 'employee',
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
      context: { pack: PACK, advocateFirstName: 'Aino' },
      kind: 'employee',
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
      context: { pack: PACK, advocateFirstName: '#Aino' },
      kind: 'employee',
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
      context: { pack: PACK, advocateFirstName: null },
      kind: 'employee',
      link: buildTrackedLink(BASE, 'Ab3dE9'),
      settings: SETTINGS,
      media: [],
    });
    expect(result.issues.map((i) => i.code)).toEqual(['caption.blocked_term']);
  });

  it('gives a fan’s caption the fan disclosure and blocks one without it', () => {
    const share = (editedText: string | null) =>
      composeShareCaption({
        networkId: 'bluesky',
        template: 'Love it! {{link}} {{disclosure}}',
        editedText,
        context: { pack: PACK, advocateFirstName: 'Fanni' },
        kind: 'fan',
        link: buildTrackedLink(BASE, 'Ab3dE9'),
        settings: SETTINGS,
        media: [],
      });
    expect(share(null)).toMatchObject({ ok: true, text: 'Love it! https://heimo.fi/r/Ab3dE9 #ad' });
    expect(share(`Love it! ${LINK_TOKEN}`).issues).toEqual([
      { code: 'caption.disclosure_missing', params: { hashtag: '#ad' }, field: 'text' },
    ]);
    expect(share(`Love it! ${LINK_TOKEN} #employee`).ok).toBe(false);
  });
});

/**
 * Independent oracles: each network's own way of counting, written from its documentation rather
 * than through the library's counter (X: twitter-text itself, configured as the network declares).
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
function networkCounts(text: string, networkId: NetworkId): { length: number; bytes: number } {
  const rule = getNetwork(networkId).caption;
  const bytes = Buffer.byteLength(text, 'utf8');
  switch (rule.counting) {
    case 'code_points':
      return { length: Array.from(text).length, bytes };
    case 'graphemes':
      return { length: [...graphemes.segment(text)].length, bytes };
    case 'x_weighted': {
      const config = { ...twitterText.configs.version3, transformedURLLength: rule.linkLength ?? 23 };
      return { length: twitterText.parseTweet(text, config).weightedLength, bytes };
    }
    case 'threads': {
      let length = 0;
      for (const { segment } of graphemes.segment(text)) {
        const emoji = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(segment);
        length += emoji ? Buffer.byteLength(segment, 'utf8') : Array.from(segment).length;
      }
      return { length, bytes };
    }
  }
}

function fitsNetwork(text: string, networkId: NetworkId): boolean {
  const { limit, maxUtf8Bytes } = getNetwork(networkId).caption;
  const counted = networkCounts(text, networkId);
  return counted.length <= limit && (maxUtf8Bytes === undefined || counted.bytes <= maxUtf8Bytes);
}

describe('validation laws', () => {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...'aäöz AZ019.,!?-字😀é'), maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(' ', '\n', '  ', '#tag ', 'example.com ', '字字', '😀', 'e\u0301', '👨‍👩‍👧‍👦'),
    },
    { weight: 2, arbitrary: fc.constantFrom('a'.repeat(60), 'Lorem ipsum dolor sit amet, '.repeat(3)) },
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
  const realCode = fc.string({
    unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
    minLength: SHARE_CODE_LENGTH,
    maxLength: SHARE_CODE_LENGTH,
  });
  const name = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom(
      'Aino',
      '',
      'Anna-Kaisa',
      '字'.repeat(30),
      '😀'.repeat(30),
      'example.com',
      'W'.repeat(40),
    ),
  );
  const disclosure = fc.constantFrom(
    '#employee',
    '#ad',
    '#brandfan',
    '#työsuhde',
    'Mainos',
    'Kaupallinen yhteistyö',
  );
  // A required disclosure is always set (without one nothing validates, which checkCaption's own
  // tests cover).
  const settings = fc.oneof(
    fc.record({
      disclosures: fc.record({ employee: disclosure, fan: disclosure }),
      disclosureRequired: fc.boolean(),
      blockedTerms: fc.constant([] as string[]),
    }),
    fc.record({
      disclosures: fc.constant({ employee: null, fan: null }),
      disclosureRequired: fc.constant(false),
      blockedTerms: fc.constant([] as string[]),
    }),
  );
  const audienceKinds = fc.constantFrom<MemberKind[]>(
    ['employee'],
    ['fan'],
    ['employee', 'fan'],
    ['fan', 'employee'],
  );
  const advocates = fc.array(fc.record({ name, pick: fc.nat(), code: realCode }), {
    minLength: 1,
    maxLength: 4,
  });
  const pack = fc.record({
    title: fc.string({ unit: 'grapheme', maxLength: 40 }),
    hashtags: fc.array(fc.constantFrom('launch', 'heimo', 'työ', '日本'), { maxLength: 4 }),
    hasLink: fc.boolean(),
  });

  it('a caption the editor accepts is accepted by the network’s own counting for every advocate', () => {
    const validated = new Map<NetworkId, number>();
    fc.assert(
      fc.property(
        network,
        template,
        pack,
        settings,
        base,
        audienceKinds,
        advocates,
        (networkId, tpl, p, s, baseUrl, kinds, people) => {
          const media = mediaFor(networkId);
          const result = validateVariant({
            networkId,
            template: tpl,
            pack: p,
            audienceKinds: kinds,
            settings: s,
            baseUrl,
            media,
          });
          if (!result.ok) return;
          validated.set(networkId, (validated.get(networkId) ?? 0) + 1);
          // The counter's two figures add up to what the check measured.
          expect(result.length).toBe((result.preview?.length ?? 0) + result.reserved);
          for (const person of people) {
            const kind = kinds[person.pick % kinds.length] ?? 'employee';
            const share = composeShareCaption({
              networkId,
              template: tpl,
              editedText: null,
              context: { pack: p, advocateFirstName: person.name },
              kind,
              link: p.hasLink ? buildTrackedLink(baseUrl, person.code) : null,
              settings: s,
              media,
            });
            expect(share.issues).toEqual([]);
            expect(fitsNetwork(share.text, networkId)).toBe(true);
            expect(share.length).toBeLessThanOrEqual(result.length);
            if (s.disclosureRequired) expect(share.text).toContain(disclosureFor(s, kind));
          }
        },
      ),
      { numRuns: 400 },
    );
    // Every network must see captions that pass, or the law is barely tested for it.
    expect([...validated.keys()].sort()).toEqual([...NETWORK_IDS].sort());
  });

  it('any edited caption that validates fits with the real link', () => {
    const edited = fc
      .array(fc.oneof(piece, fc.constantFrom(LINK_TOKEN, '#employee ', '#ad ')), { maxLength: 10 })
      .map((pieces) => pieces.join(''));
    let validated = 0;
    fc.assert(
      fc.property(
        network,
        edited,
        settings,
        base,
        realCode,
        fc.boolean(),
        fc.constantFrom<MemberKind>('employee', 'fan'),
        (networkId, text, s, baseUrl, shareCode, packHasLink, kind) => {
          const result = validateEditedCaption({
            networkId,
            text,
            settings: s,
            kind,
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
            context: { pack: PACK, advocateFirstName: 'Aino' },
            kind,
            link: packHasLink ? buildTrackedLink(baseUrl, shareCode) : null,
            settings: s,
            media: mediaFor(networkId),
          });
          expect(share.issues).toEqual([]);
          expect(fitsNetwork(share.text, networkId)).toBe(true);
          expect(share.length).toBeLessThanOrEqual(result.length);
        },
      ),
      { numRuns: 200 },
    );
    // Enough generated captions must validate, or the law above is barely tested.
    expect(validated).toBeGreaterThanOrEqual(200 / 8);
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
