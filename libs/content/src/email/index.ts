export type { EmailKind, EmailTemplate, SystemEmailKind } from './templates';
export { EMAIL_KINDS, EMAIL_TEMPLATES, SYSTEM_EMAIL_KINDS } from './templates';
export type { EmailFrame, RenderedEmail } from './render-email';
export { emailLocale, renderEmail, scrubEmail } from './render-email';
export type { WeeklySummaryLabels } from './labels';
export { EMAIL_FORMAT_LOCALES, WEEKLY_SUMMARY_LABELS } from './labels';
