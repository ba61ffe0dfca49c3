export type { EmailKind, EmailTemplate } from './templates';
export { EMAIL_KINDS, EMAIL_TEMPLATES } from './templates';
export type { EmailFrame, RenderedEmail } from './render-email';
export { emailLocale, renderEmail, scrubEmail } from './render-email';
export type { WeeklySummaryLabels } from './labels';
export { EMAIL_FORMAT_LOCALES, WEEKLY_SUMMARY_LABELS } from './labels';
