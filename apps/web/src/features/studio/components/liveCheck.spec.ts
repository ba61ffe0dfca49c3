import { checkVariantLive, describeContentError, messageLocale } from './liveCheck';
import { emptyForm, mergeStaleForm, type PackForm, type VariantDraft } from './packForm';
import type { SharingRules } from '../hooks/useSharingRules';

const rules: SharingRules = {
  enabledNetworks: ['linkedin', 'x'],
  defaultLocale: 'en',
  locales: ['en', 'fi'],
  compliance: {
    disclosures: { employee: '#employee', fan: '#ad' },
    disclosureHashtag: '#employee',
    disclosureRequired: true,
    blockedTerms: ['secret'],
  },
  linkBaseUrl: 'https://heimo.example',
  postForMe: false,
};

const variant = (captionTemplate: string): VariantDraft => ({
  key: 'x:en',
  network: 'x',
  locale: 'en',
  captionTemplate,
  title: '',
  mediaIds: [],
});

const form = (variants: VariantDraft[], extra: Partial<PackForm> = {}): PackForm => ({
  ...emptyForm,
  title: 'Autumn',
  destinationUrl: 'https://example.com/autumn',
  hashtags: ['autumn'],
  variants,
  ...extra,
});

describe('live check of a variant', () => {
  it('runs the rules library with the organisation’s rules and finds what the API would', () => {
    const draft = variant('A secret {{link}}');
    const check = checkVariantLive(draft, form([draft]), rules, []);
    expect(check?.ok).toBe(false);
    expect(check?.issues.map((issue) => issue.code).sort()).toEqual([
      'caption.blocked_term',
      'caption.disclosure_missing',
    ]);
    const fine = variant('Autumn {{link}} {{disclosure}}');
    expect(checkVariantLive(fine, form([fine]), rules, [])?.ok).toBe(true);
  });

  it('waits for the rules and leaves unknown networks to the API', () => {
    const draft = variant('x');
    expect(checkVariantLive(draft, form([draft]), undefined, [])).toBeNull();
    const unknown = { ...draft, network: 'myspace' };
    expect(checkVariantLive(unknown, form([unknown]), rules, [])).toBeNull();
  });

  it('previews the caption with a tracked link of the real length and the reader’s name', () => {
    const draft = variant(
      '{{#if advocate.firstName}}{{advocate.firstName}} says: {{/if}}read {{link}} {{hashtags}}',
    );
    const preview = (f: PackForm, name: string | null) =>
      checkVariantLive(draft, f, rules, [], name)?.preview;
    expect(preview(form([draft]), 'Aino')).toEqual({
      text: 'Aino says: read https://heimo.example/r/Ab3dE9xK2q #autumn',
      // `.example` is no public suffix, so X counts this link character by character.
      length: 'Aino says: read '.length + 'https://heimo.example/r/Ab3dE9xK2q'.length + ' #autumn'.length,
      kind: 'employee',
    });
    expect(preview(form([draft], { destinationUrl: '' }), null)?.text).toBe('read #autumn');
    expect(checkVariantLive(variant('{{price}}'), form([]), rules, [])?.preview).toBeNull();
  });

  it('previews a fan’s caption when fans are in the audience and their disclosure is the longer', () => {
    const draft = variant('Read {{link}} {{disclosure}}');
    const wide = {
      ...rules,
      compliance: { ...rules.compliance, disclosures: { employee: '#ad', fan: 'Mainos' } },
    };
    const check = checkVariantLive(
      draft,
      form([draft], { audienceKinds: ['employee', 'fan'] }),
      wide,
      [],
      'Aino',
    );
    expect(check?.preview).toMatchObject({
      text: 'Read https://heimo.example/r/Ab3dE9xK2q Mainos',
      kind: 'fan',
    });
    expect(check?.ok).toBe(true);
  });

  it('words a save’s field errors with the numbers of the same library check, in Finnish too', () => {
    const long = variant(`${'word '.repeat(70)}{{link}} {{disclosure}}`);
    const current = form([variant('ok'), long]);
    const checks = current.variants.map((draft) => checkVariantLive(draft, current, rules, []));
    const tooLong = describeContentError(
      { field: 'variants.1.captionTemplate', code: 'caption.too_long' },
      checks,
      current,
      'en',
    );
    expect(tooLong).toMatch(/^The caption is \d+ characters long; X allows 280\.$/);
    expect(
      describeContentError(
        { field: 'variants.1.captionTemplate', code: 'caption.too_long' },
        checks,
        current,
        'fi',
      ),
    ).toMatch(/280/);
    expect(
      describeContentError(
        { field: 'destinationUrl', code: 'link.scheme_not_allowed' },
        checks,
        { ...current, destinationUrl: 'javascript:alert(1)' },
        'en',
      ),
    ).toBe('Only http and https links are allowed, not javascript:.');
    // A code with parameters the library cannot supply here, and a code it does not know.
    expect(
      describeContentError({ field: 'title', code: 'caption.too_long' }, checks, current, 'en'),
    ).toBeNull();
    expect(
      describeContentError({ field: 'title', code: 'validation.failed' }, checks, current, 'en'),
    ).toBeNull();
    expect(
      describeContentError({ field: 'variants.0.network', code: 'network.unknown' }, checks, current, 'en'),
    ).toBeNull();
    expect(describeContentError({ field: 'variants.0', code: 'caption.empty' }, checks, current, 'fi')).toBe(
      'Kirjoita julkaisulle teksti.',
    );
  });

  it('reads the message language from the UI language', () => {
    expect(messageLocale('fi-FI')).toBe('fi');
    expect(messageLocale('en')).toBe('en');
    expect(messageLocale('sv')).toBe('en');
  });
});

describe('merging after a stale save', () => {
  const x = variant('Base {{link}}');
  const linkedin: VariantDraft = {
    ...x,
    key: 'linkedin:en',
    network: 'linkedin',
    captionTemplate: 'In {{link}}',
  };
  const base = form([linkedin, x], { summary: 'Base summary' });

  it('keeps the editor’s changes on top of the current pack and names what both changed', () => {
    const mine = form([linkedin, { ...x, captionTemplate: 'Mine {{link}}' }], { summary: 'My summary' });
    const current = form(
      [
        { ...linkedin, captionTemplate: 'Theirs in {{link}}' },
        { ...x, captionTemplate: 'Theirs {{link}}' },
      ],
      { summary: 'Base summary', title: 'Their title' },
    );
    const merged = mergeStaleForm(base, mine, current);
    expect(merged.form.title).toBe('Their title');
    expect(merged.form.summary).toBe('My summary');
    expect(merged.form.variants.map((v) => v.captionTemplate)).toEqual([
      'Theirs in {{link}}',
      'Mine {{link}}',
    ]);
    expect(merged.conflicts).toEqual(['x:en']);
  });

  it('keeps a variant the editor added or removed, and one the other side added', () => {
    const pinterest: VariantDraft = { ...x, key: 'pinterest:en', network: 'pinterest' };
    const threads: VariantDraft = { ...x, key: 'threads:en', network: 'threads' };
    const mine = form([x, pinterest], { summary: 'Base summary' });
    const current = form([linkedin, x, threads], { summary: 'Base summary', title: 'Same title' });
    const merged = mergeStaleForm(base, { ...mine, title: 'Same title' }, current);
    expect(merged.form.variants.map((v) => v.key)).toEqual(['x:en', 'threads:en', 'pinterest:en']);
    // Both made the same change: no conflict.
    expect(merged.conflicts).toEqual([]);
  });
});
