// The module editor's form, and the way to and from what the API stores. The rules it is checked
// against are the API's own (`contentErrors` in @heimo/domain), so the editor and the server agree.
import {
  contentErrors,
  MEMBER_KINDS,
  TRAINING_LOCALES,
  type MemberKind,
  type QuestionKind,
  type TrainingContent,
  type TrainingContentError,
  type TrainingKind,
  type TrainingLocale,
} from '@heimo/domain';
import type { TrainingModule } from '../../types';

export { MEMBER_KINDS, TRAINING_LOCALES };
export type { TrainingLocale };

export type Texts = Record<TrainingLocale, string>;

export interface FormOption {
  /** The option's key in the module (stable across versions: attempts name it). */
  id: string;
  text: Texts;
  correct: boolean;
}

export interface FormQuestion {
  id: string;
  kind: QuestionKind;
  text: Texts;
  explanation: Texts;
  options: FormOption[];
}

export interface ModuleForm {
  kind: TrainingKind;
  /** The languages the module is written in. */
  locales: TrainingLocale[];
  title: Texts;
  body: Texts;
  hasQuiz: boolean;
  passMark: number | '';
  questions: FormQuestion[];
  /** Empty: the pass never expires. */
  validityDays: number | '';
  kinds: MemberKind[];
  teamIds: string[];
}

const noTexts = (): Texts => ({ en: '', fi: '' });

/** The next free key: `q1`, `q2`, … for questions, `a`, `b`, … for options. */
export function nextKey(taken: readonly string[], kind: 'question' | 'option'): string {
  for (let n = 0; ; n += 1) {
    const key = kind === 'question' ? `q${n + 1}` : optionKey(n);
    if (!taken.includes(key)) return key;
  }
}

function optionKey(n: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return letters.charAt(n) || `o${n + 1}`;
}

export function newOption(taken: readonly string[], correct = false): FormOption {
  return { id: nextKey(taken, 'option'), text: noTexts(), correct };
}

export function newQuestion(taken: readonly string[]): FormQuestion {
  return {
    id: nextKey(taken, 'question'),
    kind: 'single',
    text: noTexts(),
    explanation: noTexts(),
    options: [newOption([], true), newOption(['a'])],
  };
}

export function emptyForm(locale: TrainingLocale): ModuleForm {
  return {
    kind: 'course',
    locales: [locale],
    title: noTexts(),
    body: noTexts(),
    hasQuiz: true,
    passMark: 80,
    questions: [newQuestion([])],
    validityDays: 365,
    kinds: ['employee'],
    teamIds: [],
  };
}

const textsOf = (text: Partial<Texts> | undefined): Texts => ({ en: text?.en ?? '', fi: text?.fi ?? '' });

/** The draft as the form edits it. */
export function formOf(module: TrainingModule): ModuleForm {
  const locales = TRAINING_LOCALES.filter((locale) => typeof module.title[locale] === 'string');
  return {
    kind: module.kind,
    locales: locales.length ? locales : ['en'],
    title: textsOf(module.title),
    body: textsOf(module.body),
    hasQuiz: module.quiz !== null,
    passMark: module.quiz?.passMark ?? 80,
    questions: (module.quiz?.questions ?? []).map((question) => ({
      id: question.id,
      kind: question.kind,
      text: textsOf(question.text),
      explanation: textsOf(question.explanation),
      options: question.options.map((option) => ({
        id: option.id,
        text: textsOf(option.text),
        correct: option.correct,
      })),
    })),
    validityDays: module.validityDays ?? '',
    kinds: [...module.requiredFor.kinds],
    teamIds: [...module.requiredFor.teamIds],
  };
}

/**
 * The content the API takes: only the module's languages; an explanation only where one is written in
 * some language (then every language needs it); the quiz only on a course that has one.
 */
export function contentOf(form: ModuleForm): TrainingContent {
  const pick = (texts: Texts) =>
    Object.fromEntries(form.locales.map((locale) => [locale, texts[locale].trim()])) as Partial<Texts>;
  const written = (texts: Texts) => form.locales.some((locale) => texts[locale].trim() !== '');
  return {
    title: pick(form.title),
    body: pick(form.body),
    quiz:
      form.kind === 'course' && form.hasQuiz
        ? {
            passMark: form.passMark === '' ? Number.NaN : form.passMark,
            questions: form.questions.map((question) => ({
              id: question.id,
              kind: question.kind,
              text: pick(question.text),
              options: question.options.map((option) => ({
                id: option.id,
                text: pick(option.text),
                correct: option.correct,
              })),
              ...(written(question.explanation) ? { explanation: pick(question.explanation) } : {}),
            })),
          }
        : null,
    validityDays: form.validityDays === '' ? null : form.validityDays,
    requiredFor: { kinds: [...form.kinds], teamIds: [...form.teamIds] },
  };
}

/** The rules the form breaks, as the API would name them; `teamIds` checks the teams when known. */
export function formErrors(form: ModuleForm, teamIds?: ReadonlySet<string>): TrainingContentError[] {
  return contentErrors(form.kind, contentOf(form), teamIds ? { teamIds } : {});
}

/** Setting a correct option: a single-choice question keeps exactly one. */
export function markCorrect(question: FormQuestion, optionId: string, correct: boolean): FormQuestion {
  return {
    ...question,
    options: question.options.map((option) =>
      option.id === optionId
        ? { ...option, correct }
        : question.kind === 'single' && correct
          ? { ...option, correct: false }
          : option,
    ),
  };
}

/** Changing the kind: a single-choice question keeps only its first correct option. */
export function withKind(question: FormQuestion, kind: QuestionKind): FormQuestion {
  if (kind === 'multiple') return { ...question, kind };
  const first = question.options.findIndex((option) => option.correct);
  return {
    ...question,
    kind,
    options: question.options.map((option, i) => ({ ...option, correct: i === first })),
  };
}
