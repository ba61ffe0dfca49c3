import type { MessageLocale } from '../messages';

/** The chat services a channel posts to: a Slack incoming webhook or a Teams Workflows webhook. */
export const CHANNEL_KINDS = ['slack', 'teams'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What an admin chooses to post to a channel. */
export const CHANNEL_EVENTS = ['pack_published', 'top_advocates', 'training_deadlines'] as const;
export type ChannelEvent = (typeof CHANNEL_EVENTS)[number];

/** Every message a channel receives: the chosen events and the admin's test message. */
export const CHANNEL_MESSAGES = [...CHANNEL_EVENTS, 'test'] as const;
export type ChannelMessage = (typeof CHANNEL_MESSAGES)[number];

/**
 * The words of each message, in Handlebars (rendered without HTML escaping; a channel kind escapes
 * the data for its own markup first). The layouts below place them in Block Kit or an Adaptive Card.
 *
 * Data: `pack_published` { organisationName, title, summary, networkList, openUrl, pictureUrl,
 * pictureAlt }; `top_advocates` { organisationName, periodLabel, advocates: [{ rank, name, points }],
 * boardUrl }; `training_deadlines` { organisationName, modules: [{ title, url, expiring, expiringBy,
 * expired, outdated }], trainingUrl }; `test` { organisationName, channelName, settingsUrl }.
 */
export interface ChannelTexts {
  /** The notification and fallback text (Slack `text`, a Teams card's first line). */
  readonly summary: string;
  readonly heading: string;
  readonly body: string;
  /** Extra line under the body (networks, the period); may render empty. */
  readonly detail: string;
  readonly button: string;
}

export const CHANNEL_TEXTS: Readonly<Record<MessageLocale, Readonly<Record<ChannelMessage, ChannelTexts>>>> =
  {
    en: {
      pack_published: {
        summary: 'New to share from {{organisationName}}: {{title}}',
        heading: '{{title}}',
        body: '{{#if summary}}{{summary}}{{else}}New to share from {{organisationName}}.{{/if}}',
        detail: '{{#if networkList}}Share on: {{networkList}}{{/if}}',
        button: 'Open in the feed',
      },
      top_advocates: {
        summary: 'Top advocates of {{organisationName}}, {{periodLabel}}',
        heading: 'Top advocates, {{periodLabel}}',
        body: '{{#each advocates}}{{rank}}. {{name}} — {{points}} points\n{{/each}}',
        detail: 'Thank you for sharing {{organisationName}}’s news!',
        button: 'See the leaderboard',
      },
      training_deadlines: {
        summary: 'Training deadlines at {{organisationName}}',
        heading: 'Training deadlines',
        body: '{{#each modules}}• {{title}}{{#if expiring}} — {{expiring}} to renew by {{expiringBy}}{{/if}}{{#if expired}} — {{expired}} expired{{/if}}{{#if outdated}} — {{outdated}} to take the new version{{/if}}\n{{/each}}',
        detail: 'Advocates renew their training in Heimo before they share again.',
        button: 'Open the training',
      },
      test: {
        summary: 'Heimo is connected to {{channelName}}',
        heading: 'Heimo is connected',
        body: 'This test message shows that {{organisationName}}’s Heimo can post to {{channelName}}.',
        detail: '',
        button: 'Channel settings',
      },
    },
    fi: {
      pack_published: {
        summary: 'Uutta jaettavaa ({{organisationName}}): {{title}}',
        heading: '{{title}}',
        body: '{{#if summary}}{{summary}}{{else}}Organisaatiolta {{organisationName}} on uutta jaettavaa.{{/if}}',
        detail: '{{#if networkList}}Jaa: {{networkList}}{{/if}}',
        button: 'Avaa syötteessä',
      },
      top_advocates: {
        summary: 'Organisaation {{organisationName}} kärkilähettiläät, {{periodLabel}}',
        heading: 'Kärkilähettiläät, {{periodLabel}}',
        body: '{{#each advocates}}{{rank}}. {{name}} — {{points}} pistettä\n{{/each}}',
        detail: 'Kiitos, että jaoitte organisaation {{organisationName}} uutisia!',
        button: 'Katso tulostaulu',
      },
      training_deadlines: {
        summary: 'Koulutusten määräajat: {{organisationName}}',
        heading: 'Koulutusten määräajat',
        body: '{{#each modules}}• {{title}}{{#if expiring}} — {{expiring}} uusittava {{expiringBy}} mennessä{{/if}}{{#if expired}} — {{expired}} vanhentunut{{/if}}{{#if outdated}} — {{outdated}} suoritettava uusi versio{{/if}}\n{{/each}}',
        detail: 'Lähettiläät uusivat koulutuksensa Heimossa ennen kuin jakavat taas.',
        button: 'Avaa koulutus',
      },
      test: {
        summary: 'Heimo on yhdistetty kanavaan {{channelName}}',
        heading: 'Heimo on yhdistetty',
        body: 'Tämä testiviesti näyttää, että organisaation {{organisationName}} Heimo voi lähettää kanavaan {{channelName}}.',
        detail: '',
        button: 'Kanavan asetukset',
      },
    },
  };

/**
 * A layout: JSON whose strings are Handlebars templates over the data and the rendered texts
 * (`t.heading`, …). `{ $if: 'path', then: node }` in an array keeps `node` only when the value at
 * `path` is truthy and not empty. Strings are filled, never parsed: the result is JSON by construction.
 */
export type LayoutNode =
  | string
  | number
  | boolean
  | null
  | readonly LayoutNode[]
  | { readonly $if: string; readonly then: LayoutNode }
  | { readonly [key: string]: LayoutNode };

/** The URL each message's button opens. */
const BUTTON_URL: Readonly<Record<ChannelMessage, string>> = {
  pack_published: '{{openUrl}}',
  top_advocates: '{{boardUrl}}',
  training_deadlines: '{{trainingUrl}}',
  test: '{{settingsUrl}}',
};

function slackLayout(message: ChannelMessage): LayoutNode {
  return {
    text: '{{t.summary}}',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: '{{t.heading}}', emoji: true } },
      {
        $if: 'pictureUrl',
        then: {
          type: 'image',
          image_url: '{{pictureUrl}}',
          alt_text: '{{#if pictureAlt}}{{pictureAlt}}{{else}}{{title}}{{/if}}',
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: '{{t.body}}' } },
      { $if: 't.detail', then: { type: 'context', elements: [{ type: 'mrkdwn', text: '{{t.detail}}' }] } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: '{{t.button}}', emoji: true },
            url: BUTTON_URL[message],
            action_id: `heimo_${message}`,
            ...(message === 'test' ? {} : { style: 'primary' }),
          },
        ],
      },
    ],
  };
}

