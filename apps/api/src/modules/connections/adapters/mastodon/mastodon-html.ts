import { Parser } from 'htmlparser2';

/**
 * A status' HTML content (`<p>`, `<br>`, `<a>` and `<span>`, what Mastodon's sanitiser keeps) as
 * plain text, and the `href` of every link in it. Paragraphs are separated by a blank line, `<br>`
 * is a line break. A link's text is written out whole: Mastodon hides the scheme and the end of a
 * long URL in `invisible` spans for display, but the text holds them.
 */
export function readStatusHtml(html: string): { text: string; links: string[] } {
  const paragraphs: string[] = [];
  let current = '';
  const links: string[] = [];
  const endParagraph = () => {
    if (current.trim() !== '') paragraphs.push(current.replace(/[ \t]+\n/gu, '\n').trim());
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'br') current += '\n';
        else if (name === 'p') endParagraph();
        else if (name === 'a' && attributes.href) links.push(attributes.href);
      },
      onclosetag(name) {
        if (name === 'p') endParagraph();
      },
      ontext(text) {
        current += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  endParagraph();
  return { text: paragraphs.join('\n\n'), links: [...new Set(links)] };
}
