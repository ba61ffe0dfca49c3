import type { MemberKind } from '@heimo/domain';
import type { FieldError } from '../../infra/http/app-error';
import { LOCALES, type Locale } from '../members/entities/member.entity';

export const TRAINING_KINDS = ['course', 'policy'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const QUESTION_KINDS = ['single', 'multiple'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Text in one or more of the product's locales. */
export type LocaleText = Partial<Record<Locale, string>>;

export interface QuizOption {
  id: string;
  text: LocaleText;
  correct: boolean;
}

export interface QuizQuestion {
  id: string;
  kind: QuestionKind;
  text: LocaleText;
  options: QuizOption[];
  /** Why the right answer is right: shown to a member who got the question wrong, never the key itself. */
  explanation?: LocaleText;
}

export interface Quiz {
  /** Percent of questions answered right that passes, 1..100. */
  passMark: number;
  questions: QuizQuestion[];
}

export interface TrainingRequiredFor {
  kinds: MemberKind[];
  /** Empty: every team, and members without one. */
  teamIds: string[];
}

/** What a curator writes and members take; the draft and each published version have this shape. */
export interface TrainingContent {
  title: LocaleText;
  body: LocaleText;
  quiz: Quiz | null;
  validityDays: number | null;
  requiredFor: TrainingRequiredFor;
}

/** The locales the module is written in: those of its title. */
export function localesOf(content: Pick<TrainingContent, 'title'>): Locale[] {
  return LOCALES.filter((locale) => typeof content.title[locale] === 'string');
}

/** The member's locale when the module has it, else the organisation's default, else the first written. */
export function pickLocale(content: TrainingContent, preferred: readonly string[]): Locale {
  const available = localesOf(content);
  return (
    (preferred.find((locale) => available.includes(locale as Locale)) as Locale | undefined) ??
    available[0] ??
    'en'
  );
}

/**
 * The rules a DTO cannot state: every text in the title's locales, a kind that fits the quiz,
 * unique question and option ids, and a right number of correct options.
 */
export function contentErrors(kind: TrainingKind, content: TrainingContent): FieldError[] {
  const errors: FieldError[] = [];
  const locales = localesOf(content);
  const needLocales = (text: LocaleText, field: string) => {
    for (const locale of LOCALES) {
      const has = typeof text[locale] === 'string';
      if (has !== locales.includes(locale))
        errors.push({
          field: `${field}.${locale}`,
          code: has ? 'training.locale_not_in_title' : 'training.locale_missing',
          message: has
            ? `${field}.${locale} is written but the title has no ${locale}`
            : `${field}.${locale} is missing: the title is written in ${locale}`,
        });
    }
  };
  if (!locales.length)
    errors.push({
      field: 'title',
      code: 'training.locale_missing',
      message: 'title needs at least one locale',
    });
  needLocales(content.body, 'body');
  if (!content.quiz) return errors;
  if (kind === 'policy')
    errors.push({
      field: 'quiz',
      code: 'training.quiz_on_policy',
      message: 'a policy is accepted, not examined: only a course has a quiz',
    });
  const questionIds = new Set<string>();
  content.quiz.questions.forEach((question, q) => {
    const field = `quiz.questions.${q}`;
    if (questionIds.has(question.id))
      errors.push({
        field: `${field}.id`,
        code: 'training.duplicate_question_id',
        message: `${field}.id repeats an earlier question's id`,
      });
    questionIds.add(question.id);
    needLocales(question.text, `${field}.text`);
    if (question.explanation) needLocales(question.explanation, `${field}.explanation`);
    const optionIds = new Set<string>();
    question.options.forEach((option, o) => {
      if (optionIds.has(option.id))
        errors.push({
          field: `${field}.options.${o}.id`,
          code: 'training.duplicate_option_id',
          message: `${field}.options.${o}.id repeats an earlier option's id`,
        });
      optionIds.add(option.id);
      needLocales(option.text, `${field}.options.${o}.text`);
    });
    const correct = question.options.filter((option) => option.correct).length;
    if (correct === 0)
      errors.push({
        field: `${field}.options`,
        code: 'training.no_correct_option',
        message: `${field}.options has no correct option`,
      });
    else if (question.kind === 'single' && correct !== 1)
      errors.push({
        field: `${field}.options`,
        code: 'training.single_choice_needs_one_correct',
        message: `${field} is single choice: exactly one option must be correct`,
      });
  });
  return errors;
}
