import fc from 'fast-check';
import {
  DEFAULT_AUDIENCE_CEILING,
  boardKindFor,
  decideAudience,
  decideShareCredit,
  earnsClickPoints,
  shareCreditEffects,
  shareCreditOutlook,
} from './index';

describe('share credit', () => {
  it('credits the first share of a pack on a network', () => {
    expect(decideShareCredit({ creditedBefore: false, creditedToday: 0, dailyCap: 10 })).toEqual({
      credited: true,
      uncreditedReason: null,
    });
  });

  it('credits nothing for a later share of the same pack on the same network', () => {
    expect(decideShareCredit({ creditedBefore: true, creditedToday: 1, dailyCap: 10 })).toEqual({
      credited: false,
      uncreditedReason: 'repeat',
    });
  });

  it('credits nothing beyond the daily cap, naming a repeat first', () => {
    expect(
      decideShareCredit({ creditedBefore: false, creditedToday: 10, dailyCap: 10 }).uncreditedReason,
    ).toBe('daily_cap');
    expect(decideShareCredit({ creditedBefore: false, creditedToday: 9, dailyCap: 10 }).credited).toBe(true);
    expect(
      decideShareCredit({ creditedBefore: true, creditedToday: 10, dailyCap: 10 }).uncreditedReason,
    ).toBe('repeat');
  });

  it.each([-1, 1.5, Number.NaN])('refuses a count of %p', (n) => {
    expect(() => decideShareCredit({ creditedBefore: false, creditedToday: n, dailyCap: 10 })).toThrow(
      RangeError,
    );
    expect(() => decideShareCredit({ creditedBefore: false, creditedToday: 0, dailyCap: n })).toThrow(
      RangeError,
    );
  });

  it('adds share points and reach only for a credited share', () => {
    expect(shareCreditEffects({ credited: true }, { audienceSize: 500, sharePoints: 10 })).toEqual({
      shares: 1,
      reach: 500,
      points: 10,
    });
    expect(shareCreditEffects({ credited: false }, { audienceSize: 500, sharePoints: 10 })).toEqual({
      shares: 0,
      reach: 0,
      points: 0,
    });
  });

  it('lets clicks on a repeat earn click points (under the shared cap) but not on a share beyond the daily cap', () => {
    expect(earnsClickPoints(null)).toBe(true);
    expect(earnsClickPoints('repeat')).toBe(true);
    expect(earnsClickPoints('daily_cap')).toBe(false);
  });

  it('tells the card when crediting starts again', () => {
    const at = '2026-12-08T00:00:00.000+02:00';
    expect(
      shareCreditOutlook({ creditedBefore: false, creditedToday: 0, dailyCap: 1, nextDayStartsAt: at }),
    ).toEqual({
      willCredit: true,
    });
    expect(
      shareCreditOutlook({ creditedBefore: true, creditedToday: 0, dailyCap: 1, nextDayStartsAt: at }),
    ).toEqual({
      willCredit: false,
      reason: 'repeat',
    });
    expect(
      shareCreditOutlook({ creditedBefore: false, creditedToday: 1, dailyCap: 1, nextDayStartsAt: at }),
    ).toEqual({
      willCredit: false,
      reason: 'daily_cap',
      creditResumesAt: at,
    });
  });

  it('credits at most one share per (pack, network) and at most the cap per day, whatever the order', () => {
    const share = fc.record({ pack: fc.nat({ max: 5 }), network: fc.constantFrom('x', 'linkedin') });
    fc.assert(
      fc.property(fc.array(share, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (shares, cap) => {
        const credited = new Set<string>();
        for (const s of shares) {
          const key = `${s.pack}:${s.network}`;
          const credit = decideShareCredit({
            creditedBefore: credited.has(key),
            creditedToday: credited.size,
            dailyCap: cap,
          });
          if (credit.credited) credited.add(key);
        }
        expect(credited.size).toBeLessThanOrEqual(cap);
        expect(credited.size).toBe(Math.min(cap, new Set(shares.map((s) => `${s.pack}:${s.network}`)).size));
      }),
      { numRuns: 200 },
    );
  });
});

describe('counted audience', () => {
  const ceiling = DEFAULT_AUDIENCE_CEILING;

  it('counts a believable report as reported', () => {
    expect(decideAudience({ reported: 1200, counted: null, lowestRecent: null, ceiling })).toEqual({
      counted: 1200,
      pending: null,
    });
    expect(decideAudience({ reported: 2000, counted: 1000, lowestRecent: 1000, ceiling })).toEqual({
      counted: 2000,
      pending: null,
    });
  });

  it('holds a new profile above the ceiling at the ceiling until confirmed', () => {
    expect(decideAudience({ reported: 2_000_000_000, counted: null, lowestRecent: null, ceiling })).toEqual({
      counted: ceiling,
      pending: { size: 2_000_000_000, reason: 'ceiling' },
    });
  });

  it('holds an existing profile above the ceiling at its previous size', () => {
    expect(decideAudience({ reported: 60_000, counted: 40_000, lowestRecent: 40_000, ceiling }).counted).toBe(
      40_000,
    );
  });

  it('holds growth beyond twofold within the window at the previous size', () => {
    expect(decideAudience({ reported: 2001, counted: 1500, lowestRecent: 1000, ceiling })).toEqual({
      counted: 1500,
      pending: { size: 2001, reason: 'growth' },
    });
  });

  it('accepts a smaller report at once', () => {
    expect(decideAudience({ reported: 10, counted: 1000, lowestRecent: 1000, ceiling }).pending).toBeNull();
  });

  it('never counts more than the ceiling or the report', () => {
    const n = fc.nat({ max: 3_000_000 });
    fc.assert(
      fc.property(
        n,
        fc.option(n, { nil: null }),
        fc.option(n, { nil: null }),
        fc.integer({ min: 1, max: 2_000_000 }),
        (reported, counted, lowestRecent, cap) => {
          const decision = decideAudience({ reported, counted, lowestRecent, ceiling: cap });
          expect(decision.counted).toBeLessThanOrEqual(Math.max(cap, 0));
          expect(decision.counted).toBeLessThanOrEqual(reported);
          if (decision.pending === null) expect(decision.counted).toBe(reported);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("fans' board", () => {
  it('shows fans the fans-only board by default, whatever they ask for', () => {
    expect(boardKindFor('fan', 'fans_only', null)).toBe('fan');
    expect(boardKindFor('fan', 'fans_only', 'employee')).toBe('fan');
  });

  it('leaves employees, and fans of an organisation that shows everyone, their filter', () => {
    expect(boardKindFor('employee', 'fans_only', null)).toBeNull();
    expect(boardKindFor('employee', 'fans_only', 'fan')).toBe('fan');
    expect(boardKindFor('fan', 'everyone', null)).toBeNull();
  });
});