function teamsLayout(message: ChannelMessage): LayoutNode {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.5',
          lang: '{{locale}}',
          fallbackText: '{{t.summary}}',
          body: [
            {
              type: 'TextBlock',
              text: '{{t.heading}}',
              size: 'Large',
              weight: 'Bolder',
              wrap: true,
              style: 'heading',
            },
            {
              $if: 'pictureUrl',
              then: {
                type: 'Image',
                url: '{{pictureUrl}}',
                altText: '{{#if pictureAlt}}{{pictureAlt}}{{else}}{{title}}{{/if}}',
                size: 'Stretch',
              },
            },
            { type: 'TextBlock', text: '{{t.body}}', wrap: true },
            {
              $if: 't.detail',
              then: { type: 'TextBlock', text: '{{t.detail}}', wrap: true, isSubtle: true, size: 'Small' },
            },
          ],
          actions: [{ type: 'Action.OpenUrl', title: '{{t.button}}', url: BUTTON_URL[message] }],
        },
      },
    ],
  };
}

export const CHANNEL_LAYOUTS: Readonly<Record<ChannelKind, Readonly<Record<ChannelMessage, LayoutNode>>>> = {
  slack: Object.fromEntries(CHANNEL_MESSAGES.map((m) => [m, slackLayout(m)])) as Record<
    ChannelMessage,
    LayoutNode
  >,
  teams: Object.fromEntries(CHANNEL_MESSAGES.map((m) => [m, teamsLayout(m)])) as Record<
    ChannelMessage,
    LayoutNode
  >,
};
