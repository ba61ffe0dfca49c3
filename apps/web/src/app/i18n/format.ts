// Numbers and dates go through Intl in the language the person reads the app in.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

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
    return {
      longDate: (date: Date) => longDate.format(date),
      dateTime: (date: Date) => dateTime.format(date),
      shortDate: (date: Date) => shortDate.format(date),
      integer: (value: number) => integer.format(value),
      list: (items: string[]) =>
        new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items),
    };
  }, [locale]);
}
