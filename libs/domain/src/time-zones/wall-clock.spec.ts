import { localDateOf, moveToLocalDate, startOfLocalDate } from './wall-clock';

describe('local dates', () => {
  it('reads the day of an instant in the zone', () => {
    expect(localDateOf(new Date('2026-12-07T22:30:00Z'), 'Europe/Helsinki')).toBe('2026-12-08');
    expect(localDateOf(new Date('2026-12-07T22:30:00Z'), 'UTC')).toBe('2026-12-07');
  });

  it('starts a day at local midnight and refuses a day that is not one', () => {
    expect(startOfLocalDate('2026-12-08', 'Europe/Helsinki').toISOString()).toBe('2026-12-07T22:00:00.000Z');
    expect(() => startOfLocalDate('2026-02-30', 'UTC')).toThrow(RangeError);
  });
});

describe('moveToLocalDate', () => {
  it('keeps the time of day in the zone across a DST change', () => {
    // 09:30 in Helsinki in winter (+02:00) is 09:30 in summer (+03:00) too.
    const winter = new Date('2027-03-26T07:30:00.000Z');
    expect(moveToLocalDate(winter, '2027-03-29', 'Europe/Helsinki').toISOString()).toBe(
      '2027-03-29T06:30:00.000Z',
    );
  });

  it('moves to the local day even when that is another UTC day', () => {
    const lateEvening = new Date('2026-12-07T22:45:00.000Z'); // 00:45 on the 8th in Helsinki
    expect(moveToLocalDate(lateEvening, '2026-12-10', 'Europe/Helsinki').toISOString()).toBe(
      '2026-12-09T22:45:00.000Z',
    );
    expect(moveToLocalDate(lateEvening, '2026-12-10', 'UTC').toISOString()).toBe('2026-12-10T22:45:00.000Z');
  });

  it('moves a time the change skips forward by the gap', () => {
    // 03:30 does not exist in Helsinki on 28 March 2027 (03:00 → 04:00).
    const at = new Date('2027-03-27T01:30:00.000Z'); // 03:30 local the day before
    expect(moveToLocalDate(at, '2027-03-28', 'Europe/Helsinki').toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
  });
});
