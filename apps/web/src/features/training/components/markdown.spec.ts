import { isSafeHref, parseInline, parseMarkdown } from './markdown';

const text = (value: string) => ({ type: 'text', text: value });

describe('the training Markdown reader', () => {
  it('reads headings, paragraphs joined across lines, rules and fenced code', () => {
    expect(
      parseMarkdown('# Policy\n\nShare what is public,\nnot what is private.\n\n---\n\n```\n<b>x</b>\n```'),
    ).toEqual([
      { type: 'heading', level: 1, children: [text('Policy')] },
      { type: 'paragraph', children: [text('Share what is public, not what is private.')] },
      { type: 'rule' },
      { type: 'code', text: '<b>x</b>' },
    ]);
  });

  it('reads bullet and numbered lists, with lazy continuation lines', () => {
    expect(parseMarkdown('- one\n- two\n  still two\n\n3. three\n4. four')).toEqual([
      { type: 'list', ordered: false, start: 1, items: [[text('one')], [text('two still two')]] },
      { type: 'list', ordered: true, start: 3, items: [[text('three')], [text('four')]] },
    ]);
  });

  it('reads a list that follows a paragraph line directly, and quotes', () => {
    expect(parseMarkdown('Remember:\n* a\n> quoted')).toEqual([
      { type: 'paragraph', children: [text('Remember:')] },
      { type: 'list', ordered: false, start: 1, items: [[text('a')]] },
      { type: 'quote', children: [{ type: 'paragraph', children: [text('quoted')] }] },
    ]);
  });

  it('reads bold, italic, nested emphasis, inline code and hard breaks', () => {
    expect(parseInline('**Never** share *client* names; use `#employee`')).toEqual([
      { type: 'strong', children: [text('Never')] },
      text(' share '),
      { type: 'em', children: [text('client')] },
      text(' names; use '),
      { type: 'code', text: '#employee' },
    ]);
    expect(parseInline('*a **b** c*')).toEqual([
      { type: 'em', children: [text('a '), { type: 'strong', children: [text('b')] }, text(' c')] },
    ]);
    expect(parseInline('line one  \nline two')).toEqual([
      text('line one'),
      { type: 'break' },
      text('line two'),
    ]);
  });

  it('leaves lone markers, arithmetic and snake_case words as text', () => {
    expect(parseInline('2 * 3 * 4 and snake_case_name and **open')).toEqual([
      text('2 * 3 * 4 and snake_case_name and **open'),
    ]);
    expect(parseInline('\\*not italic\\*')).toEqual([text('*not italic*')]);
  });

  it('makes links of http, https and mailto addresses only', () => {
    expect(parseInline('Read [the **guide**](https://example.test/guide "Guide").')).toEqual([
      text('Read '),
      {
        type: 'link',
        href: 'https://example.test/guide',
        children: [text('the '), { type: 'strong', children: [text('guide')] }],
      },
      text('.'),
    ]);
    expect(parseInline('[click](javascript:alert(1))')).toEqual([text('click'), text(')')]);
    expect(isSafeHref('mailto:comms@example.test')).toBe(true);
    expect(isSafeHref(' JavaScript:alert(1)')).toBe(false);
    expect(isSafeHref('data:text/html,<script>')).toBe(false);
  });

  it('keeps raw HTML as visible text', () => {
    expect(parseMarkdown('<script>alert(1)</script>')).toEqual([
      { type: 'paragraph', children: [text('<script>alert(1)</script>')] },
    ]);
  });
});
