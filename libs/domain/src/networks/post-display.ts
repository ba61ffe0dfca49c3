import type { PostDisplay } from './network';
import { splitGraphemes } from './text-length';

export interface FoldedCaption {
  /** What shows before the network's "more" link (the whole caption when it is not folded). */
  readonly visible: string;
  readonly folded: boolean;
}

/**
 * The caption as a network's feed first shows it: at most `captionFold` characters (whole
 * graphemes, so an emoji or a flag is never cut), ending at a word where one is near.
 */
export function foldCaption(caption: string, display: PostDisplay): FoldedCaption {
  const fold = display.captionFold;
  const graphemes = splitGraphemes(caption);
  if (fold === null || graphemes.length <= fold) return { visible: caption, folded: false };
  const cut = graphemes.slice(0, fold).join('');
  const space = cut.search(/\s\S*$/);
  // A word boundary in the last fifth keeps whole words; a long word is cut where it is.
  const visible = space > fold * 0.8 ? cut.slice(0, space) : cut;
  return { visible: visible.trimEnd(), folded: true };
}

/** The CSS `aspect-ratio` of the network's feed picture. */
export const imageAspectRatio = (display: PostDisplay): string =>
  `${display.imageRatio[0]} / ${display.imageRatio[1]}`;
