import Handlebars from 'handlebars';
import { MESSAGE_LOCALES, type MessageLocale } from '../messages';
import {
  EMAIL_FOOTER,
  EMAIL_FOOTER_REASON,
  EMAIL_LAYOUT,
  EMAIL_TEMPLATES,
  type EmailKind,
  SYSTEM_EMAIL_FOOTER_REASON,
  SYSTEM_EMAIL_TEMPLATES,
  type SystemEmailKind,
} from './templates';

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
  kind: EmailKind | SystemEmailKind,
  locale: string | null | undefined,
  data: Readonly<Record<string, unknown>>,
  frame: EmailFrame,
): RenderedEmail {
  const lang = emailLocale(locale);
  const isSystem = (SYSTEM_EMAIL_TEMPLATES as Record<string, unknown>)[kind] !== undefined;
  const source = isSystem
    ? SYSTEM_EMAIL_TEMPLATES[kind as SystemEmailKind][lang]
    : EMAIL_TEMPLATES[kind as EmailKind][lang];
  const context = { ...data, ...frame, locale: lang };
  const subject = template(source.subject, false)(context).replace(/\s+/g, ' ').trim();
  const reason = isSystem
    ? SYSTEM_EMAIL_FOOTER_REASON[kind as SystemEmailKind]
    : EMAIL_FOOTER_REASON[kind as EmailKind];
  const footer = EMAIL_FOOTER[lang][reason];
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

/**
 * A rendered message with every `words` (a person's name, their address) replaced by `replacement`:
 * as written in the text, as the subject collapses its spaces, and as the templates escape them in
 * the HTML. For erasure, when a message already rendered must stop naming someone.
 */
export function scrubEmail(
  email: RenderedEmail,
  words: readonly string[],
  replacement: string,
): RenderedEmail {
  const plain = [...new Set(words.flatMap((word) => [word, word.replace(/\s+/g, ' ').trim()]))]
    .filter(Boolean)
    // The longer first, so a name inside another is not replaced half-way.
    .sort((a, b) => b.length - a.length);
  const replace = (text: string, escape: (value: string) => string) =>
    plain.reduce((out, word) => out.split(escape(word)).join(escape(replacement)), text);
  const asIs = (value: string) => value;
  const escaped = (value: string) => handlebars.Utils.escapeExpression(value);
  return {
    subject: replace(email.subject, asIs),
    html: replace(email.html, escaped),
    text: replace(email.text, asIs),
  };
}
