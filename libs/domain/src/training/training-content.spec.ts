import {
  contentErrors,
  materialVersionAfter,
  scoreQuiz,
  TRAINING_LIMITS,
  type TrainingContent,
} from './training-content';

const course = (): TrainingContent => ({
  title: { en: 'Sharing safely', fi: 'Turvallinen jakaminen' },
  body: { en: 'Body', fi: 'Sisältö' },
  quiz: {
    passMark: 50,
    questions: [
      {
        id: 'q1',
        kind: 'single',
        text: { en: 'Roadmap?', fi: 'Tiekartta?' },
        options: [
          { id: 'a', text: { en: 'Yes', fi: 'Kyllä' }, correct: false },
          { id: 'b', text: { en: 'No', fi: 'Ei' }, correct: true },
        ],
      },
      {
        id: 'q2',
        kind: 'multiple',
        text: { en: 'Public?', fi: 'Julkista?' },
        options: [
          { id: 'a', text: { en: 'Blog', fi: 'Blogi' }, correct: true },
          { id: 'b', text: { en: 'Press', fi: 'Tiedotteet' }, correct: true },
          { id: 'c', text: { en: 'Pay', fi: 'Palkat' }, correct: false },
        ],
      },
    ],
  },
  validityDays: 365,
  requiredFor: { kinds: ['employee'], teamIds: [] },
});

const codes = (content: TrainingContent, kind: 'course' | 'policy' = 'course', teamIds?: Set<string>) =>
  contentErrors(kind, content, teamIds ? { teamIds } : {}).map((error) => [error.field, error.code]);

describe('training content rules', () => {
  it('accepts a well-formed bilingual course', () => {
    expect(codes(course())).toEqual([]);
  });

  it('names a question without a correct answer, and a single choice with two', () => {
    const content = course();
    content.quiz!.questions[0]!.options.forEach((option) => (option.correct = true));
    content.quiz!.questions[1]!.options.forEach((option) => (option.correct = false));
    expect(codes(content)).toEqual([
      ['quiz.questions.0.options', 'training.single_choice_needs_one_correct'],
      ['quiz.questions.1.options', 'training.no_correct_option'],
    ]);
  });

  it.each([0, 101, 50.5, Number.NaN])('refuses a pass mark of %p', (passMark) => {
    const content = course();
    content.quiz!.passMark = passMark;
    expect(codes(content)).toEqual([['quiz.passMark', 'training.pass_mark_out_of_range']]);
  });

  it('refuses a body over the limit, empty texts, and texts in a language the title lacks', () => {
    const content = course();
    content.body.en = 'x'.repeat(TRAINING_LIMITS.bodyLength + 1);
    content.body.fi = '  ';
    content.title = { en: 'Only English' };
    expect(codes(content)).toEqual(
      expect.arrayContaining([
        ['body.en', 'training.text_too_long'],
        ['body.fi', 'training.locale_not_in_title'],
        ['quiz.questions.0.text.fi', 'training.locale_not_in_title'],
      ]),
    );
  });

  it('refuses a quiz on a policy, unknown kinds and teams, and validity out of range', () => {
    const content = course();
    content.validityDays = 0;
    content.requiredFor = { kinds: ['robot' as never], teamIds: ['t-1', 't-2'] };
    expect(codes(content, 'policy', new Set(['t-1']))).toEqual([
      ['quiz', 'training.quiz_on_policy'],
      ['validityDays', 'training.validity_out_of_range'],
      ['requiredFor.kinds.0', 'training.unknown_member_kind'],
      ['requiredFor.teamIds.1', 'team.not_found'],
    ]);
  });
});

describe('scoring a quiz', () => {
  it('scores exact matches, counts unanswered questions wrong, and passes at the pass mark', () => {
    const quiz = course().quiz;
    expect(scoreQuiz(quiz, [{ questionId: 'q1', optionIds: ['b'] }])).toEqual({
      score: 50,
      passed: true,
      wrong: ['q2'],
      errors: [],
    });
    expect(scoreQuiz(quiz, [{ questionId: 'q2', optionIds: ['a'] }]).passed).toBe(false);
  });

  it('reports answers that do not fit the quiz', () => {
    const result = scoreQuiz(course().quiz, [
      { questionId: 'q9', optionIds: ['a'] },
      { questionId: 'q1', optionIds: ['a', 'b'] },
    ]);
    expect(result.passed).toBe(false);
    expect(result.errors.map((error) => error.code)).toEqual([
      'training.unknown_question',
      'training.single_choice_one_option',
    ]);
  });
});

describe('publishing', () => {
  it('moves the material version on a material change and on the first publish only', () => {
    expect(materialVersionAfter({ materialVersion: 0 }, 1, 'correction')).toBe(1);
    expect(materialVersionAfter({ materialVersion: 1 }, 2, 'correction')).toBe(1);
    expect(materialVersionAfter({ materialVersion: 1 }, 3, 'material')).toBe(3);
  });
});
