import type { MessageLocale } from '../messages';

/** How numbers and dates are written in each e-mail locale (an `Intl` locale tag). */
export const EMAIL_FORMAT_LOCALES: Readonly<Record<MessageLocale, string>> = {
  en: 'en-GB',
  fi: 'fi-FI',
};

/** The weekly summary's figure names and words, filled into the template's `figures` and `advocates`. */
export interface WeeklySummaryLabels {
  readonly shares: string;
  readonly reach: string;
  readonly clicks: string;
  readonly uniqueClicks: string;
  readonly earnedMediaValue: string;
  /** The name shown for an advocate who opted out of the leaderboard. */
  readonly anonymous: string;
  /** The change of a figure that was zero the week before. */
  readonly new: string;
  /** The change of a figure that was zero both weeks. */
  readonly unchanged: string;
}

export const WEEKLY_SUMMARY_LABELS: Readonly<Record<MessageLocale, WeeklySummaryLabels>> = {
  en: {
    shares: 'Shares',
    reach: 'Earned reach',
    clicks: 'Clicks',
    uniqueClicks: 'Unique clicks',
    earnedMediaValue: 'Earned media value',
    anonymous: 'Anonymous advocate',
    new: 'new',
    unchanged: '±0 %',
  },
  fi: {
    shares: 'Jaot',
    reach: 'Ansaittu tavoittavuus',
    clicks: 'Klikit',
    uniqueClicks: 'Yksilölliset klikit',
    earnedMediaValue: 'Ansaitun median arvo',
    anonymous: 'Nimetön lähettiläs',
    new: 'uusi',
    unchanged: '±0 %',
  },
};
