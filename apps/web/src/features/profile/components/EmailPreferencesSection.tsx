import { Group, Radio, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  useNotificationPreferences,
  useUpdateNotificationPreferences,
} from '../../notifications/hooks/useNotificationPreferences';
import {
  packAlertFrequencies,
  type NotificationPreferences,
  type UpdateNotificationPreferencesBody,
} from '../../notifications/types';
import { PreferenceSection } from './PreferenceSection';

/** What the member receives by e-mail; each choice is saved as soon as it is made. */
export function EmailPreferencesSection() {
  const { t } = useTranslation();
  const preferences = useNotificationPreferences();
  const update = useUpdateNotificationPreferences();
  const save = (body: UpdateNotificationPreferencesBody) => update.mutate(body);
  // While a change is saving, show it already; an error puts the saved value back.
  const shown: NotificationPreferences | undefined = preferences.data
    ? { ...preferences.data, ...(update.isPending ? update.variables : {}) }
    : undefined;

  return (
    <PreferenceSection
      id="email-heading"
      title={t('notifications.preferences.title')}
      intro={t('notifications.preferences.intro')}
      load={preferences}
      loadFailed={t('notifications.preferences.loadFailed')}
      save={update}
      saveFailed={t('notifications.preferences.saveFailed')}
      skeleton={
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton h={200} radius="md" />
          <Skeleton h={44} radius="md" />
          <Skeleton h={44} radius="md" />
        </Stack>
      }
    >
      {shown ? (
        <>
          <Radio.Group
            label={t('notifications.preferences.packAlerts')}
            description={t('notifications.preferences.packAlertsHint')}
            value={shown.packAlerts}
            onChange={(value) => {
              const packAlerts = packAlertFrequencies.find((candidate) => candidate === value);
              if (packAlerts) save({ packAlerts });
            }}
            styles={{ label: { fontWeight: 600 } }}
          >
            <Stack gap="xs" mt="xs">
              {packAlertFrequencies.map((frequency) => (
                <Radio.Card key={frequency} value={frequency} radius="md" p="sm" mih={44}>
                  <Group wrap="nowrap" gap="sm" align="center">
                    <Radio.Indicator />
                    <Stack gap={0}>
                      <Text size="sm" fw={500}>
                        {t(`notifications.frequency.${frequency}`)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`notifications.frequencyHint.${frequency}`)}
                      </Text>
                    </Stack>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
          <Switch
            size="md"
            label={t('notifications.preferences.trainingReminders')}
            description={t('notifications.preferences.trainingRemindersHint')}
            checked={shown.trainingReminders}
            onChange={(event) => save({ trainingReminders: event.currentTarget.checked })}
            styles={{ body: { alignItems: 'center', minHeight: 44 }, label: { cursor: 'pointer' } }}
          />
          <Switch
            size="md"
            label={t('notifications.preferences.weeklySummary')}
            description={t('notifications.preferences.weeklySummaryHint')}
            checked={shown.weeklySummary}
            onChange={(event) => save({ weeklySummary: event.currentTarget.checked })}
            styles={{ body: { alignItems: 'center', minHeight: 44 }, label: { cursor: 'pointer' } }}
          />
          <Switch
            size="md"
            label={t('notifications.preferences.reviewAlerts')}
            description={t('notifications.preferences.reviewAlertsHint')}
            checked={shown.reviewAlerts}
            onChange={(event) => save({ reviewAlerts: event.currentTarget.checked })}
            styles={{ body: { alignItems: 'center', minHeight: 44 }, label: { cursor: 'pointer' } }}
          />
        </>
      ) : null}
    </PreferenceSection>
  );
}
