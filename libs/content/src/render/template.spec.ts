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
});
