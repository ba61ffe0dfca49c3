import { MEMBER_KINDS, type MemberKind } from './training-readiness';

/**
 * What a curator writes in a training module, and the rules it must meet. The API refuses a module
 * that breaks one (each error names its field and a code); the web editor checks the same rules as
 * the curator types, so both say the same thing in the same words.
 */

export const TRAINING_KINDS = ['course', 'policy'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const QUESTION_KINDS = ['single', 'multiple'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
/** The languages a module may be written in (the product's). */
export const TRAINING_LOCALES = ['en', 'fi'] as const;
export type TrainingLocale = (typeof TRAINING_LOCALES)[number];

export const TRAINING_LIMITS = Object.freeze({
  titleLength: 200,
  /** Characters of Markdown per locale. */
  bodyLength: 100_000,
  /** Characters of a question, an option or an explanation. */
  questionLength: 1_000,
  questions: 50,
  minOptions: 2,
  options: 10,
  minPassMark: 1,
  maxPassMark: 100,
  minValidityDays: 1,
  maxValidityDays: 3_650,
  teams: 100,
});

/** Question and option ids are the curator's short keys (`q1`, `a`), stable across versions. */
export const QUIZ_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/** Text in one or more of the product's locales. */
export type LocaleText = Partial<Record<TrainingLocale, string>>;

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

/** One broken rule: the dotted path of the field, a stable code, and a sentence for logs and APIs. */
export interface TrainingContentError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** The locales the module is written in: those of its title. */
export function localesOf(content: Pick<TrainingContent, 'title'>): TrainingLocale[] {
  return TRAINING_LOCALES.filter((locale) => typeof content.title[locale] === 'string');
}

/** The member's locale when the module has it, else the next preferred, else the first written. */
export function pickLocale(
  content: Pick<TrainingContent, 'title'>,
  preferred: readonly string[],
): TrainingLocale {
  const available = localesOf(content);
  return (
    (preferred.find((locale) => available.includes(locale as TrainingLocale)) as
      TrainingLocale | undefined) ??
    available[0] ??
    'en'
  );
}

export interface ContentCheckOptions {
  /**
   * The organisation's team ids: a team named in `requiredFor.teamIds` that is not among them is
   * `team.not_found`. Leave out to skip the check (the API checks against the database).
   */
  readonly teamIds?: ReadonlySet<string>;
}

/**
 * Every rule the module breaks, in field order: the title has a locale and every other text has
 * exactly the title's locales, lengths and counts within {@link TRAINING_LIMITS}, a quiz on a course
 * only, unique question and option ids, at least one correct option (exactly one for a single-choice
 * question), a pass mark of 1–100, a validity of 1–3,650 days or none, known member kinds and teams.
 */
export function contentErrors(
  kind: TrainingKind,
  content: TrainingContent,
  options: ContentCheckOptions = {},
): TrainingContentError[] {
  const errors: TrainingContentError[] = [];
  const push = (field: string, code: string, message: string) => errors.push({ field, code, message });
  const locales = localesOf(content);
  const checkText = (text: LocaleText | undefined, field: string, max: number) => {
    for (const locale of TRAINING_LOCALES) {
      const value = text?.[locale];
      const has = typeof value === 'string';
      if (has !== locales.includes(locale))
        push(
          `${field}.${locale}`,
          has ? 'training.locale_not_in_title' : 'training.locale_missing',
          has
            ? `${field}.${locale} is written but the title has no ${locale}`
            : `${field}.${locale} is missing: the title is written in ${locale}`,
        );
      else if (has && value.trim() === '')
        push(`${field}.${locale}`, 'training.text_empty', `${field}.${locale} is empty`);
      else if (has && value.length > max)
        push(
          `${field}.${locale}`,
          'training.text_too_long',
          `${field}.${locale} is longer than ${max} characters`,
        );
    }
  };

  if (!TRAINING_KINDS.includes(kind)) push('kind', 'training.unknown_kind', 'kind must be course or policy');
  if (!locales.length) push('title', 'training.locale_missing', 'title needs at least one locale');
  checkText(content.title, 'title', TRAINING_LIMITS.titleLength);
  checkText(content.body, 'body', TRAINING_LIMITS.bodyLength);

  if (content.quiz) quizErrors(kind, content.quiz, checkText, push);

  const days = content.validityDays;
  if (
    days !== null &&
    (!Number.isInteger(days) ||
      days < TRAINING_LIMITS.minValidityDays ||
      days > TRAINING_LIMITS.maxValidityDays)
  )
    push(
      'validityDays',
      'training.validity_out_of_range',
      `validityDays must be a whole number of days from ${TRAINING_LIMITS.minValidityDays} to ${TRAINING_LIMITS.maxValidityDays}, or none`,
    );

  const seenKinds = new Set<string>();
  content.requiredFor.kinds.forEach((memberKind, i) => {
    if (!(MEMBER_KINDS as readonly string[]).includes(memberKind))
      push(
        `requiredFor.kinds.${i}`,
        'training.unknown_member_kind',
        `requiredFor.kinds.${i} is not a member kind`,
      );
    else if (seenKinds.has(memberKind))
      push(
        `requiredFor.kinds.${i}`,
        'training.duplicate_member_kind',
        `requiredFor.kinds.${i} repeats a kind`,
      );
    seenKinds.add(memberKind);
  });
  if (content.requiredFor.teamIds.length > TRAINING_LIMITS.teams)
    push(
      'requiredFor.teamIds',
      'training.too_many_teams',
      `requiredFor.teamIds names more than ${TRAINING_LIMITS.teams} teams`,
    );
  const known = options.teamIds;
  if (known)
    content.requiredFor.teamIds.forEach((teamId, i) => {
      if (!known.has(teamId.toLowerCase()))
        push(
          `requiredFor.teamIds.${i}`,
          'team.not_found',
          `requiredFor.teamIds.${i} is not a team of the organisation`,
        );
    });
  return errors;
}

function quizErrors(
  kind: TrainingKind,
  quiz: Quiz,
  checkText: (text: LocaleText | undefined, field: string, max: number) => void,
  push: (field: string, code: string, message: string) => void,
): void {
  if (kind === 'policy')
    push('quiz', 'training.quiz_on_policy', 'a policy is accepted, not examined: only a course has a quiz');
  if (
    !Number.isInteger(quiz.passMark) ||
    quiz.passMark < TRAINING_LIMITS.minPassMark ||
    quiz.passMark > TRAINING_LIMITS.maxPassMark
  )
    push(
      'quiz.passMark',
      'training.pass_mark_out_of_range',
      'quiz.passMark must be a whole percent from 1 to 100',
    );
  if (quiz.questions.length === 0)
    push('quiz.questions', 'training.quiz_without_questions', 'quiz.questions needs at least one question');
  if (quiz.questions.length > TRAINING_LIMITS.questions)
    push(
      'quiz.questions',
      'training.too_many_questions',
      `quiz.questions holds more than ${TRAINING_LIMITS.questions} questions`,
    );
  const questionIds = new Set<string>();
  quiz.questions.forEach((question, q) => {
    const field = `quiz.questions.${q}`;
    if (!QUIZ_KEY.test(question.id))
      push(`${field}.id`, 'training.bad_key', `${field}.id must be 1–40 letters, digits, - or _`);
    else if (questionIds.has(question.id))
      push(`${field}.id`, 'training.duplicate_question_id', `${field}.id repeats an earlier question's id`);
    questionIds.add(question.id);
    if (!(QUESTION_KINDS as readonly string[]).includes(question.kind))
      push(`${field}.kind`, 'training.unknown_question_kind', `${field}.kind must be single or multiple`);
    checkText(question.text, `${field}.text`, TRAINING_LIMITS.questionLength);
    if (question.explanation)
      checkText(question.explanation, `${field}.explanation`, TRAINING_LIMITS.questionLength);
    if (
      question.options.length < TRAINING_LIMITS.minOptions ||
      question.options.length > TRAINING_LIMITS.options
    )
      push(
        `${field}.options`,
        'training.option_count',
        `${field}.options needs ${TRAINING_LIMITS.minOptions} to ${TRAINING_LIMITS.options} options`,
      );
    const optionIds = new Set<string>();
    question.options.forEach((option, o) => {
      if (!QUIZ_KEY.test(option.id))
        push(
          `${field}.options.${o}.id`,
          'training.bad_key',
          `${field}.options.${o}.id must be 1–40 letters, digits, - or _`,
        );
      else if (optionIds.has(option.id))
        push(
          `${field}.options.${o}.id`,
          'training.duplicate_option_id',
          `${field}.options.${o}.id repeats an earlier option's id`,
        );
      optionIds.add(option.id);
      checkText(option.text, `${field}.options.${o}.text`, TRAINING_LIMITS.questionLength);
    });
    const correct = question.options.filter((option) => option.correct).length;
    if (correct === 0)
      push(`${field}.options`, 'training.no_correct_option', `${field}.options has no correct option`);
    else if (question.kind === 'single' && correct !== 1)
      push(
        `${field}.options`,
        'training.single_choice_needs_one_correct',
        `${field} is single choice: exactly one option must be correct`,
      );
  });
}

/** One answer: the question and the options chosen. */
export interface QuizAnswer {
  readonly questionId: string;
  readonly optionIds: readonly string[];
}

export interface QuizScore {
  /** Percent of questions right, rounded down. */
  readonly score: number;
  readonly passed: boolean;
  /** The ids of the questions answered wrong or not at all, in the quiz's order. */
  readonly wrong: string[];
  /** Answers that do not fit the quiz; when any, the score means nothing. */
  readonly errors: TrainingContentError[];
}

/**
 * Scores answers: a question is right when the chosen options are exactly its correct ones.
 * Unanswered questions count as wrong; answers naming unknown questions or options, repeating a
 * question, or giving a single-choice question other than one option are errors. No quiz: a pass.
 */
export function scoreQuiz(quiz: Quiz | null, answers: readonly QuizAnswer[]): QuizScore {
  const errors: TrainingContentError[] = [];
  const questions = new Map((quiz?.questions ?? []).map((q) => [q.id, q]));
  const seen = new Set<string>();
  const rightIds = new Set<string>();
  answers.forEach((answer, i) => {
    const question = questions.get(answer.questionId);
    if (!question) {
      errors.push({
        field: `answers.${i}.questionId`,
        code: 'training.unknown_question',
        message: `answers.${i}.questionId is not a question of this module`,
      });
      return;
    }
    if (seen.has(answer.questionId)) {
      errors.push({
        field: `answers.${i}.questionId`,
        code: 'training.duplicate_answer',
        message: `answers.${i}.questionId was answered already`,
      });
      return;
    }
    seen.add(answer.questionId);
    const optionIds = new Set(question.options.map((o) => o.id));
    if (answer.optionIds.some((id) => !optionIds.has(id))) {
      errors.push({
        field: `answers.${i}.optionIds`,
        code: 'training.unknown_option',
        message: `answers.${i}.optionIds names options the question does not have`,
      });
      return;
    }
    if (question.kind === 'single' && answer.optionIds.length !== 1) {
      errors.push({
        field: `answers.${i}.optionIds`,
        code: 'training.single_choice_one_option',
        message: `answers.${i}.optionIds must hold exactly one option: the question is single choice`,
      });
      return;
    }
    const correct = question.options.filter((o) => o.correct).map((o) => o.id);
    if (correct.length === answer.optionIds.length && correct.every((id) => answer.optionIds.includes(id)))
      rightIds.add(question.id);
  });
  if (!quiz || quiz.questions.length === 0)
    return { score: 100, passed: errors.length === 0, wrong: [], errors };
  const score = Math.floor((rightIds.size * 100) / quiz.questions.length);
  const wrong = quiz.questions.filter((q) => !rightIds.has(q.id)).map((q) => q.id);
  return { score, passed: errors.length === 0 && score >= quiz.passMark, wrong, errors };
}

/**
 * How a new version reaches members. A `material` change (and every first publish) outdates every
 * earlier pass: members must pass again before they may share. A `correction` (a typo, a broken
 * link) keeps their passes valid. Either way, training points are earned once per module.
 */
export const PUBLISH_KINDS = ['material', 'correction'] as const;
export type PublishKind = (typeof PUBLISH_KINDS)[number];

/** The material version after publishing `nextVersion` as `kind`. */
export function materialVersionAfter(
  current: { readonly materialVersion: number },
  nextVersion: number,
  kind: PublishKind,
): number {
  return kind === 'material' || current.materialVersion === 0 ? nextVersion : current.materialVersion;
}
