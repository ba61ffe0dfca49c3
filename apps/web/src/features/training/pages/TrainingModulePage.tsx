import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../../app/shell/NotFoundPage';
import { pageProblemOf } from '../../../app/shell/pageProblem';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { MarkdownBody } from '../components/MarkdownBody';
import { PolicyAcceptance } from '../components/PolicyAcceptance';
import { QuizForm } from '../components/QuizForm';
import { QuizResult } from '../components/QuizResult';
import { StatusLine } from '../components/StatusLine';
import { TrainingKindBadges } from '../components/TrainingKindBadge';
import { TrainingStatusBadge } from '../components/TrainingStatusBadge';
import { useAttemptQuiz } from '../hooks/useAttemptQuiz';
import { useTrainingModule } from '../hooks/useTrainingModule';
import type { TrainingModuleView } from '../types';

/** One module: its text in the member's language, then the quiz or the policy's "I accept". */
export function TrainingModulePage() {
  const { t } = useTranslation();
  const { moduleId = '' } = useParams();
  const module = useTrainingModule(moduleId);
  // A module the member cannot see is, to them, not there.
  const missing = module.isError && pageProblemOf(module.error, 'moduleId') !== null;
  useDocumentTitle(
    missing ? '' : t('app.documentTitle', { page: module.data?.title ?? t('training.title') }),
  );

  if (missing) return <NotFoundPage />;

  return (
    <Stack gap="lg" maw={820}>
      <div>
        <Button
          component={Link}
          to="/training"
          variant="subtle"
          px="xs"
          leftSection={<span aria-hidden>←</span>}
        >
          {t('training.allTraining')}
        </Button>
      </div>
      {module.isError ? (
        <ProblemAlert error={module.error} title={t('training.moduleLoadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void module.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : module.isPending ? (
        <Stack gap="md" role="status" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton h={40} w="70%" radius="md" />
          <Skeleton h={24} w="40%" radius="md" />
          <Skeleton h={280} radius="md" />
        </Stack>
      ) : (
        <ModuleView module={module.data} />
      )}
    </Stack>
  );
}

function ModuleView({ module }: { module: TrainingModuleView }) {
  const { t } = useTranslation();
  return (
    <>
      <Stack gap={6}>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }} style={{ overflowWrap: 'anywhere' }}>
          {module.title}
        </Title>
        <Group gap="xs">
          <TrainingStatusBadge status={module.status} />
          <TrainingKindBadges kind={module.kind} required={module.required} />
          <Text size="sm" c="dimmed">
            {t('training.version', { version: module.currentVersion })}
          </Text>
        </Group>
        <StatusLine item={module} />
      </Stack>
      <Paper
        withBorder
        radius="md"
        p={{ base: 'md', sm: 'lg' }}
        component="article"
        aria-label={module.title}
      >
        {module.body.trim() ? (
          <MarkdownBody source={module.body} />
        ) : (
          <Text c="dimmed">{t('training.emptyBody')}</Text>
        )}
      </Paper>
      <Stack gap="sm" component="section" aria-labelledby="module-action">
        <Title order={2} fz="h3" id="module-action">
          {module.kind === 'policy'
            ? t('training.policy.heading')
            : module.quiz
              ? t('training.quiz.heading')
              : t('training.complete.heading')}
        </Title>
        {module.kind === 'policy' ? (
          <PolicyAcceptance module={module} />
        ) : (
          <CourseCompletion module={module} />
        )}
      </Stack>
    </>
  );
}

/** A course: its quiz with the immediate result, or a plain "done" where it has no quiz. */
function CourseCompletion({ module }: { module: TrainingModuleView }) {
  const { t } = useTranslation();
  const attempt = useAttemptQuiz(module.moduleId);
  // Each try starts from a blank form.
  const [round, setRound] = useState(0);
  const [retaking, setRetaking] = useState(false);

  if (attempt.data)
    return (
      <QuizResult
        result={attempt.data}
        onRetry={() => {
          attempt.reset();
          setRound((value) => value + 1);
        }}
      />
    );

  if (module.status === 'passed' && !retaking)
    return (
      <Stack gap="sm">
        <Alert color="teal" variant="light" radius="md" role="status" title={t('training.complete.done')}>
          <StatusLine item={module} />
        </Alert>
        {module.quiz ? (
          <div>
            <Button variant="light" onClick={() => setRetaking(true)} w={{ base: '100%', xs: 'auto' }}>
              {t('training.quiz.takeAgain')}
            </Button>
          </div>
        ) : null}
      </Stack>
    );

  if (!module.quiz)
    return (
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="sm">
          {attempt.isError ? (
            <ProblemAlert error={attempt.error} title={t('training.quiz.failedToSend')} />
          ) : null}
          <Text size="sm">{t('training.complete.body')}</Text>
          <div>
            <Button
              loading={attempt.isPending}
              onClick={() => attempt.mutate([])}
              w={{ base: '100%', xs: 'auto' }}
            >
              {t('training.complete.submit')}
            </Button>
          </div>
        </Stack>
      </Paper>
    );

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <QuizForm key={round} quiz={module.quiz} attempt={attempt} focusFirst={round > 0} />
    </Paper>
  );
}
