import type { QuizView } from '../types';
import { choose, toAnswers, unansweredQuestions } from './quizAnswers';

const quiz: QuizView = {
  passMark: 100,
  questions: [
    {
      id: 'q1',
      kind: 'single',
      text: 'May you share a roadmap?',
      options: [
        { id: 'yes', text: 'Yes' },
        { id: 'no', text: 'No' },
      ],
    },
    {
      id: 'q2',
      kind: 'multiple',
      text: 'Which are public?',
      options: [
        { id: 'blog', text: 'The blog' },
        { id: 'press', text: 'Press releases' },
        { id: 'salary', text: 'Salaries' },
      ],
    },
  ],
};

describe('quiz answers', () => {
  it('lists the questions still without a choice, in quiz order', () => {
    expect(unansweredQuestions(quiz, {})).toEqual(['q1', 'q2']);
    expect(unansweredQuestions(quiz, { q2: ['blog'], q1: [] })).toEqual(['q1']);
  });

  it('sends one answer per question with options in quiz order', () => {
    expect(toAnswers(quiz, { q2: ['press', 'blog'], q1: ['no'] })).toEqual([
      { questionId: 'q1', optionIds: ['no'] },
      { questionId: 'q2', optionIds: ['blog', 'press'] },
    ]);
    expect(toAnswers(quiz, {})).toEqual([
      { questionId: 'q1', optionIds: [] },
      { questionId: 'q2', optionIds: [] },
    ]);
  });

  it('keeps one option for a single choice and ignores unknown questions and options', () => {
    let choices = choose(quiz, {}, 'q1', ['yes', 'no']);
    expect(choices).toEqual({ q1: ['no'] });
    choices = choose(quiz, choices, 'q2', ['salary', 'nope']);
    expect(choices).toEqual({ q1: ['no'], q2: ['salary'] });
    expect(choose(quiz, choices, 'q9', ['a'])).toBe(choices);
  });
});
