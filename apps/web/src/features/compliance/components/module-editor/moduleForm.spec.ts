import { contentOf, emptyForm, formErrors, markCorrect, newQuestion, nextKey, withKind } from './moduleForm';

describe('the module editor form', () => {
  it('starts as a course with one question, and names what is missing by the API’s rules', () => {
    const form = emptyForm('en');
    expect(formErrors(form).map((error) => [error.field, error.code])).toEqual([
      ['title.en', 'training.text_empty'],
      ['body.en', 'training.text_empty'],
      ['quiz.questions.0.text.en', 'training.text_empty'],
      ['quiz.questions.0.options.0.text.en', 'training.text_empty'],
      ['quiz.questions.0.options.1.text.en', 'training.text_empty'],
    ]);
  });

  it('sends only the module’s languages, explanations only where written, and no quiz on a policy', () => {
    const form = { ...emptyForm('en'), locales: ['fi' as const] };
    form.title = { en: 'left over', fi: ' Otsikko ' };
    form.questions[0]!.explanation = { en: '', fi: '' };
    const content = contentOf(form);
    expect(content.title).toEqual({ fi: 'Otsikko' });
    expect(content.quiz?.questions[0]).not.toHaveProperty('explanation');
    expect(contentOf({ ...form, kind: 'policy' }).quiz).toBeNull();
    expect(contentOf({ ...form, validityDays: '' }).validityDays).toBeNull();
  });

  it('keeps one right option on a single-choice question', () => {
    const question = withKind(newQuestion([]), 'multiple');
    const both = markCorrect(question, 'b', true);
    expect(both.options.map((option) => option.correct)).toEqual([true, true]);
    expect(withKind(both, 'single').options.map((option) => option.correct)).toEqual([true, false]);
    expect(markCorrect(withKind(both, 'single'), 'b', true).options.map((o) => o.correct)).toEqual([
      false,
      true,
    ]);
  });

  it('gives new questions and options free keys', () => {
    expect(nextKey(['q1', 'q3'], 'question')).toBe('q2');
    expect(nextKey(['a', 'b'], 'option')).toBe('c');
  });
});
