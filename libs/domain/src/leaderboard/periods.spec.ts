import fc from 'fast-check';
import { isWithin, resolvePeriod, type Period } from './periods';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

describe('resolvePeriod', () => {
  it.each([
    // period, now, zone, current start, current end, previous start
    [
      'week',
      '2025-03-30T12:00:00Z',
      'Europe/Helsinki',
      '2025-03-23T22:00:00.000Z',
      '2025-03-30T21:00:00.000Z',
      '2025-03-16T22:00:00.000Z',
    ],
    [
      'week',
      '2025-03-30T21:30:00Z',
      'Europe/Helsinki',
      '2025-03-30T21:00:00.000Z',
      '2025-04-06T21:00:00.000Z',
      '2025-03-23T22:00:00.000Z',
    ],
    [
      'month',
      '2025-03-31T22:30:00Z',
      'Europe/Helsinki',
      '2025-03-31T21:00:00.000Z',
      '2025-04-30T21:00:00.000Z',
      '2025-02-28T22:00:00.000Z',
    ],
    [
      'month',
      '2024-02-10T00:00:00Z',
      'UTC',
      '2024-02-01T00:00:00.000Z',
      '2024-03-01T00:00:00.000Z',
      '2024-01-01T00:00:00.000Z',
    ],
    [
      'quarter',
      '2025-01-01T00:30:00Z',
      'America/New_York',
      '2024-10-01T04:00:00.000Z',
      '2025-01-01T05:00:00.000Z',
      '2024-07-01T04:00:00.000Z',
    ],
    [
      // 22:30 UTC on 31 December is already New Year in Helsinki (UTC+2 in winter).
      'year',
      '2025-12-31T22:30:00Z',
      'Europe/Helsinki',
      '2025-12-31T22:00:00.000Z',
      '2026-12-31T22:00:00.000Z',
      '2024-12-31T22:00:00.000Z',
    ],
    [
      'year',
      '2026-07-01T12:00:00Z',
      'America/Los_Angeles',
      '2026-01-01T08:00:00.000Z',
      '2027-01-01T08:00:00.000Z',
      '2025-01-01T08:00:00.000Z',
    ],
    [
      'quarter',
      '2025-08-15T00:00:00Z',
      'Asia/Tokyo',
      '2025-06-30T15:00:00.000Z',
      '2025-09-30T15:00:00.000Z',
      '2025-03-31T15:00:00.000Z',
    ],
    [
      'week',
      '2013-03-11T12:00:00Z',
      'America/Havana',
      '2013-03-11T04:00:00.000Z',
      '2013-03-18T04:00:00.000Z',
      '2013-03-04T05:00:00.000Z',
    ],
    [
      'month',
      '2011-12-30T12:00:00Z',
      'Pacific/Apia',
      '2011-12-01T10:00:00.000Z',
      '2011-12-31T10:00:00.000Z',
      '2011-11-01T10:00:00.000Z',
    ],
    [
      'week',
      '2025-06-01T12:00:00Z',
      'Asia/Kolkata',
      '2025-05-25T18:30:00.000Z',
      '2025-06-01T18:30:00.000Z',
      '2025-05-18T18:30:00.000Z',
    ],
  ] as const)('gives the %s around %s in %s', (period, now, timeZone, start, end, previousStart) => {
    const resolved = resolvePeriod(period, { now: new Date(now), timeZone });
    expect([iso(resolved.current.start), iso(resolved.current.end)]).toEqual([start, end]);
    expect([iso(resolved.previous?.start ?? null), iso(resolved.previous?.end ?? null)]).toEqual([
      previousStart,
      start,
    ]);
  });

  it('starts a local day at the DST transition where midnight is skipped', () => {
    // Havana skipped 00:00–01:00 on 2013-03-10; that Sunday began at 01:00 CDT = 05:00Z.
    const resolved = resolvePeriod('week', {
      now: new Date('2013-03-10T12:00:00Z'),
      timeZone: 'America/Havana',
      weekStartsOn: 0,
    });
    expect(iso(resolved.current.start)).toBe('2013-03-10T05:00:00.000Z');
  });

  it('starts weeks on Sunday when asked', () => {
    const resolved = resolvePeriod('week', {
      now: new Date('2025-06-04T12:00:00Z'),
      timeZone: 'UTC',
      weekStartsOn: 0,
    });
    expect(iso(resolved.current.start)).toBe('2025-06-01T00:00:00.000Z');
  });

  it('is unbounded with no previous period for all', () => {
    expect(resolvePeriod('all', { now: new Date(), timeZone: 'UTC' })).toMatchObject({
      current: { start: null, end: null },
      previous: null,
    });
  });

  it('refuses an unknown time zone, period or week start', () => {
    expect(() => resolvePeriod('week', { now: new Date(), timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => resolvePeriod('decade' as Period, { now: new Date(), timeZone: 'UTC' })).toThrow(RangeError);
    expect(() => resolvePeriod('week', { now: new Date(), timeZone: 'UTC', weekStartsOn: 7 })).toThrow(
      RangeError,
    );
    expect(() => resolvePeriod('week', { now: new Date(), timeZone: 'europe/helsinki' })).toThrow(RangeError);
  });

  it('always puts now inside the current period, right after the previous one', () => {
    const zones = [
      'Europe/Helsinki',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/Havana',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom<Period>('week', 'month', 'quarter', 'year'),
        fc.constantFrom(...zones),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2040-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (period, timeZone, now) => {
          const { current, previous } = resolvePeriod(period, { now, timeZone });
          expect(isWithin(now, current)).toBe(true);
          expect(previous?.end?.getTime()).toBe(current.start?.getTime());
          expect(previous!.start!.getTime()).toBeLessThan(previous!.end!.getTime());
          // The local wall clock reads midnight (or the first instant after a skipped midnight) at every boundary.
          const hour = new Intl.DateTimeFormat('en-GB', {
            timeZone,
            hour: '2-digit',
            hourCycle: 'h23',
          }).format(current.start!);
          expect(['00', '01']).toContain(hour);
        },
      ),
      { numRuns: 200 },
    );
  });
});
