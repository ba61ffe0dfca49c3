import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** A whole percent (75 → "75 %" in Finnish, "75%" in English) through Intl in the reader's language. */
export function usePercent(): (value: number) => string {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    return (value: number) => percent.format(value / 100);
  }, [locale]);
}
