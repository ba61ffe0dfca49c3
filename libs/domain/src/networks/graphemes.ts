interface GraphemeSegmenter {
  segment(text: string): Iterable<{ segment: string }>;
}

let segmenter: GraphemeSegmenter | null | undefined;

/** A shared grapheme segmenter, or null where the runtime has no `Intl.Segmenter`. */
export function graphemeSegmenter(): GraphemeSegmenter | null {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl.Segmenter === 'function'
        ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
        : null;
  }
  return segmenter;
}

/** Splits text into user-perceived characters; falls back to code points where Intl.Segmenter is missing. */
export function splitGraphemes(text: string): string[] {
  const seg = graphemeSegmenter();
  if (!seg) return Array.from(text);
  const out: string[] = [];
  for (const { segment } of seg.segment(text)) out.push(segment);
  return out;
}
