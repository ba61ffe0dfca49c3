import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useResetPersonTwoStep } from '../hooks/useResetPersonTwoStep';

/** In the edit dialog of an active person: turns their two-step sign-in off when they lost their phone. */
export function ResetTwoStepPanel({ memberId, name }: { memberId: string; name: string }) {
  const { t } = useTranslation();
  const reset = useResetPersonTwoStep();
  return (
    <Stack gap="xs" pt="md" mt="md" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      <Text size="sm" fw={600}>
        {t('people.twoStep.title')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('people.twoStep.intro', { name })}
      </Text>
      {reset.isError ? <ProblemAlert error={reset.error} title={t('people.twoStep.failed')} /> : null}
      {reset.data ? (
        <Alert color={reset.data.reset ? 'teal' : 'gray'} variant="light" radius="md" role="status">
          <Text size="sm">
            {t(reset.data.reset ? 'people.twoStep.done' : 'people.twoStep.wasOff', { name })}
          </Text>
        </Alert>
      ) : null}
      <Button
        variant="light"
        color="red"
        onClick={() => reset.mutate(memberId)}
        loading={reset.isPending}
        w={{ base: '100%', xs: 'auto' }}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('people.twoStep.reset')}
      </Button>
    </Stack>
  );
}
