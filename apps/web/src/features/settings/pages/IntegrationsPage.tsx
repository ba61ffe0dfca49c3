import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ApiTokensSection } from '../components/ApiTokensSection';

/** Settings → Integrations: how other systems reach the organisation's data (API tokens). */
export function IntegrationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('integrations.title') }));

  return (
    <Stack gap="lg" maw={880}>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('integrations.title')}
        </Title>
        <Text c="dimmed">{t('integrations.intro')}</Text>
      </Stack>
      <ApiTokensSection />
    </Stack>
  );
}
