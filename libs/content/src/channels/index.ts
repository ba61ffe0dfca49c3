export type { ChannelEvent, ChannelKind, ChannelMessage, ChannelTexts, LayoutNode } from './templates';
export { CHANNEL_EVENTS, CHANNEL_KINDS, CHANNEL_LAYOUTS, CHANNEL_MESSAGES, CHANNEL_TEXTS } from './templates';
export { renderChannelMessage, truncateText } from './render-channel';
export {
  ADAPTIVE_CARD_CONTENT_TYPE,
  SLACK_LIMITS,
  adaptiveCardMessageIssues,
  slackMessageIssues,
} from './limits';
