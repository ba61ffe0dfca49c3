import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChannelsSection } from '../components/ChannelsSection';
import { WebhooksSection } from '../components/WebhooksSection';

/** Settings → Integrations: where Heimo reaches other tools. Each integration is a section of its own. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('integrations.title') }));

  return (
    <Stack gap="lg" maw={880}>
      <Stack gap={4}>
        <Button component={Link} to="/settings" variant="subtle" size="sm" px={0} w="fit-content">
          {t('integrations.back')}
        </Button>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('integrations.title')}
        </Title>
        <Text c="dimmed">{t('integrations.intro')}</Text>
      </Stack>
      <ChannelsSection />
      <WebhooksSection />
    </Stack>
  );
}
