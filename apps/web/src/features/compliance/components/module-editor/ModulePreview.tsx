import { Alert, Button, Group, List, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { scoreQuiz, type QuizScore, type TrainingContent, type TrainingKind } from '@heimo/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MarkdownBody } from '../../../training/components/MarkdownBody';
import { QuizForm } from '../../../training/components/QuizForm';
import { TrainingKindBadges } from '../../../training/components/TrainingKindBadge';
import { usePercent } from '../../../training/components/usePercent';
import type { Answer, QuizView } from '../../../training/types';
import type { TrainingLocale } from './moduleForm';
import { TALL_SEGMENTS } from './segments';

interface ModulePreviewProps {
  kind: TrainingKind;
  content: TrainingContent;
  locales: readonly TrainingLocale[];
}

/**
 * The module as an advocate reads it, in each of its languages: the same Markdown body and quiz
 * form as the training page. Answers are scored here by the server's rule and never sent.
 */
export function ModulePreview({ kind, content, locales }: ModulePreviewProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<TrainingLocale>(locales[0] ?? 'en');
  const locale = locales.includes(chosen) ? chosen : (locales[0] ?? 'en');
  const title = content.title[locale] ?? '';
  const body = content.body[locale] ?? '';
  const quiz = useMemo<QuizView | null>(
    () =>
      content.quiz
        ? {
            passMark: content.quiz.passMark,
            questions: content.quiz.questions.map((question) => ({
              id: question.id,
              kind: question.kind,
              text: question.text[locale] ?? '',
              options: question.options.map((option) => ({ id: option.id, text: option.text[locale] ?? '' })),
            })),
          }
        : null,
    [content.quiz, locale],
  );

  return (
    <Stack gap="md" lang={locale}>
      <Alert color="indigo" variant="light" radius="md">
        <Text size="sm">{t('compliance.editor.preview.note')}</Text>
      </Alert>
      {locales.length > 1 ? (
        <SegmentedControl
          aria-label={t('compliance.editor.preview.language')}
          data={locales.map((value) => ({ value, label: t(`compliance.editor.languages.${value}`) }))}
          value={locale}
          onChange={(value) => setChosen(value as TrainingLocale)}
          styles={TALL_SEGMENTS}
        />
      ) : null}
      <Stack gap={6}>
        <Title order={2} fz={{ base: 'h2', sm: 'h1' }} style={{ overflowWrap: 'anywhere' }}>
          {title || t('compliance.editor.untitled')}
        </Title>
        <TrainingKindBadges kind={kind} required={false} />
      </Stack>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="article" aria-label={title}>
        {body.trim() ? <MarkdownBody source={body} /> : <Text c="dimmed">{t('training.emptyBody')}</Text>}
      </Paper>
      {kind === 'policy' ? (
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="sm">
            <Text size="sm">{t('training.policy.confirm', { version: 1 })}</Text>
            <div>
              <Button disabled w={{ base: '100%', xs: 'auto' }}>
                {t('training.policy.accept')}
              </Button>
            </div>
          </Stack>
        </Paper>
      ) : quiz && quiz.questions.length > 0 ? (
        <PreviewQuiz key={locale} quiz={quiz} content={content} locale={locale} />
      ) : null}
    </Stack>
  );
}

function PreviewQuiz({
  quiz,
  content,
  locale,
}: {
  quiz: QuizView;
  content: TrainingContent;
  locale: TrainingLocale;
}) {
  const { t } = useTranslation();
  const percent = usePercent();
  const [round, setRound] = useState(0);
  const [result, setResult] = useState<QuizScore | null>(null);
  const attempt = {
    mutate: (answers: Answer[]) => setResult(scoreQuiz(content.quiz, answers)),
    isPending: false,
    isError: false,
    error: null,
  };
  const questions = new Map((content.quiz?.questions ?? []).map((question) => [question.id, question]));

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      {result ? (
        <Stack gap="sm" role="status" aria-live="polite">
          <Title order={3} c={result.passed ? 'teal.8' : 'red.8'}>
            {result.passed ? t('training.result.passed') : t('training.result.failed')}
          </Title>
          <Text size="sm">
            {t('training.result.score', { score: percent(result.score), passMark: percent(quiz.passMark) })}
          </Text>
          {result.wrong.length > 0 ? (
            <List spacing="xs" size="sm">
              {result.wrong.map((id) => (
                <List.Item key={id}>
                  <Text size="sm" fw={600}>
                    {questions.get(id)?.text[locale]}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {questions.get(id)?.explanation?.[locale]}
                  </Text>
                </List.Item>
              ))}
            </List>
          ) : null}
          <Group>
            <Button
              variant="light"
              onClick={() => {
                setResult(null);
                setRound((value) => value + 1);
              }}
            >
              {t('compliance.editor.preview.again')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <QuizForm key={round} quiz={quiz} attempt={attempt} />
      )}
    </Paper>
  );
}
