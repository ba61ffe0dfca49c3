import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MAX_EMPHASIS_RUNS, MAX_ITEM_INDENT, MAX_LINE_NESTING, MAX_SETEXT_HEADINGS } from './markdown';
import { MarkdownBody } from './MarkdownBody';

/** The body's HTML as a browser gets it, without Mantine's styles, classes and the wrapping element. */
function render(source: string): string {
  const html = renderToStaticMarkup(
    createElement(MantineProvider, null, createElement(MarkdownBody, { source })),
  );
  const body = /<div[^>]*class="[^"]*mantine-Typography-root"[^>]*>([\s\S]*)<\/div>$/.exec(html);
  if (!body) throw new Error(`no Typography root in ${html}`);
  return (body[1] ?? '').replace(/ (?:class|style|data-[\w-]+)="[^"]*"/g, '').replace(/>\n</g, '><');
}

const LINK = 'target="_blank" rel="noopener noreferrer"';

describe('a training body in Markdown', () => {
  it('shows headings one level below the page title, paragraphs joined across lines, rules and fenced code', () => {
    expect(
      render(
        '# Policy\n\nShare what is public,\nnot what is private.\n\n---\n\n```\n<b>x</b>\n```\n\n###### Six',
      ),
    ).toBe(
      '<h2>Policy</h2><p>Share what is public,\nnot what is private.</p><hr/>' +
        '<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre><h6>Six</h6>',
    );
  });

  it('shows bullet and numbered lists, with lazy continuation lines and the first number', () => {
    expect(render('- one\n- two\nstill two\n\n3. three\n4. four')).toBe(
      '<ul><li>one</li><li>two\nstill two</li></ul><ol start="3"><li>three</li><li>four</li></ol>',
    );
  });

  it('shows a list that follows a paragraph line directly, quotes and nested lists', () => {
    expect(render('Remember:\n* a\n  - b\n\n> quoted')).toBe(
      '<p>Remember:</p><ul><li>a\n<ul><li>b</li></ul></li></ul><blockquote><p>quoted</p></blockquote>',
    );
  });

  it('shows bold, italic, nested emphasis, inline code and hard breaks', () => {
    expect(render('**Never** share *client* names; use `#employee`')).toBe(
      '<p><strong>Never</strong> share <em>client</em> names; use <code>#employee</code></p>',
    );
    expect(render('*a **b** c*')).toBe('<p><em>a <strong>b</strong> c</em></p>');
    expect(render('line one  \nline two')).toBe('<p>line one<br/>\nline two</p>');
  });

  it('leaves lone markers, arithmetic and snake_case words as text', () => {
    expect(render('2 * 3 * 4 and snake_case_name and **open')).toBe(
      '<p>2 * 3 * 4 and snake_case_name and **open</p>',
    );
    expect(render('\\*not italic\\*')).toBe('<p>*not italic*</p>');
  });

  it('makes links of http, https and mailto addresses, opened apart from the page', () => {
    expect(render('Read [the **guide**](https://example.test/guide "Guide").')).toBe(
      `<p>Read <a href="https://example.test/guide" ${LINK}>the <strong>guide</strong></a>.</p>`,
    );
    expect(render('[plain](HTTP://example.test) and <https://example.test/auto>')).toBe(
      `<p><a href="HTTP://example.test" ${LINK}>plain</a> and ` +
        `<a href="https://example.test/auto" ${LINK}>https://example.test/auto</a></p>`,
    );
    expect(render('[write](mailto:comms@example.test)')).toBe(
      `<p><a href="mailto:comms@example.test" ${LINK}>write</a></p>`,
    );
  });

  it.each([
    ['[click](javascript:alert(1))', '<p>click</p>'],
    ['[click]( JavaScript:alert(1))', '<p>click</p>'],
    ['[click](&#106;avascript:alert(1))', '<p>click</p>'],
    ['[click](<java script:alert(1)>)', '<p>click</p>'],
    ['[click](data:text/html;base64,PHNjcmlwdD4=)', '<p>click</p>'],
    ['[click](vbscript:msgbox)', '<p>click</p>'],
    ['[click](/api/me) [here](//evil.test)', '<p>click here</p>'],
    ['[click][x]\n\n[x]: javascript:alert(1)', '<p>click</p>'],
    ['<javascript:alert(1)>', '<p>javascript:alert(1)</p>'],
  ])('shows a link to anything else as its text: %s', (source, html) => {
    expect(render(source)).toBe(html);
  });

  it('fetches no image: an image shows its description', () => {
    expect(render('![a tracker](https://tracker.test/pixel.png) ![x](javascript:alert(1))')).toBe(
      '<p>a tracker x</p>',
    );
  });

  it.each([
    ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    [
      'Hi <img src=x onerror="alert(1)"> there',
      '<p>Hi &lt;img src=x onerror=&quot;alert(1)&quot;&gt; there</p>',
    ],
    [
      '<div>\n**still Markdown**\n</div>',
      '<p>&lt;div&gt;\n<strong>still Markdown</strong>\n&lt;/div&gt;</p>',
    ],
    ['[a](https://x.test)<!-- note -->', `<p><a href="https://x.test" ${LINK}>a</a>&lt;!-- note --&gt;</p>`],
    ['&lt;b&gt; &#60;i&#62;', '<p>&lt;b&gt; &lt;i&gt;</p>'],
  ])('keeps raw HTML as visible text: %s', (source, html) => {
    expect(render(source)).toBe(html);
  });

  it(`opens at most ${MAX_LINE_NESTING} quotes or list items on one line; the rest of the line is text`, () => {
    const deep = render(`${'> '.repeat(1000)}a`);
    expect(deep.split('<blockquote>')).toHaveLength(MAX_LINE_NESTING + 1);
    expect(deep).toContain(`<p>${'&gt; '.repeat(1000 - MAX_LINE_NESTING)}a</p>`);
    const lists = render(`${'- 1. '.repeat(50)}a`);
    expect(lists.split('<li>')).toHaveLength(MAX_LINE_NESTING + 1);
    expect(lists).toContain(`<li>${'- 1. '.repeat(40).trim()} a</li>`);
    // A rule stays a rule, however long.
    expect(render('- '.repeat(100))).toBe('<hr/>');
  });

  it(`nests list items by indenting down to ${MAX_ITEM_INDENT} columns; deeper items are siblings`, () => {
    let body = '';
    for (let depth = 0; depth < 100; depth += 1) body += `${'  '.repeat(depth)}- item\n`;
    const lists = render(body).split('<ul>').length - 1;
    expect(lists).toBeGreaterThan(MAX_ITEM_INDENT / 2 - 2);
    expect(lists).toBeLessThan(MAX_ITEM_INDENT / 2 + 2);
  });

  it(`reads emphasis in a paragraph or link text of at most ${MAX_EMPHASIS_RUNS} runs of * and _`, () => {
    const pairs = (count: number) => Array.from({ length: count }, () => '*a*').join(' ');
    expect(render(pairs(MAX_EMPHASIS_RUNS / 2))).toBe(
      `<p>${Array.from({ length: MAX_EMPHASIS_RUNS / 2 }, () => '<em>a</em>').join(' ')}</p>`,
    );
    expect(render(pairs(MAX_EMPHASIS_RUNS / 2 + 1))).toBe(`<p>${pairs(MAX_EMPHASIS_RUNS / 2 + 1)}</p>`);
    expect(render(`[${pairs(MAX_EMPHASIS_RUNS / 2 + 1)}](https://x.test)`)).toBe(
      `<p><a href="https://x.test" ${LINK}>${pairs(MAX_EMPHASIS_RUNS / 2 + 1)}</a></p>`,
    );
  });

  it(`underlines at most ${MAX_SETEXT_HEADINGS} headings; later underlines are text`, () => {
    const html = render('Title\n=====\n\n'.repeat(MAX_SETEXT_HEADINGS) + 'Last\n---\n\n> Quoted\n> ===');
    expect(html.split('<h2>Title</h2>')).toHaveLength(MAX_SETEXT_HEADINGS + 1);
    expect(html).toContain('<p>Last\n---</p><blockquote><p>Quoted\n===</p></blockquote>');
  });
});
