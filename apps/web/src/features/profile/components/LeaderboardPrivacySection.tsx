import { Skeleton, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLeaderboardPreference, useUpdateLeaderboardPreference } from '../hooks/useLeaderboardPreference';
import { PreferenceSection } from './PreferenceSection';

/** Whether others see the member by name where advocates are ranked; saved as soon as it is switched. */
export function LeaderboardPrivacySection() {
  const { t } = useTranslation();
  const preference = useLeaderboardPreference();
  const update = useUpdateLeaderboardPreference();
  // While a change is saving, show it already; an error puts the saved value back.
  const shown = update.isPending ? update.variables : preference.data;

  return (
    <PreferenceSection
      id="leaderboard-privacy-heading"
      title={t('leaderboardPrivacy.title')}
      intro={t('leaderboardPrivacy.intro')}
      load={preference}
      loadFailed={t('leaderboardPrivacy.loadFailed')}
      save={update}
      saveFailed={t('leaderboardPrivacy.saveFailed')}
      skeleton={<Skeleton h={44} radius="md" role="status" aria-busy="true" aria-label={t('app.loading')} />}
    >
      {shown ? (
        <Switch
          size="md"
          label={t('leaderboardPrivacy.showName')}
          description={t('leaderboardPrivacy.showNameHint')}
          checked={!shown.optOut}
          onChange={(event) => update.mutate({ optOut: !event.currentTarget.checked })}
          styles={{ body: { alignItems: 'center', minHeight: 44 }, label: { cursor: 'pointer' } }}
        />
      ) : null}
    </PreferenceSection>
  );
}
