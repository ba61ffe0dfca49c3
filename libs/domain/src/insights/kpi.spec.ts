import { kpi, ratio, relativeChange } from './kpi';

describe('kpi', () => {
  it('gives the relative change, null without a base', () => {
    expect(kpi(150, 100)).toEqual({ value: 150, previous: 100, change: 0.5 });
    expect(kpi(50, 100).change).toBe(-0.5);
    expect(kpi(7, 0).change).toBeNull();
    expect(kpi(null, 3).change).toBeNull();
    expect(relativeChange(3, null)).toBeNull();
    expect(relativeChange(0, 4)).toBe(-1);
  });

  it('divides, null for a zero denominator', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 4)).toBe(0);
    expect(ratio(3, 0)).toBeNull();
  });
});
