import fc from 'fast-check';
import {
  DEFAULT_POINTS_RULES,
  clickPoints,
  clickPointsDelta,
  memberPoints,
  resolvePointsRules,
  sharePoints,
  trainingPoints,
} from './points';

describe('points', () => {
  it('defaults to share 10, unique click 2 up to 100 per share, training 25', () => {
    expect(DEFAULT_POINTS_RULES).toEqual({
      share: 10,
      uniqueClick: 2,
      maxClickPointsPerShare: 100,
      trainingPassed: 25,
    });
  });

  it('gives a share 10 points plus 2 per unique click', () => {
    expect(sharePoints(0)).toBe(10);
    expect(sharePoints(7)).toBe(24);
  });

  it('caps click points at 100 per share', () => {
    expect(clickPoints(50)).toBe(100);
    expect(clickPoints(51)).toBe(100);
    expect(sharePoints(10_000)).toBe(110);
  });

  it('gives 25 points per training module passed', () => {
    expect(trainingPoints(3)).toBe(75);
  });

  it('adds a member’s shares and training', () => {
    expect(memberPoints({ shares: [{ uniqueClicks: 1 }, { uniqueClicks: 80 }], modulesPassed: 1 })).toBe(
      12 + 110 + 25,
    );
  });

  it('applies organisation overrides on top of the defaults', () => {
    const rules = resolvePointsRules({ share: 5, maxClickPointsPerShare: 10 });
    expect(rules).toEqual({ share: 5, uniqueClick: 2, maxClickPointsPerShare: 10, trainingPassed: 25 });
    expect(sharePoints(20, rules)).toBe(15);
  });

  it.each([{ share: -1 }, { uniqueClick: 1.5 }, { trainingPassed: Number.NaN }])(
    'refuses the override %p',
    (override) => {
      expect(() => resolvePointsRules(override)).toThrow(RangeError);
    },
  );

  it('refuses a negative click count', () => {
    expect(() => clickPoints(-1)).toThrow(RangeError);
  });

  it('adds up click deltas to the capped total, click by click', () => {
    fc.assert(
      fc.property(fc.nat({ max: 200 }), fc.nat({ max: 5 }), fc.nat({ max: 150 }), (clicks, perClick, cap) => {
        const rules = resolvePointsRules({ uniqueClick: perClick, maxClickPointsPerShare: cap });
        let total = 0;
        for (let i = 0; i < clicks; i++) {
          const delta = clickPointsDelta(i, i + 1, rules);
          expect(delta).toBeGreaterThanOrEqual(0);
          total += delta;
        }
        expect(total).toBe(clickPoints(clicks, rules));
        expect(total).toBeLessThanOrEqual(cap);
      }),
      { numRuns: 200 },
    );
  });
});
