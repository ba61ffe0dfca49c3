import { Alert, Button, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useReadiness } from '../hooks/useReadiness';

/** Ready to share, or exactly which modules stop the member, each a tap away. */
export function ReadinessBanner() {
  const { t } = useTranslation();
  const readiness = useReadiness();

  if (readiness.isError)
    return (
      <ProblemAlert error={readiness.error} title={t('training.readiness.loadFailed')}>
        <Button variant="light" color="red" mt="sm" onClick={() => void readiness.refetch()}>
          {t('common.retry')}
        </Button>
      </ProblemAlert>
    );
  if (readiness.isPending)
    return <Skeleton h={96} radius="md" role="status" aria-busy="true" aria-label={t('app.loading')} />;

  const { mayShare, blocking } = readiness.data;
  if (mayShare)
    return (
      <Alert color="teal" variant="light" radius="md" title={t('training.readiness.ready')} role="status">
        <Text size="sm">{t('training.readiness.readyBody')}</Text>
      </Alert>
    );

  return (
    <Alert
      color="orange"
      variant="light"
      radius="md"
      title={t('training.readiness.locked')}
      role="status"
      aria-live="polite"
    >
      <Text size="sm" mb="sm">
        {t('training.readiness.lockedBody', { count: blocking.length })}
      </Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {blocking.map((block) => (
          <li key={block.moduleId}>
            <Paper
              component={Link}
              to={`/training/${block.moduleId}`}
              withBorder
              radius="md"
              px="md"
              py="xs"
              mih={44}
              display="block"
              style={{ textDecoration: 'none', color: 'inherit' }}
            >
              <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {block.title}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`training.blocks.${block.status}`)}
              </Text>
            </Paper>
          </li>
        ))}
      </Stack>
    </Alert>
  );
}
