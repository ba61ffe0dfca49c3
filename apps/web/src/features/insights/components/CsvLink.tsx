import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A plain download link: the browser sends the session cookie and saves the API's CSV as it streams. */
export function CsvLink({ href, what }: { href: string; what: string }) {
  const { t } = useTranslation();
  return (
    <Button
      component="a"
      href={href}
      download
      variant="subtle"
      size="sm"
      aria-label={t('insights.csvLabel', { what })}
      style={{ flexShrink: 0 }}
    >
      {t('insights.csv')}
    </Button>
  );
}
