import { Alert, Button, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiProblem } from '../../../api/problem';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useAcceptPolicy } from '../hooks/useAcceptPolicy';
import type { TrainingModuleView } from '../types';

/** The explicit "I accept" of the version the member is reading. */
export function PolicyAcceptance({ module }: { module: TrainingModuleView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const accept = useAcceptPolicy(module.moduleId);
  const stale = isApiProblem(accept.error) && accept.error.code === 'training.stale_version';

  // The answer to "I accept" already carries the new status; the reloaded module follows it.
  const standing = accept.data?.training ?? module;

  if (standing.status === 'passed')
    return (
      <Stack gap="sm">
        <Alert color="teal" variant="light" radius="md" role="status" title={t('training.policy.accepted')}>
          <Text size="sm">
            {t('training.policy.acceptedOn', {
              version: standing.completedVersion ?? standing.currentVersion,
              date: standing.passedAt ? format.shortDate(new Date(standing.passedAt)) : '',
            })}
          </Text>
        </Alert>
        <div>
          <Button component={Link} to="/training" variant="light" w={{ base: '100%', xs: 'auto' }}>
            {t('training.backToTraining')}
          </Button>
        </div>
      </Stack>
    );

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        {stale ? (
          <Alert color="orange" variant="light" role="alert">
            <Text size="sm">{t('errors.training.stale_version')}</Text>
          </Alert>
        ) : accept.isError ? (
          <ProblemAlert error={accept.error} title={t('training.policy.acceptFailed')} />
        ) : null}
        <Text size="sm">{t('training.policy.confirm', { version: module.currentVersion })}</Text>
        <div>
          <Button
            loading={accept.isPending}
            onClick={() => accept.mutate(module.currentVersion)}
            w={{ base: '100%', xs: 'auto' }}
          >
            {t('training.policy.accept')}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
