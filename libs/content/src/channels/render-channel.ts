import Handlebars from 'handlebars';
import { emailLocale } from '../email/render-email';
import {
  CHANNEL_LAYOUTS,
  CHANNEL_TEXTS,
  type ChannelKind,
  type ChannelMessage,
  type ChannelTexts,
  type LayoutNode,
} from './templates';
import { SLACK_LIMITS } from './limits';

// An environment of its own: channel texts are filled without HTML escaping and with no helpers.
const handlebars = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

function fill(source: string, context: unknown): string {
  let found = compiled.get(source);
  if (!found) {
    found = handlebars.compile(source, { noEscape: true, strict: false, knownHelpersOnly: true });
    compiled.set(source, found);
  }
  return found(context);
}

/** Slack reads `&`, `<` and `>` as markup in every text: a pack titled `<!channel>` must not ping anyone. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Every string of the data passed through `escape` (keys kept). */
function escapeData(value: unknown, escape: (text: string) => string): unknown {
  if (typeof value === 'string') return escape(value);
  if (Array.isArray(value)) return value.map((item) => escapeData(item, escape));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeData(item, escape)]));
  return value;
}

function lookup(context: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      context,
    );
}

const present = (value: unknown) =>
  Array.isArray(value) ? value.length > 0 : typeof value === 'string' ? value.trim() !== '' : Boolean(value);

function expand(node: LayoutNode, context: unknown): unknown {
  if (typeof node === 'string') return fill(node, context).trim();
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (const item of node as readonly LayoutNode[]) {
      if (item && typeof item === 'object' && !Array.isArray(item) && '$if' in item) {
        const conditional = item as { $if: string; then: LayoutNode };
        if (present(lookup(context, conditional.$if))) out.push(expand(conditional.then, context));
      } else out.push(expand(item, context));
    }
    return out;
  }
  return Object.fromEntries(
    Object.entries(node as Record<string, LayoutNode>).map(([key, value]) => [key, expand(value, context)]),
  );
}

/** Cuts a text to `limit` characters (code points) with an ellipsis, never inside an escape (`&amp;`). */
export function truncateText(text: string, limit: number): string {
  const points = Array.from(text);
  if (points.length <= limit) return text;
  return `${points
    .slice(0, limit - 1)
    .join('')
    .replace(/&[a-z]*$/, '')
    .trimEnd()}…`;
}

/** Slack's documented text limits, applied after filling (a long title or summary is cut, not refused). */
function limitSlack(node: unknown, limit: number = SLACK_LIMITS.text): unknown {
  if (Array.isArray(node)) return node.map((item) => limitSlack(item, limit));
  if (!node || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>;
  const inner =
    object.type === 'header'
      ? SLACK_LIMITS.header
      : object.type === 'button'
        ? SLACK_LIMITS.buttonText
        : limit;
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => {
      if (key === 'text' && typeof value === 'string') return [key, truncateText(value, limit)];
      if (key === 'alt_text' && typeof value === 'string')
        return [key, truncateText(value, SLACK_LIMITS.altText)];
      return [key, limitSlack(value, inner)];
    }),
  );
}

/** Adaptive Cards have no per-field limit, but Teams a message size: long texts are cut the same way. */
function limitTeams(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(limitTeams);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([key, value]) => [
      key,
      typeof value === 'string' && (key === 'text' || key === 'fallbackText' || key === 'altText')
        ? // Teams' markdown breaks a line only at a blank line: each line of a list stays its own.
          truncateText(key === 'text' ? value.replace(/\n+/g, '\n\n') : value, SLACK_LIMITS.text)
        : limitTeams(value),
    ]),
  );
}

/** How each kind of channel treats the data: its escaping and its limits. */
const CHANNEL_RENDERING: Readonly<
  Record<ChannelKind, { escape: (text: string) => string; limit: (payload: unknown) => unknown }>
> = {
  slack: { escape: slackEscape, limit: (payload) => limitSlack(payload) },
  teams: { escape: (text) => text, limit: limitTeams },
};

/**
 * The JSON body posted to a channel: Slack Block Kit (`{ text, blocks }`) or a Teams Workflows
 * message carrying an Adaptive Card 1.5, in the organisation's language (English when unknown).
 */
export function renderChannelMessage(
  kind: ChannelKind,
  message: ChannelMessage,
  locale: string | null | undefined,
  data: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const lang = emailLocale(locale);
  const rendering = CHANNEL_RENDERING[kind];
  const context = { ...(escapeData(data, rendering.escape) as Record<string, unknown>), locale: lang };
  const source = CHANNEL_TEXTS[lang][message];
  const texts = Object.fromEntries(
    Object.entries(source).map(([key, template]) => [key, fill(template, context).trim()]),
  ) as unknown as ChannelTexts;
  const payload = expand(CHANNEL_LAYOUTS[kind][message], { ...context, t: texts });
  return rendering.limit(payload) as Record<string, unknown>;
}
