import { Box, Button, Code, Group, Modal, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useDownloadMessage, useOutboxMessage } from '../hooks/useDeliveries';
import type { Delivery } from '../types';
import { emailDocument } from './emailDocument';

interface MessageViewerProps {
  delivery: Delivery | null;
  onClose: () => void;
}

/**
 * A message from the local outbox as its recipient gets it. The HTML part runs in a sandbox without
 * scripts or the app's origin; its links open in a new tab.
 */
export function MessageViewer({ delivery, onClose }: MessageViewerProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)');
  const message = useOutboxMessage(delivery?.id ?? null);
  const download = useDownloadMessage();
  const close = () => {
    download.reset();
    onClose();
  };
  const subject = message.data?.subject ?? delivery?.subject ?? '';

  return (
    <Modal
      opened={delivery !== null}
      onClose={close}
      title={subject || t('notifications.viewer.title')}
      size="xl"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('common.close'), size: phone ? 44 : 'md' }}
      styles={{ title: { fontWeight: 600, overflowWrap: 'anywhere' } }}
    >
      {delivery === null ? null : message.isError ? (
        <ProblemAlert error={message.error} title={t('notifications.viewer.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void message.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : message.isPending ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton h={60} />
          <Skeleton h={360} />
        </Stack>
      ) : (
        <Stack gap="md">
          {download.isError ? (
            <ProblemAlert error={download.error} title={t('notifications.viewer.downloadFailed')} />
          ) : null}
          <Box
            component="dl"
            m={0}
            style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px' }}
          >
            <Header label={t('notifications.viewer.from')} value={message.data.from} />
            <Header label={t('notifications.viewer.to')} value={message.data.to} />
            <Header label={t('notifications.viewer.subject')} value={message.data.subject} />
          </Box>
          <Tabs defaultValue="html" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="html" mih={44}>
                {t('notifications.viewer.html')}
              </Tabs.Tab>
              <Tabs.Tab value="text" mih={44}>
                {t('notifications.viewer.text')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="html" pt="sm">
              <iframe
                title={t('notifications.viewer.htmlFrame', { subject: message.data.subject })}
                sandbox="allow-popups allow-popups-to-escape-sandbox"
                srcDoc={emailDocument(message.data.html)}
                referrerPolicy="no-referrer"
                style={{
                  display: 'block',
                  width: '100%',
                  height: phone ? 'calc(100dvh - 330px)' : 'min(520px, 60vh)',
                  minHeight: 320,
                  border: '1px solid var(--mantine-color-gray-3)',
                  borderRadius: 'var(--mantine-radius-md)',
                  background: 'white',
                }}
              />
            </Tabs.Panel>
            <Tabs.Panel value="text" pt="sm">
              <Code
                block
                style={{
                  whiteSpace: 'pre-wrap',
                  overflowWrap: 'anywhere',
                  maxHeight: 520,
                  overflowY: 'auto',
                }}
              >
                {message.data.text}
              </Code>
            </Tabs.Panel>
          </Tabs>
          <Group justify="space-between" gap="sm">
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 200 }}>
              {t('notifications.viewer.listUnsubscribe', { url: message.data.listUnsubscribe })}
            </Text>
            <Button
              variant="light"
              loading={download.isPending}
              onClick={() => download.mutate(delivery.id)}
              w={{ base: '100%', xs: 'auto' }}
            >
              {t('notifications.viewer.download')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function Header({ label, value }: { label: string; value: string }) {
  return (
    <>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </>
  );
}
