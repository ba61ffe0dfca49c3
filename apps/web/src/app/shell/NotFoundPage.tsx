import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { homePath } from '../navigation';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('errorPage.notFoundTitle') }));
  return (
    <Stack gap="md" maw={560} align="flex-start">
      <Title order={1} fz="h2">
        {t('errorPage.notFoundTitle')}
      </Title>
      <Text>{t('errorPage.notFoundBody')}</Text>
      <Button component={Link} to={homePath} variant="light">
        {t('errorPage.goHome')}
      </Button>
    </Stack>
  );
}
