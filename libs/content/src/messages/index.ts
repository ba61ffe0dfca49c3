export type {
  CaptionIssueCode,
  Issue,
  IssueCode,
  IssueField,
  IssueParams,
  LinkIssueCode,
  SettingsIssueCode,
  TemplateIssueCode,
} from './issue';
export { issue } from './issue';
export type { MessageLocale } from './catalogue';
export { MESSAGES, MESSAGE_LOCALES, formatIssue, isMessageLocale } from './catalogue';
