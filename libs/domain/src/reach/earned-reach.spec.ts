import fc from 'fast-check';
import { defaultCpmTable, getNetwork } from '../networks';
import {
  MAX_CPM_MINOR,
  amountToMinor,
  cpmMinorProblem,
  earnedMediaValue,
  earnedReach,
  isCurrencyCode,
  minorToAmount,
  minorToAmountText,
  shareReach,
} from './earned-reach';

describe('reach', () => {
  it('takes the audience snapshot as the reach of a share', () => {
    expect(shareReach({ audienceSize: 1234 })).toBe(1234);
  });

  it('sums reach over shares', () => {
    expect(earnedReach([{ reach: 100 }, { reach: 250 }, { reach: 0 }])).toBe(350);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a reach of %p', (reach) => {
    expect(() => earnedReach([{ reach }])).toThrow(RangeError);
  });
});

describe('amounts in currency units', () => {
  it("turns minor units into major units by the currency's digits", () => {
    expect(minorToAmount(123_456, 'EUR')).toBe(1234.56);
    expect(minorToAmount(1500, 'JPY')).toBe(1500);
    expect(minorToAmount(1_000, 'KWD')).toBe(1);
    expect(minorToAmountText(123_450, 'EUR')).toBe('1234.50');
    expect(minorToAmountText(0, 'EUR')).toBe('0.00');
    expect(minorToAmountText(1500, 'JPY')).toBe('1500');
    expect(minorToAmountText(1_234, 'KWD')).toBe('1.234');
  });
});

describe('earned media value', () => {
  const cpm = { linkedin: 1250, x: 600 }; // €12.50 and €6.00 per thousand

  it('is reach / 1000 × CPM per network, in minor units', () => {
    expect(
      earnedMediaValue(
        [
          { networkId: 'linkedin', reach: 2000 },
          { networkId: 'x', reach: 500 },
        ],
        cpm,
      ),
    ).toBe(2500 + 300);
  });

  it('rounds once, half up, at the end rather than per share', () => {
    // Each share alone is 0.6 cents; three together are 1.8 → 2 (per-share rounding would give 3).
    const rows = [1, 2, 3].map(() => ({ networkId: 'x', reach: 1 }));
    expect(earnedMediaValue(rows, cpm)).toBe(2);
    expect(earnedMediaValue([{ networkId: 'x', reach: 5 }], { x: 100 })).toBe(1); // 0.5 → 1
    expect(earnedMediaValue([{ networkId: 'x', reach: 4 }], { x: 100 })).toBe(0); // 0.4 → 0
  });

  it("values reach with the networks' default CPMs", () => {
    expect(earnedMediaValue([{ networkId: 'linkedin', reach: 1000 }], defaultCpmTable())).toBe(
      getNetwork('linkedin').defaultCpmMinor,
    );
  });

  it('adds nothing for a network without a rate', () => {
    expect(earnedMediaValue([{ networkId: 'reddit', reach: 1_000_000 }], cpm)).toBe(0);
  });

  it('stays exact for sums beyond 2^53', () => {
    const rows = Array.from({ length: 10 }, () => ({ networkId: 'linkedin', reach: 2 ** 50 }));
    expect(earnedMediaValue(rows, { linkedin: 1001 })).toBe(Number((10n * 2n ** 50n * 1001n + 500n) / 1000n));
  });

  it('gives the same total however the rows are split or ordered', () => {
    const row = fc.record({
      networkId: fc.constantFrom('linkedin', 'x', 'reddit'),
      reach: fc.nat({ max: 10_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const exact = rows.reduce(
          (sum, r) => sum + r.reach * ((cpm as Record<string, number>)[r.networkId] ?? 0),
          0,
        );
        expect(earnedMediaValue(rows, cpm)).toBe(Math.floor((exact + 500) / 1000));
        expect(earnedMediaValue([...rows].reverse(), cpm)).toBe(earnedMediaValue(rows, cpm));
      }),
      { numRuns: 200 },
    );
  });
});

describe('earned-media rates', () => {
  it('accepts whole CPMs from 0 to the maximum and names what is wrong with others', () => {
    expect(cpmMinorProblem(0)).toBeNull();
    expect(cpmMinorProblem(MAX_CPM_MINOR)).toBeNull();
    expect(cpmMinorProblem(MAX_CPM_MINOR + 1)).toBe('too_large');
    expect(cpmMinorProblem(-1)).toBe('negative');
    expect(cpmMinorProblem(1.5)).toBe('not_integer');
    expect(cpmMinorProblem(Number.NaN)).toBe('not_integer');
  });

  it('turns an amount into minor units by the currency’s digits, refusing finer amounts', () => {
    expect(amountToMinor(30.5, 'EUR')).toBe(3050);
    expect(amountToMinor(0.1 + 0.2, 'EUR')).toBe(30);
    expect(amountToMinor(30.505, 'EUR')).toBeNull();
    expect(amountToMinor(1500, 'JPY')).toBe(1500);
    expect(amountToMinor(1.5, 'JPY')).toBeNull();
    expect(amountToMinor(1.234, 'KWD')).toBe(1234);
    expect(amountToMinor(Number.POSITIVE_INFINITY, 'EUR')).toBeNull();
  });

  it('knows ISO 4217 codes', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('SEK')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('EURO')).toBe(false);
    expect(isCurrencyCode('€')).toBe(false);
    expect(isCurrencyCode('XYZ')).toBe(false);
  });
});
