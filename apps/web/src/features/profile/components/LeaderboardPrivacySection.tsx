import { Button, Group, Paper, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useLeaderboardPreference, useUpdateLeaderboardPreference } from '../hooks/useLeaderboardPreference';
import { SaveState } from './SaveState';

/** Whether others see the member by name where advocates are ranked; saved as soon as it is switched. */
export function LeaderboardPrivacySection() {
  const { t } = useTranslation();
  const preference = useLeaderboardPreference();
  const update = useUpdateLeaderboardPreference();
  // While a change is saving, show it already; an error puts the saved value back.
  const shown = update.isPending ? update.variables : preference.data;

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="leaderboard-privacy-heading"
    >
      <Stack gap="md">
        <Group justify="space-between" align="start" gap="xs">
          <Stack gap={2} maw={560}>
            <Title order={2} fz="h3" id="leaderboard-privacy-heading">
              {t('leaderboardPrivacy.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('leaderboardPrivacy.intro')}
            </Text>
          </Stack>
          <SaveState pending={update.isPending} saved={update.isSuccess} />
        </Group>

        {preference.isError ? (
          <ProblemAlert error={preference.error} title={t('leaderboardPrivacy.loadFailed')}>
            <Button variant="light" color="red" mt="sm" onClick={() => void preference.refetch()}>
              {t('common.retry')}
            </Button>
          </ProblemAlert>
        ) : !shown ? (
          <Skeleton h={44} radius="md" aria-busy="true" aria-label={t('app.loading')} />
        ) : (
          <>
            {update.isError ? (
              <ProblemAlert error={update.error} title={t('leaderboardPrivacy.saveFailed')} />
            ) : null}
            <Switch
              size="md"
              label={t('leaderboardPrivacy.showName')}
              description={t('leaderboardPrivacy.showNameHint')}
              checked={!shown.optOut}
              onChange={(event) => update.mutate({ optOut: !event.currentTarget.checked })}
              styles={{ body: { alignItems: 'center', minHeight: 44 }, label: { cursor: 'pointer' } }}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
