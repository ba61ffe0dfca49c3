import { comparedWith, trendOf, windowDays } from './change';

describe('the trend of a figure', () => {
  it('goes up or down with the sign of the change', () => {
    expect(trendOf(0.25)).toBe('up');
    expect(trendOf(-0.5)).toBe('down');
  });

  it('reads a change that rounds to 0.0 % as flat', () => {
    expect(trendOf(0)).toBe('flat');
    expect(trendOf(0.0004)).toBe('flat');
    expect(trendOf(-0.0004)).toBe('flat');
    expect(trendOf(0.0005)).toBe('up');
  });

  it('has none when there is nothing to compare with', () => {
    expect(trendOf(null)).toBe('none');
    expect(trendOf(Number.POSITIVE_INFINITY)).toBe('none');
  });
});

describe('the length of a window', () => {
  it('counts both ends', () => {
    expect(windowDays('2026-11-01', '2026-11-23')).toBe(23);
    expect(windowDays('2026-11-23', '2026-11-23')).toBe(1);
  });

  it('counts calendar days across a change of summer time', () => {
    expect(windowDays('2026-10-19', '2026-11-01')).toBe(14);
  });
});

describe('comparedWith', () => {
  it('names a year to date against the same days of the previous year', () => {
    expect(
      comparedWith({
        from: '2026-01-01',
        to: '2026-12-07',
        previousFrom: '2025-01-01',
        previousTo: '2025-12-07',
      }),
    ).toEqual({ yearBefore: true });
    expect(
      comparedWith({
        from: '2028-01-01',
        to: '2028-02-29',
        previousFrom: '2027-01-01',
        previousTo: '2027-02-28',
      }),
    ).toEqual({ yearBefore: true });
  });

  it('counts the days of any other window', () => {
    expect(
      comparedWith({
        from: '2026-11-01',
        to: '2026-11-23',
        previousFrom: '2026-10-09',
        previousTo: '2026-10-31',
      }),
    ).toEqual({ yearBefore: false, days: 23 });
  });
});
