/**
 * The content rules live once in `@heimo/domain` (the web editor checks the same ones); the training
 * module reads them from here.
 */
export {
  QUESTION_KINDS,
  QUIZ_KEY,
  TRAINING_KINDS,
  TRAINING_LIMITS,
  contentErrors,
  localesOf,
  materialVersionAfter,
  pickLocale,
  scoreQuiz,
} from '@heimo/domain';
export type {
  LocaleText,
  QuestionKind,
  Quiz,
  QuizOption,
  QuizQuestion,
  TrainingContent,
  TrainingKind,
  TrainingRequiredFor,
} from '@heimo/domain';
