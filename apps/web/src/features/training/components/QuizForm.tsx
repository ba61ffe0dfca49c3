import { Button, Checkbox, Group, Radio, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import type { Answer, QuizQuestion, QuizView } from '../types';
import { usePercent } from './usePercent';
import { choose, toAnswers, unansweredQuestions, type QuizChoices } from './quizAnswers';

/** What the form needs of a send: the attempt (`useAttemptQuiz`), or the editor's preview scoring it in place. */
export interface QuizAttempt {
  mutate: (answers: Answer[]) => void;
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

interface QuizFormProps {
  quiz: QuizView;
  attempt: QuizAttempt;
  /** Another try: move focus (and the view) to the first option. */
  focusFirst?: boolean;
}

/** Every question as large tappable cards; nothing is sent until each question has an answer. */
export function QuizForm({ quiz, attempt, focusFirst = false }: QuizFormProps) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const percent = usePercent();
  const [choices, setChoices] = useState<QuizChoices>({});
  const [missing, setMissing] = useState<readonly string[]>([]);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusFirst) form.current?.querySelector<HTMLElement>('[data-question] button')?.focus();
  }, [focusFirst]);

  const pick = (questionId: string, optionIds: readonly string[]) => {
    setChoices((current) => choose(quiz, current, questionId, optionIds));
    setMissing((current) => current.filter((id) => id !== questionId));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const unanswered = unansweredQuestions(quiz, choices);
    setMissing(unanswered);
    if (unanswered.length > 0) {
      form.current?.querySelector<HTMLElement>(`[data-question="${unanswered[0]}"] button`)?.focus();
      return;
    }
    attempt.mutate(toAnswers(quiz, choices));
  };

  return (
    <form noValidate onSubmit={submit} ref={form}>
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          {t('training.quiz.intro', { count: quiz.questions.length, passMark: percent(quiz.passMark) })}
        </Text>
        {quiz.questions.map((question, index) => (
          <div key={question.id} data-question={question.id}>
            <Question
              number={index + 1}
              question={question}
              chosen={choices[question.id] ?? []}
              onChange={(optionIds) => pick(question.id, optionIds)}
              error={
                missing.includes(question.id)
                  ? t('training.quiz.answerThis')
                  : fieldError(attempt.error, `answers.${index}`)
              }
            />
          </div>
        ))}
        {missing.length > 0 ? (
          <Text size="sm" c="red" role="alert">
            {t('training.quiz.unanswered', { count: missing.length })}
          </Text>
        ) : null}
        {attempt.isError ? (
          <ProblemAlert error={attempt.error} title={t('training.quiz.failedToSend')} />
        ) : null}
        <Group>
          <Button type="submit" loading={attempt.isPending} w={{ base: '100%', xs: 'auto' }}>
            {t('training.quiz.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface QuestionProps {
  number: number;
  question: QuizQuestion;
  chosen: readonly string[];
  onChange: (optionIds: readonly string[]) => void;
  error?: string;
}

function Question({ number, question, chosen, onChange, error }: QuestionProps) {
  const { t } = useTranslation();
  const label = t('training.quiz.question', { number, text: question.text });
  const description =
    question.kind === 'single' ? t('training.quiz.chooseOne') : t('training.quiz.chooseAll');

  if (question.kind === 'single')
    return (
      <Radio.Group
        label={label}
        description={description}
        value={chosen[0] ?? null}
        onChange={(value) => onChange([value])}
        error={error}
        styles={{ label: { fontWeight: 600, whiteSpace: 'normal' } }}
      >
        <Stack gap="xs" mt="xs">
          {question.options.map((option) => (
            <Radio.Card key={option.id} value={option.id} radius="md" p="sm" mih={44}>
              <Group wrap="nowrap" gap="sm" align="center">
                <Radio.Indicator />
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {option.text}
                </Text>
              </Group>
            </Radio.Card>
          ))}
        </Stack>
      </Radio.Group>
    );

  return (
    <Checkbox.Group
      label={label}
      description={description}
      value={[...chosen]}
      onChange={onChange}
      error={error}
      styles={{ label: { fontWeight: 600, whiteSpace: 'normal' } }}
    >
      <Stack gap="xs" mt="xs">
        {question.options.map((option) => (
          <Checkbox.Card key={option.id} value={option.id} radius="md" p="sm" mih={44}>
            <Group wrap="nowrap" gap="sm" align="center">
              <Checkbox.Indicator />
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {option.text}
              </Text>
            </Group>
          </Checkbox.Card>
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
