import Handlebars from 'handlebars';
import { MESSAGE_LOCALES, type MessageLocale } from '../messages';
import { EMAIL_FOOTER, EMAIL_LAYOUT, EMAIL_TEMPLATES, type EmailKind } from './templates';

// An environment of its own, apart from caption templates (which allow far less).
const handlebars = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

function template(source: string, escape: boolean): HandlebarsTemplateDelegate {
  const key = `${escape ? 'h' : 't'}:${source}`;
  let found = compiled.get(key);
  if (!found) {
    found = handlebars.compile(source, { noEscape: !escape, strict: false, knownHelpersOnly: true });
    compiled.set(key, found);
  }
  return found;
}

export interface EmailFrame {
  readonly organisationName: string;
  /** The signed one-click unsubscribe page. */
  readonly unsubscribeUrl: string;
  /** Where the member chooses what they receive; null for people who cannot sign in yet. */
  readonly preferencesUrl: string | null;
}

export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export function emailLocale(locale: string | null | undefined): MessageLocale {
  return (MESSAGE_LOCALES as readonly string[]).includes(locale ?? '') ? (locale as MessageLocale) : 'en';
}

/**
 * One message in the member's locale: subject (plain), HTML body (escaped, in the layout) and text
 * body, both with the footer carrying the unsubscribe link.
 */
export function renderEmail(
  kind: EmailKind,
  locale: string | null | undefined,
  data: Readonly<Record<string, unknown>>,
  frame: EmailFrame,
): RenderedEmail {
  const lang = emailLocale(locale);
  const source = EMAIL_TEMPLATES[kind][lang];
  const context = { ...data, ...frame, locale: lang };
  const subject = template(source.subject, false)(context).replace(/\s+/g, ' ').trim();
  const footer = EMAIL_FOOTER[lang];
  const html = template(
    EMAIL_LAYOUT,
    true,
  )({
    locale: lang,
    subject,
    body: template(source.html, true)(context),
    footer: template(footer.html, true)(context),
  });
  const text = `${template(source.text, false)(context).trim()}\n\n--\n${template(footer.text, false)(context)}\n`;
  return { subject, html, text };
}
