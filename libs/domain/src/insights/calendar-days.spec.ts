import { addDays, daysInRange, isCalendarDay, mondayOf } from './calendar-days';

describe('calendar days', () => {
  it('accepts real days written YYYY-MM-DD only', () => {
    expect(isCalendarDay('2026-11-23')).toBe(true);
    expect(isCalendarDay('2024-02-29')).toBe(true);
    for (const bad of [
      '2026-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-1-01',
      '26-01-01',
      '2026-01-01T00:00',
      '',
      20260101,
    ])
      expect(isCalendarDay(bad)).toBe(false);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-01', -1)).toBe('2026-10-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // a DST change in Europe: still one day
  });

  it('counts both ends', () => {
    expect(daysInRange('2026-11-01', '2026-11-23')).toBe(23);
    expect(daysInRange('2026-11-23', '2026-11-23')).toBe(1);
    expect(daysInRange('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysInRange('2026-11-02', '2026-11-01')).toBe(0);
  });

  it('finds the Monday of the week and the first of the year', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23'); // a Monday
    expect(mondayOf('2026-11-22')).toBe('2026-11-16'); // a Sunday
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('throws on a malformed day', () => {
    expect(() => addDays('2026/11/01', 1)).toThrow(RangeError);
  });
});
