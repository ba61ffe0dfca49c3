import { calendarRange, inMonthOf, shiftAnchor } from './calendarRange';

describe('calendarRange', () => {
  it('shows a week from Monday to Sunday', () => {
    expect(calendarRange('week', '2026-12-10')).toMatchObject({ from: '2026-12-07', to: '2026-12-13' });
    expect(calendarRange('week', '2026-12-10').days).toHaveLength(7);
  });

  it('shows the whole weeks around a month', () => {
    const december = calendarRange('month', '2026-12-10');
    expect(december).toMatchObject({ from: '2026-11-30', to: '2027-01-03' });
    expect(december.days).toHaveLength(35);
    // March 2027 starts on a Monday; a month starting on Sunday needs six weeks.
    expect(calendarRange('month', '2027-03-15').from).toBe('2027-03-01');
    expect(calendarRange('month', '2026-11-01').days).toHaveLength(42);
  });

  it('steps by weeks and months across years', () => {
    expect(shiftAnchor('week', '2026-12-30', 1)).toBe('2027-01-06');
    expect(shiftAnchor('month', '2026-12-30', 1)).toBe('2027-01-01');
    expect(shiftAnchor('month', '2027-01-31', -1)).toBe('2026-12-01');
    expect(inMonthOf('2026-12-01', '2026-11-30')).toBe(false);
  });
});
