/**
 * Slack's documented Block Kit limits (api.slack.com/reference/block-kit): a message holds at most
 * 50 blocks; a section's or context's text at most 3,000 characters; a header 150; a button's text 75.
 */
export const SLACK_LIMITS = {
  blocks: 50,
  text: 3000,
  header: 150,
  buttonText: 75,
  altText: 2000,
  url: 3000,
  actionsElements: 25,
  contextElements: 10,
} as const;

const length = (text: string) => Array.from(text).length;
const isObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);
const isHttpUrl = (value: unknown) => typeof value === 'string' && /^https?:\/\/[^\s]+$/.test(value);

function textObject(
  value: unknown,
  where: string,
  limit: number,
  issues: string[],
  types: readonly string[],
) {
  if (!isObject(value)) return issues.push(`${where}: a text object is required`);
  if (!types.includes(String(value.type)))
    issues.push(`${where}.type: ${String(value.type)} is not ${types.join(' or ')}`);
  if (typeof value.text !== 'string' || value.text.length === 0)
    return issues.push(`${where}.text: required`);
  if (length(value.text) > limit)
    issues.push(`${where}.text: ${length(value.text)} characters, at most ${limit}`);
  return undefined;
}

/**
 * What is wrong with a Slack message against the documented limits of the blocks Heimo uses
 * (header, section, image, context, actions, divider); empty when nothing is.
 */
export function slackMessageIssues(payload: unknown): string[] {
  const issues: string[] = [];
  if (!isObject(payload)) return ['the message is not a JSON object'];
  if (typeof payload.text !== 'string' || !payload.text) issues.push('text: a fallback text is required');
  else if (length(payload.text) > SLACK_LIMITS.text)
    issues.push(`text: more than ${SLACK_LIMITS.text} characters`);
  const { blocks } = payload;
  if (!Array.isArray(blocks) || blocks.length === 0) return [...issues, 'blocks: required'];
  if (blocks.length > SLACK_LIMITS.blocks)
    issues.push(`blocks: ${blocks.length}, at most ${SLACK_LIMITS.blocks}`);
  blocks.forEach((block: unknown, i) => {
    const where = `blocks[${i}]`;
    if (!isObject(block)) return issues.push(`${where}: not an object`);
    switch (block.type) {
      case 'header':
        return textObject(block.text, `${where}.text`, SLACK_LIMITS.header, issues, ['plain_text']);
      case 'section':
        return textObject(block.text, `${where}.text`, SLACK_LIMITS.text, issues, ['mrkdwn', 'plain_text']);
      case 'divider':
        return undefined;
      case 'image':
        if (!isHttpUrl(block.image_url)) issues.push(`${where}.image_url: an http(s) URL is required`);
        if (typeof block.alt_text !== 'string' || !block.alt_text) issues.push(`${where}.alt_text: required`);
        else if (length(block.alt_text) > SLACK_LIMITS.altText) issues.push(`${where}.alt_text: too long`);
        return undefined;
      case 'context': {
        const elements = block.elements;
        if (!Array.isArray(elements) || !elements.length || elements.length > SLACK_LIMITS.contextElements)
          return issues.push(`${where}.elements: 1 to ${SLACK_LIMITS.contextElements} required`);
        elements.forEach((element, j) =>
          textObject(element, `${where}.elements[${j}]`, SLACK_LIMITS.text, issues, ['mrkdwn', 'plain_text']),
        );
        return undefined;
      }
      case 'actions': {
        const elements = block.elements;
        if (!Array.isArray(elements) || !elements.length || elements.length > SLACK_LIMITS.actionsElements)
          return issues.push(`${where}.elements: 1 to ${SLACK_LIMITS.actionsElements} required`);
        elements.forEach((element: unknown, j) => {
          const at = `${where}.elements[${j}]`;
          if (!isObject(element) || element.type !== 'button')
            return issues.push(`${at}: a button is expected`);
          textObject(element.text, `${at}.text`, SLACK_LIMITS.buttonText, issues, ['plain_text']);
          if (!isHttpUrl(element.url) || length(element.url as string) > SLACK_LIMITS.url)
            issues.push(`${at}.url: an http(s) URL of at most ${SLACK_LIMITS.url} characters is required`);
          if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger')
            issues.push(`${at}.style: primary or danger`);
          return undefined;
        });
        return undefined;
      }
      default:
        return issues.push(`${where}.type: ${String(block.type)} is not a block Heimo sends`);
    }
  });
  return issues;
}

type Check = 'string' | 'boolean' | 'url' | 'array' | 'object' | readonly string[];

/** The Adaptive Card 1.5 schema, as far as Heimo uses it: required and allowed properties per type. */
const CARD_ELEMENTS: Readonly<
  Record<string, { required: Record<string, Check>; optional: Record<string, Check> }>
