/**
 * The HTML part made ready for a sandboxed iframe: links open in a new tab (the sandbox allows
 * popups only), so following one never replaces the viewer.
 */
export function emailDocument(html: string): string {
  const base = '<base target="_blank">';
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head)
    return `${html.slice(0, head.index + head[0].length)}${base}${html.slice(head.index + head[0].length)}`;
  return `${base}${html}`;
}
