// The member's choices in a quiz, and the answers the attempts route takes from them.
import type { Answer, QuizView } from '../types';

/** Chosen option ids per question id. */
export type QuizChoices = Readonly<Record<string, readonly string[]>>;

/** Questions with nothing chosen yet, in quiz order: the API would count them as wrong. */
export function unansweredQuestions(quiz: QuizView, choices: QuizChoices): string[] {
  return quiz.questions
    .filter((question) => (choices[question.id] ?? []).length === 0)
    .map((question) => question.id);
}

/** One answer per question in quiz order, options in the order the quiz lists them. */
export function toAnswers(quiz: QuizView, choices: QuizChoices): Answer[] {
  return quiz.questions.map((question) => {
    const chosen = new Set(choices[question.id] ?? []);
    const optionIds = question.options.map((option) => option.id).filter((id) => chosen.has(id));
    return {
      questionId: question.id,
      optionIds: question.kind === 'single' ? optionIds.slice(0, 1) : optionIds,
    };
  });
}

/** A single-choice question keeps the last option picked; a multiple-choice one toggles it. */
export function choose(
  quiz: QuizView,
  choices: QuizChoices,
  questionId: string,
  optionIds: readonly string[],
): QuizChoices {
  const question = quiz.questions.find((candidate) => candidate.id === questionId);
  if (!question) return choices;
  const known = new Set(question.options.map((option) => option.id));
  const kept = optionIds.filter((id) => known.has(id));
  return { ...choices, [questionId]: question.kind === 'single' ? kept.slice(-1) : kept };
}
