import { sameDayYearBefore } from './calendar-days';
import {
  bucketStart,
  bucketStarts,
  comparisonWindow,
  defaultGranularity,
  previousWindow,
  sameDaysYearBefore,
} from './dashboard-window';

describe('dashboard window', () => {
  it('compares with as many days just before', () => {
    expect(previousWindow({ from: '2026-11-01', to: '2026-11-23' })).toEqual({
      from: '2026-10-09',
      to: '2026-10-31',
    });
    expect(previousWindow({ from: '2026-11-23', to: '2026-11-23' })).toEqual({
      from: '2026-11-22',
      to: '2026-11-22',
    });
    expect(previousWindow({ from: '2024-03-01', to: '2024-03-31' })).toEqual({
      from: '2024-01-30',
      to: '2024-02-29',
    });
  });

  it('compares a year to date with the same days of the previous year', () => {
    // Not 25 January–31 December 2025 (as many days just before): 1 January–7 December 2025.
    expect(comparisonWindow({ from: '2026-01-01', to: '2026-12-07' }, 'year')).toEqual({
      from: '2025-01-01',
      to: '2025-12-07',
    });
    expect(sameDaysYearBefore({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
    // Other periods keep as many days just before.
    expect(comparisonWindow({ from: '2026-11-01', to: '2026-11-23' }, 'month')).toEqual({
      from: '2026-10-09',
      to: '2026-10-31',
    });
    expect(comparisonWindow({ from: '2026-11-01', to: '2026-11-23' }, null)).toEqual({
      from: '2026-10-09',
      to: '2026-10-31',
    });
  });

  it('finds the same days a year before across leap years', () => {
    // A leap day has no twin: 28 February of the year before.
    expect(sameDayYearBefore('2028-02-29')).toBe('2027-02-28');
    expect(sameDaysYearBefore({ from: '2028-01-01', to: '2028-02-29' })).toEqual({
      from: '2027-01-01',
      to: '2027-02-28',
    });
    // The year before a leap year's March holds its leap day: the same dates, one day more.
    expect(sameDaysYearBefore({ from: '2029-01-01', to: '2029-03-01' })).toEqual({
      from: '2028-01-01',
      to: '2028-03-01',
    });
    expect(sameDayYearBefore('2028-03-01')).toBe('2027-03-01');
    expect(sameDayYearBefore('2025-12-31')).toBe('2024-12-31');
    expect(() => sameDayYearBefore('2026-02-30')).toThrow(RangeError);
  });

  it('draws up to 62 days per day, longer windows per week', () => {
    expect(defaultGranularity({ from: '2026-01-01', to: '2026-03-03' })).toBe('day'); // 62 days
    expect(defaultGranularity({ from: '2026-01-01', to: '2026-03-04' })).toBe('week'); // 63 days
  });

  it('lists every day of a daily window', () => {
    expect(bucketStarts({ from: '2026-10-30', to: '2026-11-02' }, 'day')).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ]);
  });

  it('starts weeks on Monday, the first one clipped to the window', () => {
    const window = { from: '2026-11-01', to: '2026-11-23' }; // a Sunday to a Monday
    expect(bucketStarts(window, 'week')).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ]);
    expect(bucketStart('2026-11-01', window, 'week')).toBe('2026-11-01');
    expect(bucketStart('2026-11-08', window, 'week')).toBe('2026-11-02');
    expect(bucketStart('2026-11-23', window, 'week')).toBe('2026-11-23');
  });
});
