import { Button, Card, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { ReadinessBanner } from '../components/ReadinessBanner';
import { StatusLine } from '../components/StatusLine';
import { TrainingKindBadges } from '../components/TrainingKindBadge';
import { TrainingStatusBadge } from '../components/TrainingStatusBadge';
import { useMyTraining } from '../hooks/useMyTraining';
import type { TrainingItem } from '../types';

/** The advocate's training: whether they may share, and every module that applies to them. */
export function TrainingPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('training.title') }));
  const training = useMyTraining();

  return (
    <Stack gap="lg" maw={820}>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('training.title')}
        </Title>
        <Text c="dimmed">{t('training.intro')}</Text>
      </Stack>
      <ReadinessBanner />
      <Title order={2} fz="h3">
        {t('training.modulesHeading')}
      </Title>
      {training.isError ? (
        <ProblemAlert error={training.error} title={t('training.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void training.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : training.isPending ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1, 2].map((row) => (
            <Skeleton key={row} h={132} radius="md" />
          ))}
        </Stack>
      ) : training.data.items.length === 0 ? (
        <Paper withBorder p="xl" radius="md" ta="center">
          <Text>{t('training.empty')}</Text>
        </Paper>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {training.data.items.map((item) => (
            <TrainingCard key={item.moduleId} item={item} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function TrainingCard({ item }: { item: TrainingItem }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" component="li" aria-labelledby={`module-${item.moduleId}`}>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
        <Text fw={600} id={`module-${item.moduleId}`} style={{ overflowWrap: 'anywhere' }}>
          {item.title}
        </Text>
        <TrainingStatusBadge status={item.status} />
      </Group>
      <Group gap="xs" mt={6}>
        <TrainingKindBadges kind={item.kind} required={item.required} />
      </Group>
      <StatusLine item={item} />
      <Group mt="sm">
        <Button
          component={Link}
          to={`/training/${item.moduleId}`}
          variant={item.status === 'passed' ? 'light' : 'filled'}
          w={{ base: '100%', xs: 'auto' }}
          aria-label={`${t(actionKey(item))}: ${item.title}`}
        >
          {t(actionKey(item))}
        </Button>
      </Group>
    </Card>
  );
}

// Keys, not translated words: a `t` passed around as a parameter makes the compiler expand every key.
function actionKey(item: TrainingItem) {
  switch (item.status) {
    case 'passed':
      return 'training.actions.review' as const;
    case 'failed':
      return 'training.actions.retry' as const;
    case 'not_started':
      return item.kind === 'policy'
        ? ('training.actions.readPolicy' as const)
        : ('training.actions.start' as const);
    case 'expired':
    case 'outdated':
      return item.kind === 'policy'
        ? ('training.actions.readPolicyAgain' as const)
        : ('training.actions.takeAgain' as const);
  }
}
