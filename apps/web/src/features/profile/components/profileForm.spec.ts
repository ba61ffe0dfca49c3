import { MAX_AUDIENCE_SIZE, handleProblem, parseAudienceSize } from './profileForm';

describe('the profile form rules', () => {
  it('reads whole numbers with the grouping people type in each language', () => {
    expect(parseAudienceSize('1200', 'en')).toEqual({ value: 1200, problem: null });
    expect(parseAudienceSize(' 1,200 ', 'en')).toEqual({ value: 1200, problem: null });
    expect(parseAudienceSize('1 200', 'fi')).toEqual({ value: 1200, problem: null });
    expect(parseAudienceSize('1\u00A0200\u00A0000', 'fi')).toEqual({ value: 1_200_000, problem: null });
    expect(parseAudienceSize('0', 'fi')).toEqual({ value: 0, problem: null });
  });

  it('refuses what the API refuses: empty, fractions, words, negatives and more than two billion', () => {
    expect(parseAudienceSize('', 'en').problem).toBe('required');
    expect(parseAudienceSize('1.5', 'en').problem).toBe('notWhole');
    expect(parseAudienceSize('1,5', 'fi').problem).toBe('notWhole');
    expect(parseAudienceSize('12k', 'en').problem).toBe('notWhole');
    expect(parseAudienceSize('1e3', 'en').problem).toBe('notWhole');
    expect(parseAudienceSize('-5', 'en').problem).toBe('outOfRange');
    expect(parseAudienceSize(String(MAX_AUDIENCE_SIZE), 'en')).toEqual({
      value: MAX_AUDIENCE_SIZE,
      problem: null,
    });
    expect(parseAudienceSize(String(MAX_AUDIENCE_SIZE + 1), 'en').problem).toBe('outOfRange');
  });

  it('checks a handle as the API does', () => {
    expect(handleProblem('  @aino ')).toBeNull();
    expect(handleProblem('   ')).toBe('required');
    expect(handleProblem('a'.repeat(101))).toBe('tooLong');
    expect(handleProblem('@aino\u202E')).toBe('hiddenCharacters');
  });
});
