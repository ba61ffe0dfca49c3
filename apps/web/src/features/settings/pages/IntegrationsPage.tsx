import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addLazyMessages } from '../../../app/i18n/resources';
import { ApiTokensSection } from '../components/ApiTokensSection';
import { ChannelsSection } from '../components/ChannelsSection';
import { WebhooksSection } from '../components/WebhooksSection';
import channelsEn from '../locales/channels.en.json';
import channelsFi from '../locales/channels.fi.json';
import en from '../locales/integrations.en.json';
import fi from '../locales/integrations.fi.json';

// Both languages carry the same keys (each assignment fails to compile otherwise).
const english: typeof fi = en;
const finnish: typeof en = fi;
const channelsEnglish: typeof channelsFi = channelsEn;
const channelsFinnish: typeof channelsEn = channelsFi;
// This page's strings load with it, not with every visit's first page.
addLazyMessages(i18n, 'integrations', { en: english, fi: finnish });
addLazyMessages(i18n, 'channels', { en: channelsEnglish, fi: channelsFinnish });

/**
 * Settings → Integrations: where Heimo reaches other tools (Slack and Teams channels, signed
 * webhooks) and how other systems reach the organisation's data (API tokens). Each is a section of
 * its own.
 */
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
      <ApiTokensSection />
    </Stack>
  );
}
