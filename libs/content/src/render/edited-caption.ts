import { getNetwork, textWithLink, type NetworkId } from '@heimo/domain';
import { renderCaption, type CaptionContext } from './render-caption';
import type { RenderedTemplate } from './template';

/**
 * Where the link goes in text an advocate edits. Advocates never edit a template: the editor shows
 * the caption rendered with this token in place of the link, and what they type is plain text
 * (a `{{` they type stays `{{`). When they share, every `[link]` becomes their tracked link; if
 * they deleted it and the network carries the link in the text, the link is appended at the end.
 */
export const LINK_TOKEN = '[link]';

/** The caption an advocate starts editing from: rendered for them, with {@link LINK_TOKEN} where the link goes. */
export function renderCaptionForEditing(
  template: string,
  context: Omit<CaptionContext, 'link'> & { readonly hasLink: boolean },
): RenderedTemplate {
  return renderCaption(template, { ...context, link: context.hasLink ? LINK_TOKEN : null });
}

/**
 * The final text of an edited caption: each {@link LINK_TOKEN} replaced by the link, and the link
 * appended where the network needs it in the text and the advocate removed it. Nothing else changes;
 * the text is never interpreted as a template. Without a link the text is returned as typed.
 */
export function composeEditedCaption(input: {
  readonly networkId: NetworkId;
  readonly text: string;
  readonly link: string | null;
}): string {
  const { text, link } = input;
  if (!link) return text;
  if (text.includes(LINK_TOKEN)) return text.split(LINK_TOKEN).join(link);
  return getNetwork(input.networkId).linkPlacement === 'text' ? textWithLink(text, link) : text;
}
