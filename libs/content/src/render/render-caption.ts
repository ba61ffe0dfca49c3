import { renderTemplate, type RenderedTemplate } from './template';
import {
  VALIDATION_FIRST_NAME,
  captionFirstName,
  formatHashtags,
  normaliseDisclosure,
  type TemplateVariables,
} from './variables';

/** What a caption is rendered from. */
export interface CaptionContext {
  /** The tracked link; null when the pack has no link. */
  readonly link: string | null;
  readonly pack: { readonly title: string; readonly hashtags: readonly string[] };
  /** The advocate's first name as stored; it is sanitised and cut to length here. */
  readonly advocateFirstName: string | null;
  /** The disclosure of the advocate's kind (`#employee`, `#ad`, or a short text), or null. */
  readonly disclosure: string | null;
}

/**
 * Tidies what empty variables leave behind: runs of spaces become one, spaces at line ends go, at
 * most one blank line in a row, no leading or trailing whitespace. Never makes text longer.
 */
export function tidyCaption(text: string): string {
  return text
    .replace(/ {2,}/g, ' ')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function templateVariables(
  context: CaptionContext,
  firstName = captionFirstName(context.advocateFirstName),
): TemplateVariables {
  return {
    link: context.link ?? '',
    hashtags: formatHashtags(context.pack.hashtags),
    disclosure: normaliseDisclosure(context.disclosure),
    advocate: { firstName },
    pack: { title: context.pack.title },
  };
}

/** Renders a variant template into the final caption (tidied). */
export function renderCaption(template: string, context: CaptionContext): RenderedTemplate {
  const rendered = renderTemplate(template, templateVariables(context));
  return rendered.ok ? { ok: true, text: tidyCaption(rendered.text) } : rendered;
}

/**
 * Renders a template the way validation sees it: with the given (longest possible) link and the
 * worst-case first name, so the result is at least as long as any real caption from it.
 */
export function renderCaptionForValidation(
  template: string,
  context: Omit<CaptionContext, 'advocateFirstName'>,
): RenderedTemplate {
  const rendered = renderTemplate(
    template,
    templateVariables({ ...context, advocateFirstName: null }, VALIDATION_FIRST_NAME),
  );
  return rendered.ok ? { ok: true, text: tidyCaption(rendered.text) } : rendered;
}
