import { addDays } from '@heimo/domain';
import fc from 'fast-check';
import { bucketStart, bucketStarts, impactWindow } from './impact-window';

describe('impactWindow', () => {
  // Monday 23 November 2026, 20:00 in Helsinki (UTC+2).
  const now = new Date('2026-11-23T18:00:00Z');

  it.each([
    ['week', '2026-11-23', '2026-11-22', '2026-11-22', 'day'],
    ['month', '2026-11-01', '2026-10-09', '2026-10-31', 'day'],
    ['quarter', '2026-10-01', '2026-08-08', '2026-09-30', 'week'],
    // A year to date against the same days of the previous year (like for like).
    ['year', '2026-01-01', '2025-01-01', '2025-11-23', 'month'],
  ] as const)('%s runs from %s, compared with %s…%s, in %s buckets', (period, from, pf, pt, g) => {
    expect(impactWindow(period, 'Europe/Helsinki', now)).toEqual({
      from,
      to: '2026-11-23',
      previousFrom: pf,
      previousTo: pt,
      granularity: g,
    });
  });

  it('has no first day and no previous window for all', () => {
    expect(impactWindow('all', 'Europe/Helsinki', now)).toEqual({
      from: null,
      to: '2026-11-23',
      previousFrom: null,
      previousTo: null,
      granularity: 'month',
    });
  });

  it('reads today in the organisation’s zone', () => {
    // 23:30 UTC on 31 December is already the new year in Helsinki, not yet in Los Angeles.
    const instant = new Date('2026-12-31T23:30:00Z');
    expect(impactWindow('year', 'Europe/Helsinki', instant)).toMatchObject({
      from: '2027-01-01',
      to: '2027-01-01',
    });
    expect(impactWindow('year', 'America/Los_Angeles', instant)).toMatchObject({
      from: '2026-01-01',
      to: '2026-12-31',
    });
  });

  it('compares a year with the same days of the previous year, leap days included', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000));
    fc.assert(
      fc.property(day, (instant) => {
        const w = impactWindow('year', 'UTC', instant);
        const year = Number(w.to.slice(0, 4));
        expect(w.previousFrom).toBe(`${year - 1}-01-01`);
        // 29 February compares with 28 February; any other day with the same date.
        expect(w.previousTo).toBe(
          w.to.slice(5) === '02-29' ? `${year - 1}-02-28` : `${year - 1}-${w.to.slice(5)}`,
        );
      }),
    );
  });

  it('makes the previous window as long as the current one and end the day before', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000));
    fc.assert(
      fc.property(day, fc.constantFrom('week', 'month', 'quarter' as const), (instant, period) => {
        const w = impactWindow(period, 'UTC', instant);
        const length = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1;
        expect(length(w.previousFrom!, w.previousTo!)).toBe(length(w.from!, w.to));
        expect(addDays(w.previousTo!, 1)).toBe(w.from);
      }),
    );
  });
});

describe('buckets', () => {
  it('starts weeks on Monday and clips the first to the window', () => {
    // 1 October 2026 is a Thursday.
    expect(bucketStarts('2026-10-01', '2026-10-20', 'week')).toEqual([
      '2026-10-01',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
    ]);
    expect(bucketStart('2026-10-04', 'week', '2026-10-01')).toBe('2026-10-01');
    expect(bucketStart('2026-10-11', 'week', '2026-10-01')).toBe('2026-10-05');
  });

  it('starts months on the first, the first clipped', () => {
    expect(bucketStarts('2025-11-17', '2026-02-03', 'month')).toEqual([
      '2025-11-17',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
    ]);
    expect(bucketStart('2026-01-31', 'month', '2025-11-17')).toBe('2026-01-01');
  });

  it('has a bucket a day for days, and every day falls in one of the buckets listed', () => {
    expect(bucketStarts('2026-02-27', '2026-03-02', 'day')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom('day', 'week', 'month' as const),
        (start, span, granularity) => {
          const from = addDays('2021-01-01', start);
          const to = addDays(from, span);
          const starts = bucketStarts(from, to, granularity);
          expect(starts[0]).toBe(from);
          expect([...starts].sort()).toEqual(starts);
          for (let day = from; day <= to; day = addDays(day, 1))
            expect(starts).toContain(bucketStart(day, granularity, from));
        },
      ),
    );
  });
});
