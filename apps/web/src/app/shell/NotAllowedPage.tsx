import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { homePath } from '../navigation';

/** A page that exists, but not for this person's role (or the API said 403): unlike "not found". */
export function NotAllowedPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('errorPage.notAllowedTitle') }));
  return (
    <Stack gap="md" maw={560} align="flex-start">
      <Title order={1} fz="h2">
        {t('errorPage.notAllowedTitle')}
      </Title>
      <Text>{t('errorPage.notAllowedBody')}</Text>
      <Button component={Link} to={homePath} variant="light">
        {t('errorPage.goHome')}
      </Button>
    </Stack>
  );
}
