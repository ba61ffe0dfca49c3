import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { useOfflineState } from '../offline';
import { applyUpdate } from '../serviceWorker';
import classes from './AppLayout.module.css';

/**
 * What the installed app says about itself: that the page shows what was saved when there is no
 * network, and how old it is; and that a new version is ready, with the reload that takes it.
 * Loaded only when there is one of these to say (AppLayout); the service worker caches it at install.
 */
export function OfflineNotices() {
  const { t } = useTranslation();
  const format = useFormat();
  const { asOf, update } = useOfflineState();
  return (
    <>
      {asOf ? (
        <div className={classes.notice}>
          <Alert color="yellow" variant="light" role="status" title={t('shell.offline.title')}>
            <Text size="sm">{t('shell.offline.asOf', { date: format.dateTime(asOf) })}</Text>
          </Alert>
        </div>
      ) : null}
      {update ? (
        <div className={classes.notice}>
          <Alert color="indigo" variant="light" role="status" title={t('shell.update.title')}>
            <Group justify="space-between" gap="sm">
              <Text size="sm">{t('shell.update.body')}</Text>
              <Button size="sm" onClick={() => applyUpdate(update)}>
                {t('shell.update.reload')}
              </Button>
            </Group>
          </Alert>
        </div>
      ) : null}
    </>
  );
}
