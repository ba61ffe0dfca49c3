import { MESSAGE_LOCALES } from '../messages';
import { adaptiveCardMessageIssues, slackMessageIssues } from './limits';
import { renderChannelMessage } from './render-channel';
import { CHANNEL_KINDS, CHANNEL_MESSAGES, type ChannelMessage } from './templates';

const data: Record<ChannelMessage, Record<string, unknown>> = {
  pack_published: {
    organisationName: 'Kesko & Co',
    title: 'Spring <!channel> launch',
    summary: 'Fresh & new',
    networkList: 'LinkedIn, Facebook',
    openUrl: 'https://heimo.example/feed?pack=1',
    pictureUrl: 'https://heimo.example/media/1',
    pictureAlt: '',
  },
  top_advocates: {
    organisationName: 'Kesko & Co',
    periodLabel: '30 Nov – 6 Dec 2026',
    advocates: [
      { rank: 1, name: 'Aino', points: '120' },
      { rank: 2, name: 'Anonymous advocate', points: '80' },
    ],
    boardUrl: 'https://heimo.example/leaderboard',
  },
  training_deadlines: {
    organisationName: 'Kesko & Co',
    modules: [
      {
        title: 'Policy',
        url: 'https://heimo.example/training/1',
        expiring: 2,
        expiringBy: '14 December 2026',
        expired: 1,
        outdated: 0,
      },
    ],
    trainingUrl: 'https://heimo.example/training',
  },
  test: {
    organisationName: 'Kesko & Co',
    channelName: '#news',
    settingsUrl: 'https://heimo.example/settings/integrations',
  },
};

const cases = CHANNEL_KINDS.flatMap((kind) =>
  CHANNEL_MESSAGES.flatMap((message) => MESSAGE_LOCALES.map((locale) => [kind, message, locale] as const)),
);

describe('channel messages', () => {
  it.each(cases)('%s %s (%s) is within the documented limits', (kind, message, locale) => {
    const payload = renderChannelMessage(kind, message, locale, data[message]);
    const issues = kind === 'slack' ? slackMessageIssues(payload) : adaptiveCardMessageIssues(payload);
    expect(issues).toEqual([]);
    expect(JSON.stringify(payload)).not.toContain('{{');
  });

  it('escapes Slack markup in the data, so a title cannot ping a channel', () => {
    const payload = renderChannelMessage('slack', 'pack_published', 'en', data.pack_published);
    const text = JSON.stringify(payload);
    expect(text).toContain('Spring &lt;!channel&gt; launch');
    expect(text).toContain('Fresh &amp; new');
    expect(text).not.toContain('<!channel>');
  });

  it('puts the picture, the networks and a button to the feed in a pack post', () => {
    const slack = renderChannelMessage('slack', 'pack_published', 'en', data.pack_published) as {
      blocks: { type: string; image_url?: string; elements?: { url?: string; text?: unknown }[] }[];
    };
    expect(slack.blocks.map((block) => block.type)).toEqual([
      'header',
      'image',
      'section',
      'context',
      'actions',
    ]);
    expect(slack.blocks[1]?.image_url).toBe('https://heimo.example/media/1');
    expect(JSON.stringify(slack.blocks[3])).toContain('Share on: LinkedIn, Facebook');
    expect(slack.blocks[4]?.elements?.[0]?.url).toBe('https://heimo.example/feed?pack=1');
    const teams = renderChannelMessage('teams', 'pack_published', 'fi', data.pack_published) as {
      attachments: { content: { body: { type: string }[]; actions: { url: string; title: string }[] } }[];
    };
    const card = teams.attachments[0]!.content;
    expect(card.body.map((element) => element.type)).toEqual([
      'TextBlock',
      'Image',
      'TextBlock',
      'TextBlock',
    ]);
    expect(card.actions[0]).toEqual(
      expect.objectContaining({
        type: 'Action.OpenUrl',
        title: 'Avaa syötteessä',
        url: 'https://heimo.example/feed?pack=1',
      }),
    );
  });

  it('keeps each line of a list its own in Teams, whose markdown joins single line breaks', () => {
    const teams = JSON.stringify(renderChannelMessage('teams', 'top_advocates', 'en', data.top_advocates));
    expect(teams).toContain('1. Aino — 120 points\\n\\n2. Anonymous advocate — 80 points');
  });

  it('leaves the picture out when a pack has none, and falls back to English', () => {
    const payload = renderChannelMessage('slack', 'pack_published', 'sv', {
      ...data.pack_published,
      pictureUrl: null,
    }) as {
      blocks: { type: string }[];
      text: string;
    };
    expect(payload.blocks.map((block) => block.type)).not.toContain('image');
    expect(payload.text).toBe('New to share from Kesko &amp; Co: Spring &lt;!channel&gt; launch');
  });

  it('cuts long texts to Slack’s limits instead of failing', () => {
    const long = { ...data.pack_published, title: 'T'.repeat(400), summary: 'S&'.repeat(2000) };
    const payload = renderChannelMessage('slack', 'pack_published', 'en', long);
    expect(slackMessageIssues(payload)).toEqual([]);
    const header = (payload.blocks as { text?: { text: string } }[])[0]!.text!.text;
    expect(Array.from(header)).toHaveLength(150);
    expect(header.endsWith('…')).toBe(true);
    const section = (payload.blocks as { text?: { text: string } }[])[2]!.text!.text;
    expect(Array.from(section).length).toBeLessThanOrEqual(3000);
    expect(section).toMatch(/(&amp;)…$|S…$/);
  });

  it('the checkers find what breaks the limits', () => {
    const blocks = Array.from({ length: 51 }, () => ({
      type: 'section',
      text: { type: 'mrkdwn', text: 'x'.repeat(3001) },
    }));
    const issues = slackMessageIssues({ text: 'x', blocks });
    expect(issues).toContain('blocks: 51, at most 50');
    expect(issues).toContain('blocks[0].text.text: 3001 characters, at most 3000');
    const card = renderChannelMessage('teams', 'test', 'en', data.test) as {
      attachments: { contentType: string; content: Record<string, unknown> }[];
    };
    const attachment = card.attachments[0]!;
    expect(
      adaptiveCardMessageIssues({
        ...card,
        attachments: [
          {
            ...attachment,
            contentType: 'application/json',
            content: { ...attachment.content, version: '1.6' },
          },
        ],
      }),
    ).toEqual(
      expect.arrayContaining([
        'attachments[0].contentType: must be application/vnd.microsoft.card.adaptive',
        'attachments[0].content.version: must be "1.5"',
      ]),
    );
    expect(
      adaptiveCardMessageIssues({
        ...card,
        attachments: [
          { ...attachment, content: { ...attachment.content, body: [{ type: 'TextBlock', wrapp: true }] } },
        ],
      }),
    ).toEqual([
      'attachments[0].content.body[0].text: required for TextBlock',
      'attachments[0].content.body[0].wrapp: not a property of TextBlock in Adaptive Cards 1.5',
    ]);
  });
});
