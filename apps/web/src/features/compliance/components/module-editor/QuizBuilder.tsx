import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { TRAINING_LIMITS } from '@heimo/domain';
import { useTranslation } from 'react-i18next';
import {
  markCorrect,
  newOption,
  newQuestion,
  withKind,
  type FormQuestion,
  type ModuleForm,
  type TrainingLocale,
} from './moduleForm';
import { TALL_SEGMENTS } from './segments';

export type ErrorOf = (field: string, deep?: boolean) => string | undefined;

interface QuizBuilderProps {
  form: ModuleForm;
  set: <K extends keyof ModuleForm>(key: K, value: ModuleForm[K]) => void;
  errorOf: ErrorOf;
}

/** The course's quiz: questions with one or several right options, an explanation each, a pass mark. */
export function QuizBuilder({ form, set, errorOf }: QuizBuilderProps) {
  const { t } = useTranslation();
  const setQuestion = (index: number, question: FormQuestion) =>
    set(
      'questions',
      form.questions.map((q, i) => (i === index ? question : q)),
    );
  const move = (index: number, by: -1 | 1) => {
    const next = [...form.questions];
    const [question] = next.splice(index, 1);
    if (!question) return;
    next.splice(index + by, 0, question);
    set('questions', next);
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="module-quiz">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="module-quiz">
          {t('compliance.editor.quiz.heading')}
        </Title>
        <Switch
          label={t('compliance.editor.quiz.hasQuiz')}
          description={t('compliance.editor.quiz.hasQuizHint')}
          checked={form.hasQuiz}
          onChange={(event) => set('hasQuiz', event.currentTarget.checked)}
        />
        {form.hasQuiz ? (
          <>
            <NumberInput
              label={t('compliance.editor.quiz.passMark')}
              description={t('compliance.editor.quiz.passMarkHint')}
              min={TRAINING_LIMITS.minPassMark}
              max={TRAINING_LIMITS.maxPassMark}
              suffix=" %"
              allowDecimal={false}
              clampBehavior="none"
              hideControls
              value={form.passMark}
              onChange={(value) => set('passMark', value === '' ? '' : Number(value))}
              error={errorOf('quiz.passMark')}
              maw={240}
            />
            {errorOf('quiz.questions') ? (
              <Text size="sm" c="red" role="alert">
                {errorOf('quiz.questions')}
              </Text>
            ) : null}
            {form.questions.map((question, index) => (
              <QuestionEditor
                key={question.id}
                index={index}
                count={form.questions.length}
                question={question}
                locales={form.locales}
                onChange={(next) => setQuestion(index, next)}
                onMove={(by) => move(index, by)}
                onRemove={() =>
                  set(
                    'questions',
                    form.questions.filter((_, i) => i !== index),
                  )
                }
                errorOf={errorOf}
              />
            ))}
            <div>
              <Button
                variant="light"
                disabled={form.questions.length >= TRAINING_LIMITS.questions}
                onClick={() =>
                  set('questions', [...form.questions, newQuestion(form.questions.map((q) => q.id))])
                }
                w={{ base: '100%', xs: 'auto' }}
              >
                {t('compliance.editor.quiz.addQuestion')}
              </Button>
            </div>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

interface QuestionEditorProps {
  index: number;
  count: number;
  question: FormQuestion;
  locales: readonly TrainingLocale[];
  onChange: (question: FormQuestion) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  errorOf: ErrorOf;
}

function QuestionEditor({
  index,
  count,
  question,
  locales,
  onChange,
  onMove,
  onRemove,
  errorOf,
}: QuestionEditorProps) {
  const { t } = useTranslation();
  const field = `quiz.questions.${index}`;
  const number = index + 1;
  const languageLabel = (locale: TrainingLocale) =>
    locales.length > 1 ? ` (${t(`compliance.editor.languages.${locale}`)})` : '';
  const Correct = question.kind === 'single' ? Radio : Checkbox;

  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      bg="gray.0"
      role="group"
      aria-label={t('compliance.editor.quiz.question', { number })}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{t('compliance.editor.quiz.question', { number })}</Text>
          <Group gap={4}>
            <ActionIcon
              variant="subtle"
              size={44}
              disabled={index === 0}
              onClick={() => onMove(-1)}
              aria-label={t('compliance.editor.quiz.moveUp', { number })}
            >
              <span aria-hidden>↑</span>
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              size={44}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
              aria-label={t('compliance.editor.quiz.moveDown', { number })}
            >
              <span aria-hidden>↓</span>
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              size={44}
              onClick={onRemove}
              aria-label={t('compliance.editor.quiz.remove', { number })}
            >
              <span aria-hidden>✕</span>
            </ActionIcon>
          </Group>
        </Group>
        <SegmentedControl
          aria-label={t('compliance.editor.quiz.kind', { number })}
          data={[
            { value: 'single', label: t('compliance.editor.quiz.single') },
            { value: 'multiple', label: t('compliance.editor.quiz.multiple') },
          ]}
          value={question.kind}
          onChange={(value) => onChange(withKind(question, value as FormQuestion['kind']))}
          fullWidth
          styles={TALL_SEGMENTS}
        />
        {locales.map((locale) => (
          <TextInput
            key={locale}
            label={t('compliance.editor.quiz.text') + languageLabel(locale)}
            value={question.text[locale]}
            onChange={(event) =>
              onChange({ ...question, text: { ...question.text, [locale]: event.currentTarget.value } })
            }
            error={errorOf(`${field}.text.${locale}`)}
          />
        ))}
        <Text size="sm" fw={500}>
          {question.kind === 'single'
            ? t('compliance.editor.quiz.optionsSingle')
            : t('compliance.editor.quiz.optionsMultiple')}
        </Text>
        {question.options.map((option, o) => (
          <Group key={option.id} gap="xs" align="flex-start" wrap="nowrap">
            <Correct.Card
              checked={option.correct}
              onClick={() =>
                onChange(
                  markCorrect(question, option.id, question.kind === 'single' ? true : !option.correct),
                )
              }
              aria-label={t('compliance.editor.quiz.correct', { option: o + 1 })}
              radius="md"
              w={44}
              h={44}
              style={{ flex: 'none', display: 'grid', placeItems: 'center' }}
            >
              <Correct.Indicator />
            </Correct.Card>
            <Stack gap={4} style={{ flex: 1 }} miw={0}>
              {locales.map((locale) => (
                <TextInput
                  key={locale}
                  aria-label={t('compliance.editor.quiz.option', { option: o + 1 }) + languageLabel(locale)}
                  placeholder={t('compliance.editor.quiz.option', { option: o + 1 }) + languageLabel(locale)}
                  value={option.text[locale]}
                  onChange={(event) =>
                    onChange({
                      ...question,
                      options: question.options.map((other) =>
                        other.id === option.id
                          ? { ...other, text: { ...other.text, [locale]: event.currentTarget.value } }
                          : other,
                      ),
                    })
                  }
                  error={errorOf(`${field}.options.${o}.text.${locale}`)}
                />
              ))}
            </Stack>
            <ActionIcon
              variant="subtle"
              color="red"
              size={44}
              disabled={question.options.length <= TRAINING_LIMITS.minOptions}
              onClick={() =>
                onChange({ ...question, options: question.options.filter((other) => other.id !== option.id) })
              }
              aria-label={t('compliance.editor.quiz.removeOption', { option: o + 1 })}
            >
              <span aria-hidden>✕</span>
            </ActionIcon>
          </Group>
        ))}
        {errorOf(`${field}.options`) ? (
          <Text size="sm" c="red" role="alert">
            {errorOf(`${field}.options`)}
          </Text>
        ) : null}
        <div>
          <Button
            variant="subtle"
            disabled={question.options.length >= TRAINING_LIMITS.options}
            onClick={() =>
              onChange({
                ...question,
                options: [...question.options, newOption(question.options.map((option) => option.id))],
              })
            }
          >
            {t('compliance.editor.quiz.addOption')}
          </Button>
        </div>
        {locales.map((locale) => (
          <Textarea
            key={locale}
            label={t('compliance.editor.quiz.explanation') + languageLabel(locale)}
            description={locale === locales[0] ? t('compliance.editor.quiz.explanationHint') : undefined}
            autosize
            minRows={2}
            value={question.explanation[locale]}
            onChange={(event) =>
              onChange({
                ...question,
                explanation: { ...question.explanation, [locale]: event.currentTarget.value },
              })
            }
            error={errorOf(`${field}.explanation.${locale}`)}
          />
        ))}
      </Stack>
    </Paper>
  );
}