> = {
  TextBlock: {
    required: { text: 'string' },
    optional: {
      wrap: 'boolean',
      size: ['Default', 'Small', 'Medium', 'Large', 'ExtraLarge'],
      weight: ['Default', 'Lighter', 'Bolder'],
      isSubtle: 'boolean',
      style: ['default', 'heading'],
      color: ['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention'],
      maxLines: 'string',
      id: 'string',
      spacing: ['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding'],
      separator: 'boolean',
    },
  },
  Image: {
    required: { url: 'url' },
    optional: {
      altText: 'string',
      size: ['Auto', 'Stretch', 'Small', 'Medium', 'Large'],
      style: ['Default', 'Person'],
      id: 'string',
      spacing: ['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding'],
    },
  },
  FactSet: { required: { facts: 'array' }, optional: { id: 'string', separator: 'boolean' } },
  Container: { required: { items: 'array' }, optional: { id: 'string', style: 'string' } },
};
const CARD_ACTIONS: Readonly<
  Record<string, { required: Record<string, Check>; optional: Record<string, Check> }>
> = {
  'Action.OpenUrl': {
    required: { url: 'url' },
    optional: {
      title: 'string',
      id: 'string',
      style: ['default', 'positive', 'destructive'],
      tooltip: 'string',
    },
  },
};

function checkProperties(
  value: Record<string, unknown>,
  schema: { required: Record<string, Check>; optional: Record<string, Check> },
  where: string,
  issues: string[],
): void {
  const all = { ...schema.required, ...schema.optional };
  for (const key of Object.keys(schema.required))
    if (value[key] === undefined) issues.push(`${where}.${key}: required for ${String(value.type)}`);
  for (const [key, item] of Object.entries(value)) {
    if (key === 'type') continue;
    const check = all[key];
    if (!check) {
      issues.push(`${where}.${key}: not a property of ${String(value.type)} in Adaptive Cards 1.5`);
      continue;
    }
    const ok = Array.isArray(check)
      ? check.includes(item as string)
      : check === 'url'
        ? isHttpUrl(item)
        : check === 'array'
          ? Array.isArray(item)
          : check === 'object'
            ? isObject(item)
            : typeof item === check;
    if (!ok) issues.push(`${where}.${key}: not ${Array.isArray(check) ? check.join(' | ') : check}`);
  }
}

function checkElements(elements: unknown, where: string, issues: string[]): void {
  if (!Array.isArray(elements)) {
    issues.push(`${where}: an array is required`);
    return;
  }
  elements.forEach((element: unknown, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(element)) return issues.push(`${at}: not an object`);
    const schema = CARD_ELEMENTS[String(element.type)];
    if (!schema) return issues.push(`${at}.type: ${String(element.type)} is not an element Heimo sends`);
    checkProperties(element, schema, at, issues);
    if (element.type === 'Container') checkElements(element.items, `${at}.items`, issues);
    if (element.type === 'FactSet' && Array.isArray(element.facts))
      element.facts.forEach((fact: unknown, j) => {
        if (!isObject(fact) || typeof fact.title !== 'string' || typeof fact.value !== 'string')
          issues.push(`${at}.facts[${j}]: title and value strings are required`);
      });
    return undefined;
  });
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * What is wrong with a Teams Workflows message: the envelope (`type: message`, attachments of
 * `contentType` application/vnd.microsoft.card.adaptive) and each card against Adaptive Cards 1.5
 * (type, version, and the required and allowed properties of the elements Heimo uses).
 */
export function adaptiveCardMessageIssues(payload: unknown): string[] {
  const issues: string[] = [];
  if (!isObject(payload)) return ['the message is not a JSON object'];
  if (payload.type !== 'message') issues.push('type: must be "message"');
  const { attachments } = payload;
  if (!Array.isArray(attachments) || !attachments.length) return [...issues, 'attachments: required'];
  attachments.forEach((attachment: unknown, i) => {
    const where = `attachments[${i}]`;
    if (!isObject(attachment)) return issues.push(`${where}: not an object`);
    if (attachment.contentType !== ADAPTIVE_CARD_CONTENT_TYPE)
      issues.push(`${where}.contentType: must be ${ADAPTIVE_CARD_CONTENT_TYPE}`);
    const card = attachment.content;
    if (!isObject(card)) return issues.push(`${where}.content: an Adaptive Card is required`);
    if (card.type !== 'AdaptiveCard') issues.push(`${where}.content.type: must be AdaptiveCard`);
    if (card.version !== '1.5') issues.push(`${where}.content.version: must be "1.5"`);
    if (card.$schema !== undefined && card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json')
      issues.push(`${where}.content.$schema: not the Adaptive Card schema`);
    checkElements(card.body, `${where}.content.body`, issues);
    if (card.actions !== undefined) {
      if (!Array.isArray(card.actions)) issues.push(`${where}.content.actions: an array is required`);
      else
        card.actions.forEach((action: unknown, j) => {
          const at = `${where}.content.actions[${j}]`;
          if (!isObject(action)) return issues.push(`${at}: not an object`);
          const schema = CARD_ACTIONS[String(action.type)];
          if (!schema) return issues.push(`${at}.type: ${String(action.type)} is not an action Heimo sends`);
          checkProperties(action, schema, at, issues);
          return undefined;
        });
    }
    const allowed = new Set([
      '$schema',
      'type',
      'version',
      'body',
      'actions',
      'lang',
      'fallbackText',
      'msteams',
    ]);
    for (const key of Object.keys(card))
      if (!allowed.has(key)) issues.push(`${where}.content.${key}: not a card property Heimo sends`);
    return undefined;
  });
  return issues;
}
