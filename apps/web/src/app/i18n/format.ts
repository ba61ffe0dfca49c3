// Numbers, money and dates go through Intl in the language the person reads the app in.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { minorToAmount } from '@heimo/domain';

/** How a run of local days is labelled on a chart: one day, the week starting that day, or the month. */
export type DayBucket = 'day' | 'week' | 'month';

/**
 * A local day `YYYY-MM-DD` (organisation time) as a UTC midnight; formatting it in UTC shows that same day
 * whatever the browser's own time zone is.
 */
export function parseLocalDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1));
}

/** An amount in minor units (cents) as the currency's major units, by the currency's own digits (the API's CSV rule). */
export { minorToAmount } from '@heimo/domain';

export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const longDate = new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const shortDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const change = new Intl.NumberFormat(locale, {
      style: 'percent',
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    });
    const localDay = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const bucketFormats: Record<DayBucket, Intl.DateTimeFormat> = {
      day: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
      week: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
      month: new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
    };
    const languages = new Intl.DisplayNames(locale, { type: 'language' });
    const money = new Map<string, Intl.NumberFormat>();
    const moneyFormat = (currency: string) => {
      let found = money.get(currency);
      if (!found) {
        found = new Intl.NumberFormat(locale, { style: 'currency', currency });
        money.set(currency, found);
      }
      return found;
    };
    return {
      longDate: (date: Date) => longDate.format(date),
      dateTime: (date: Date) => dateTime.format(date),
      shortDate: (date: Date) => shortDate.format(date),
      integer: (value: number) => integer.format(value),
      /** An average such as a figure per member, to one decimal. */
      decimal: (value: number) => decimal.format(value),
      /** Short for chart axes: 12K, 1,2 t. */
      compact: (value: number) => compact.format(value),
      /** A share 0..1 as a percentage. */
      percent: (value: number) => percent.format(value),
      /** A relative change (0.125 = +12.5 %), always signed unless zero. */
      change: (value: number) => change.format(value),
      /** An amount in the currency's minor units (EMV in cents). */
      money: (minor: number, currency: string) =>
        moneyFormat(currency).format(minorToAmount(minor, currency)),
      /** An organisation's local day `YYYY-MM-DD`. */
      localDay: (day: string) => localDay.format(parseLocalDay(day)),
      /** From one local day to another, both included. */
      localDayRange: (from: string, to: string) =>
        localDay.formatRange(parseLocalDay(from), parseLocalDay(to)),
      /** A chart bucket starting on this local day. */
      bucket: (day: string, bucket: DayBucket) => bucketFormats[bucket].format(parseLocalDay(day)),
      /** A language code (`fi`) by its name in the reader's language (`suomi`). */
      language: (code: string) => languages.of(code) ?? code,
      list: (items: string[]) =>
        new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items),
    };
  }, [locale]);
}
