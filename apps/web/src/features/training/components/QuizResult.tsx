import { Button, Group, List, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AttemptResult } from '../types';
import { usePercent } from './usePercent';

interface QuizResultProps {
  result: AttemptResult;
  onRetry: () => void;
}

/** The score the server gave, against the pass mark, with the way on: try again or back to training. */
export function QuizResult({ result, onRetry }: QuizResultProps) {
  const { t } = useTranslation();
  const percent = usePercent();
  const colour = result.passed ? 'teal' : 'red';
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      role="status"
      aria-live="polite"
      aria-labelledby="quiz-result"
      style={{ borderColor: `var(--mantine-color-${colour}-4)` }}
    >
      <Stack gap="sm">
        <Title order={3} id="quiz-result" c={`${colour}.8`}>
          {result.passed ? t('training.result.passed') : t('training.result.failed')}
        </Title>
        <Text size="sm">
          {result.passMark === null
            ? t('training.result.completed')
            : t('training.result.score', {
                score: percent(result.score),
                passMark: percent(result.passMark),
              })}
        </Text>
        {result.passMark === null ? null : (
          <Progress
            value={result.score}
            color={colour}
            size="lg"
            radius="xl"
            aria-label={t('training.result.scoreLabel')}
          />
        )}
        <Text size="sm" c="dimmed">
          {result.passed ? t('training.result.passedBody') : t('training.result.failedBody')}
        </Text>
        {result.wrongQuestions.length > 0 ? (
          <Stack gap={6} component="section" aria-labelledby="quiz-wrong">
            <Title order={4} fz="md" id="quiz-wrong">
              {t('training.result.wrongHeading', { count: result.wrongQuestions.length })}
            </Title>
            <List spacing="xs" size="sm">
              {result.wrongQuestions.map((question) => (
                <List.Item key={question.id}>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {question.text}
                  </Text>
                  {question.explanation ? (
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {question.explanation}
                    </Text>
                  ) : null}
                </List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
        <Group gap="sm">
          {result.passed ? null : (
            <Button onClick={onRetry} w={{ base: '100%', xs: 'auto' }}>
              {t('training.result.retry')}
            </Button>
          )}
          <Button
            component={Link}
            to="/training"
            variant={result.passed ? 'filled' : 'default'}
            w={{ base: '100%', xs: 'auto' }}
          >
            {t('training.backToTraining')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
