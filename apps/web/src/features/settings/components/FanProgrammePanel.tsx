import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { CopyField } from '../../people/components/CopyField';
import { useFanProgramme } from '../hooks/useFanProgramme';
import { useRotateJoinCode } from '../hooks/useRotateJoinCode';
import { useSetFanProgrammeOpen } from '../hooks/useSetFanProgrammeOpen';
import { SectionCard } from '../../../app/shell/SectionCard';

/** Open or close the fan programme, and hand out (or replace) its join link. */
export function FanProgrammePanel() {
  const { t } = useTranslation();
  const programme = useFanProgramme();
  const setOpen = useSetFanProgrammeOpen();
  const rotate = useRotateJoinCode();
  const failure = setOpen.error ?? rotate.error;

  return (
    <SectionCard id="settings-fans" title={t('settings.sections.fans')} intro={t('settings.fans.intro')}>
      {programme.isError ? (
        <ProblemAlert error={programme.error} title={t('settings.fans.loadFailed')} />
      ) : programme.isPending ? (
        <Skeleton h={80} />
      ) : (
        <>
          {failure ? <ProblemAlert error={failure} title={t('settings.fans.failed')} /> : null}
          <Group gap="sm" justify="space-between">
            <Text size="sm" fw={600} c={programme.data.open ? 'teal.9' : 'gray.7'} aria-live="polite">
              {programme.data.open ? t('settings.fans.statusOpen') : t('settings.fans.statusClosed')}
            </Text>
            <Button
              variant={programme.data.open ? 'default' : 'filled'}
              loading={setOpen.isPending}
              onClick={() => setOpen.mutate(!programme.data.open)}
            >
              {programme.data.open ? t('settings.fans.close') : t('settings.fans.open')}
            </Button>
          </Group>
          {programme.data.open ? (
            <Stack gap="xs">
              <CopyField
                label={t('settings.fans.link')}
                value={programme.data.joinUrl}
                copyLabel={t('settings.fans.copy')}
              />
              <Group gap="sm">
                <Button
                  variant="subtle"
                  color="red"
                  loading={rotate.isPending}
                  onClick={() => rotate.mutate()}
                >
                  {t('settings.fans.rotate')}
                </Button>
                <Text size="xs" c="dimmed">
                  {t('settings.fans.rotateHint')}
                </Text>
              </Group>
            </Stack>
          ) : null}
        </>
      )}
    </SectionCard>
  );
}
