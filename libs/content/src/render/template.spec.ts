import Handlebars from 'handlebars';
import { checkTemplate, compileVariantTemplate, renderTemplate, MAX_TEMPLATE_LENGTH } from './template';
import type { TemplateVariables } from './variables';

const VARS: TemplateVariables = {
  link: 'https://heimo.example/r/Ab3dE9',
  hashtags: '#launch #heimo',
  disclosure: '#employee',
  advocate: { firstName: 'Aino' },
  pack: { title: 'Spring & <Summer>' },
};

describe('variant templates', () => {
  it('renders every variable', () => {
    expect(
      renderTemplate('{{advocate.firstName}}: {{pack.title}} {{link}} {{hashtags}} {{disclosure}}', VARS),
    ).toEqual({
      ok: true,
      text: 'Aino: Spring & <Summer> https://heimo.example/r/Ab3dE9 #launch #heimo #employee',
    });
  });

  it('does not HTML-escape plain-text captions', () => {
    expect(renderTemplate('{{pack.title}} "quoted" \'single\'', VARS)).toEqual({
      ok: true,
      text: 'Spring & <Summer> "quoted" \'single\'',
    });
  });

  it('renders if/unless/else blocks on a variable', () => {
    const template =
      '{{#if advocate.firstName}}Hi, I am {{advocate.firstName}}.{{else}}Hi!{{/if}}{{#unless link}} (no link){{/unless}}';
    expect(renderTemplate(template, VARS)).toEqual({ ok: true, text: 'Hi, I am Aino.' });
    expect(renderTemplate(template, { ...VARS, link: '', advocate: { firstName: '' } })).toEqual({
      ok: true,
      text: 'Hi! (no link)',
    });
  });

  it.each([
    ['an unknown variable', '{{price}}', 'template.unknown_variable', { name: 'price' }],
    [
      'an unknown nested variable',
      '{{advocate.lastName}}',
      'template.unknown_variable',
      { name: 'advocate.lastName' },
    ],
    ['a whole object', '{{advocate}}', 'template.unknown_variable', { name: 'advocate' }],
    ['a parent path', '{{../link}}', 'template.unknown_variable', { name: '../link' }],
    ['this', '{{this}}', 'template.unknown_variable', { name: 'this' }],
    ['a data variable', '{{@root.link}}', 'template.unknown_variable', { name: '@root.link' }],
    [
      'an unknown variable inside a block',
      '{{#if link}}{{secret}}{{/if}}',
      'template.unknown_variable',
      { name: 'secret' },
    ],
    ['an unknown condition', '{{#if admin}}x{{/if}}', 'template.unknown_variable', { name: 'admin' }],
    [
      'a helper call',
      '{{lookup advocate "firstName"}}',
      'template.expression_not_allowed',
      { expression: 'lookup' },
    ],
    [
      'an each block',
      '{{#each hashtags}}{{this}}{{/each}}',
      'template.expression_not_allowed',
      { expression: '#each' },
    ],
    [
      'a with block',
      '{{#with advocate}}{{firstName}}{{/with}}',
      'template.expression_not_allowed',
      { expression: '#with' },
    ],
    ['a partial', '{{> footer}}', 'template.expression_not_allowed', { expression: '>footer' }],
    ['a hash argument', '{{link target="x"}}', 'template.expression_not_allowed', { expression: 'link' }],
    ['a literal', '{{"text"}}', 'template.expression_not_allowed', { expression: 'text' }],
    [
      'an if without a condition',
      '{{#if}}x{{/if}}',
      'template.expression_not_allowed',
      { expression: '#if' },
    ],
    ['an unclosed block', 'Hello {{#if link}}', 'template.syntax_error', { line: 1 }],
    ['an unclosed mustache on line 2', 'Hello\n{{link', 'template.syntax_error', { line: 2 }],
    [
      'a template over the size limit',
      'x'.repeat(MAX_TEMPLATE_LENGTH + 1),
      'template.too_long',
      { limit: MAX_TEMPLATE_LENGTH },
    ],
  ])('reports %s with a code instead of throwing', (_name, template, code, params) => {
    const result = renderTemplate(template, VARS);
    expect(result.ok).toBe(false);
    expect(checkTemplate(template)).toContainEqual({ code, params, field: 'template' });
  });

  it('reports each unknown variable once', () => {
    expect(checkTemplate('{{a}} {{a}} {{b}}')).toEqual([
      { code: 'template.unknown_variable', params: { name: 'a' }, field: 'template' },
      { code: 'template.unknown_variable', params: { name: 'b' }, field: 'template' },
    ]);
  });

  it('accepts triple-stash, comments and whitespace control', () => {
    expect(renderTemplate('{{! note }}{{{link}}}  {{~hashtags}}', VARS)).toEqual({
      ok: true,
      text: 'https://heimo.example/r/Ab3dE9#launch #heimo',
    });
  });

  it('compiles a template once and reuses it', () => {
    const first = compileVariantTemplate('Cached {{link}}');
    expect(compileVariantTemplate('Cached {{link}}')).toBe(first);
  });

  it('keeps text that looks like a template inside a variable literal', () => {
    expect(renderTemplate('{{pack.title}}', { ...VARS, pack: { title: '{{link}}' } })).toEqual({
      ok: true,
      text: '{{link}}',
    });
  });

  it('strips whitespace at `~` marks, across newlines', () => {
    expect(renderTemplate('Read  \n {{~pack.title~}} \n\n now', VARS)).toEqual({
      ok: true,
      text: 'Read' + 'Spring & <Summer>' + 'now',
    });
    expect(renderTemplate('A \n{{~#if link~}}\n  B  {{~else~}}  C\n{{~/if~}}\n D', VARS)).toEqual({
      ok: true,
      text: 'ABD',
    });
    expect(renderTemplate('x {{~! gone ~}} y', VARS)).toEqual({ ok: true, text: 'xy' });
  });

  it('drops the lines of standalone block tags and comments', () => {
    const template =
      'Hello\n{{#if link}}\n  Read: {{link}}\n{{else}}\n  No link\n{{/if}}\n{{! a note }}\nBye';
    expect(renderTemplate(template, VARS)).toEqual({
      ok: true,
      text: 'Hello\n  Read: https://heimo.example/r/Ab3dE9\nBye',
    });
    expect(renderTemplate(template, { ...VARS, link: '' })).toEqual({
      ok: true,
      text: 'Hello\n  No link\nBye',
    });
    // A tag sharing its line with text is not standalone: the line's whitespace stays.
    expect(renderTemplate('a {{#if link}}b{{/if}} c\n', VARS)).toEqual({ ok: true, text: 'a b c\n' });
  });

  it('renders nested and chained if/else and unless blocks', () => {
    const template =
      '{{#if link}}{{#unless advocate.firstName}}anon{{else}}{{#if hashtags}}named+tags{{else}}named{{/if}}{{/unless}}' +
      '{{else if hashtags}}tags only{{else}}nothing{{/if}}';
    const named = (firstName: string, hashtags: string, link: string) =>
      renderTemplate(template, { ...VARS, link, hashtags, advocate: { firstName } });
    expect(named('Aino', '#x', 'L')).toEqual({ ok: true, text: 'named+tags' });
    expect(named('Aino', '', 'L')).toEqual({ ok: true, text: 'named' });
    expect(named('', '#x', 'L')).toEqual({ ok: true, text: 'anon' });
    expect(named('', '#x', '')).toEqual({ ok: true, text: 'tags only' });
    expect(named('', '', '')).toEqual({ ok: true, text: 'nothing' });
    // Handlebars truthiness: only the empty string is false; whitespace is text.
    expect(named(' ', '', '')).toEqual({ ok: true, text: 'nothing' });
    expect(renderTemplate('{{#if link}}yes{{/if}}', { ...VARS, link: ' ' })).toEqual({
      ok: true,
      text: 'yes',
    });
    expect(renderTemplate('{{^if link}}none{{/if}}', { ...VARS, link: '' })).toEqual({
      ok: true,
      text: 'none',
    });
  });

  it('reports a literal path segment that names no variable as a render failure', () => {
    expect(renderTemplate('{{[advocate.firstName]}}', VARS)).toEqual({
      ok: false,
      issues: [{ code: 'template.render_failed', params: {}, field: 'template' }],
    });
  });

  it('never generates code: renders with Function and eval unavailable (the web has no unsafe-eval)', () => {
    const realFunction = globalThis.Function;
    const realEval = globalThis.eval;
    const forbidden = () => {
      throw new Error('code generation is not allowed');
    };
    globalThis.Function = forbidden as unknown as FunctionConstructor;
    globalThis.eval = forbidden;
    try {
      // A source seen nowhere else, so nothing comes from the cache.
      const template = `{{#if link}}Eval-free {{~pack.title~}} {{link}}{{else}}none{{/if}} ${Math.random()}`;
      const result = renderTemplate(template, VARS);
      expect(
        result.ok && result.text.startsWith('Eval-freeSpring & <Summer>https://heimo.example/r/Ab3dE9'),
      ).toBe(true);
      expect(checkTemplate(`{{#each x}}{{/each}} ${Math.random()}`)).toHaveLength(1);
    } finally {
      globalThis.Function = realFunction;
      globalThis.eval = realEval;
    }
  });

  it("renders exactly as Handlebars' compiler did, over generated templates", () => {
    // A seeded generator of valid templates mixing every allowed construct and whitespace control.
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const spaces = ['', '', '\n', ' ', '  \n', '\n  ', '\r\n', '\t', ' x ', 'y\n'];
    const names = ['link', 'hashtags', 'advocate.firstName', 'pack.title', 'disclosure'];
    const tilde = () => (random() < 0.3 ? '~' : '');
    const generate = (depth: number): string => {
      let out = '';
      for (let i = 1 + Math.floor(random() * 4); i > 0; i--) {
        out += pick(spaces);
        const kind = random();
        if (kind < 0.3) out += `{{${tilde()}${pick(names)}${tilde()}}}`;
        else if (kind < 0.4) out += `{{${tilde()}! note ${tilde()}}}`;
        else if (kind < 0.85 && depth < 3) {
          const helper = random() < 0.6 ? 'if' : 'unless';
          const sign = random() < 0.15 ? '^' : '#';
          out += `{{${tilde()}${sign}${helper} ${pick(names)}${tilde()}}}${generate(depth + 1)}`;
          const otherwise = random();
          if (otherwise < 0.4) out += `{{${tilde()}else${tilde()}}}${generate(depth + 1)}`;
          else if (otherwise < 0.55 && sign === '#')
            out += `{{${tilde()}else if ${pick(names)}${tilde()}}}${generate(depth + 1)}`;
          out += `{{${tilde()}/${helper}${tilde()}}}`;
        }
        out += pick(spaces);
      }
      return out;
    };
    const variableSets: TemplateVariables[] = [
      VARS,
      { link: '', hashtags: '', disclosure: '', advocate: { firstName: '' }, pack: { title: '' } },
      { ...VARS, hashtags: '', advocate: { firstName: '' } },
    ];
    for (let n = 0; n < 1500; n++) {
      const source = generate(0);
      const env = Handlebars.create();
      const compiled = env.compile<TemplateVariables>(env.parse(source), {
        strict: true,
        noEscape: true,
        knownHelpers: { if: true, unless: true },
        knownHelpersOnly: true,
        data: false,
      });
      for (const variables of variableSets) {
        const result = renderTemplate(source, variables);
        expect({ source, text: result.ok ? result.text : result.issues }).toEqual({
          source,
          text: compiled(variables),
        });
      }
    }
  });
});
