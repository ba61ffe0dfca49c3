import { dayPieces, periodStart } from './period-pieces';

describe('dayPieces', () => {
  it('covers the 30 days to today with whole weeks (from Monday) and the days at the edge', () => {
    // 2026-11-08 is a Sunday, 2026-12-07 a Monday (today): its week to date is whole.
    expect(dayPieces('2026-11-08', '2026-12-07', '2026-12-07')).toEqual({
      periods: [
        { kind: 'week', start: '2026-11-09' },
        { kind: 'week', start: '2026-11-16' },
        { kind: 'week', start: '2026-11-23' },
        { kind: 'week', start: '2026-11-30' },
        { kind: 'week', start: '2026-12-07' },
      ],
      days: ['2026-11-08'],
    });
  });

  it('takes the largest period that fits, and a period past `to` only when `to` is today or later', () => {
    expect(dayPieces('2026-09-29', '2026-12-07', '2026-12-07')).toEqual({
      periods: [{ kind: 'quarter', start: '2026-10-01' }],
      days: ['2026-09-29', '2026-09-30'],
    });
    // `to` before today: December's first week runs past it, so its days are read one by one.
    expect(dayPieces('2026-10-31', '2026-12-07', '2026-12-20')).toEqual({
      periods: [{ kind: 'month', start: '2026-11-01' }],
      days: ['2026-10-31', ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-12-${d}`)],
    });
    expect(dayPieces('2025-01-01', '2025-12-31', '2026-12-07')).toEqual({
      periods: [{ kind: 'year', start: '2025-01-01' }],
      days: [],
    });
  });

  it('counts every day of the window exactly once', () => {
    const all = (from: string, to: string) => {
      const days: string[] = [];
      for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000)
        days.push(new Date(d).toISOString().slice(0, 10));
      return days;
    };
    const ends = (kind: 'year' | 'quarter' | 'month' | 'week', start: string, to: string) =>
      all(start, to).filter((day) => periodStart(kind, day) === start);
    for (const [from, to] of [
      ['2024-02-27', '2024-03-02'],
      ['2025-12-29', '2026-02-01'],
      ['2026-01-01', '2026-06-30'],
      ['2026-03-15', '2026-11-20'],
    ] as const) {
      const pieces = dayPieces(from, to, '2026-12-07');
      const covered = [
        ...pieces.periods.flatMap((piece) => ends(piece.kind, piece.start, to)),
        ...pieces.days,
      ].sort();
      expect([from, to, covered]).toEqual([from, to, all(from, to)]);
    }
  });
});
