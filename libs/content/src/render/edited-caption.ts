import { getNetwork, textWithLink, type NetworkId } from '@heimo/domain';
import { renderCaption, type CaptionContext } from './render-caption';
import type { RenderedTemplate } from './template';

/**
 * Where the link goes in text an advocate edits. Advocates never edit a template: the editor shows
 * the caption rendered with this token in place of the link, and what they type is plain text
 * (a `{{` they type stays `{{`). When they share, every `[link]` becomes their tracked link; if
 * they deleted it and the network carries the link in the text, the link is appended at the end.
 * When the pack has no link, every `[link]` is removed.
 */
export const LINK_TOKEN = '[link]';

/** The caption an advocate starts editing from: rendered for them, with {@link LINK_TOKEN} where the link goes. */
export function renderCaptionForEditing(
  template: string,
  context: Omit<CaptionContext, 'link'> & { readonly hasLink: boolean },
): RenderedTemplate {
  return renderCaption(template, { ...context, link: context.hasLink ? LINK_TOKEN : null });
}

const HORIZONTAL_SPACE_AT_END = /[ \t]+$/u;
const HORIZONTAL_SPACE_AT_START = /^[ \t]+/u;
const TOKEN_RUN = /\[link\](?:[ \t]*\[link\])+/gu;

/**
 * The text with every {@link LINK_TOKEN} taken out, for a pack without a link. Where a token stood
 * between words the spaces around it become one space; at the start or end of a line they go.
 * Spacing elsewhere stays as typed.
 */
function removeLinkTokens(text: string): string {
  const pieces = text.replace(TOKEN_RUN, LINK_TOKEN).split(LINK_TOKEN);
  let out = pieces[0] ?? '';
  for (const piece of pieces.slice(1)) {
    const left = out.replace(HORIZONTAL_SPACE_AT_END, '');
    const right = piece.replace(HORIZONTAL_SPACE_AT_START, '');
    const spaced = left !== out || right !== piece;
    const lineEdge = left === '' || /[\r\n]$/u.test(left) || right === '' || /^[\r\n]/u.test(right);
    out = spaced && !lineEdge ? `${left} ${right}` : left + right;
  }
  return out;
}

/**
 * The final text of an edited caption: each {@link LINK_TOKEN} replaced by the link, and the link
 * appended where the network needs it in the text and the advocate removed it. Nothing else changes;
 * the text is never interpreted as a template. Without a link each `[link]` is taken out (with the
 * space it leaves behind) and the rest is returned as typed.
 */
export function composeEditedCaption(input: {
  readonly networkId: NetworkId;
  readonly text: string;
  readonly link: string | null;
}): string {
  const { text, link } = input;
  if (!link) return text.includes(LINK_TOKEN) ? removeLinkTokens(text) : text;
  if (text.includes(LINK_TOKEN)) return text.split(LINK_TOKEN).join(link);
  return getNetwork(input.networkId).linkPlacement === 'text' ? textWithLink(text, link) : text;
}
