import fc from 'fast-check';
import { DEFAULT_POINTS_RULES } from '../reach/points';
import {
  type ClickCandidate,
  UNIQUE_CLICK_WINDOW_MS,
  markUniqueClicks,
  nextClickPoints,
} from './unique-clicks';

const HOUR = 3_600_000;
const click = (id: string, key: string, hours: number): ClickCandidate => ({ id, key, at: hours * HOUR });

describe('markUniqueClicks', () => {
  it('marks the first click of a visitor on a share and not a second one within 24 hours', () => {
    const unique = markUniqueClicks(
      [click('a', 'v1', 0), click('b', 'v1', 23.9), click('c', 'v2', 1)],
      new Map(),
    );
    expect([...unique].sort()).toEqual(['a', 'c']);
  });

  it('marks a click again once 24 hours have passed since the last unique one', () => {
    const unique = markUniqueClicks(
      [click('a', 'v1', 0), click('b', 'v1', 12), click('c', 'v1', 24)],
      new Map(),
    );
    expect([...unique].sort()).toEqual(['a', 'c']);
  });

  it('looks at stored unique clicks on both sides, so a late older click adds nothing', () => {
    const stored = new Map([['v1', [10 * HOUR]]]);
    expect(markUniqueClicks([click('late', 'v1', 2)], stored).size).toBe(0);
    expect(markUniqueClicks([click('later', 'v1', 35)], stored).size).toBe(1);
  });

  const clicks = fc.uniqueArray(
    fc.record({
      id: fc.uuid(),
      key: fc.constantFrom('v1', 'v2', 'v3'),
      at: fc.integer({ min: 0, max: 10 * 24 * HOUR }),
    }),
    { selector: (c) => c.id, maxLength: 60 },
  );

  it('never has two unique clicks of a visitor within the window, and every other click is near one', () => {
    fc.assert(
      fc.property(clicks, (list) => {
        const unique = markUniqueClicks(list, new Map());
        const uniques = list.filter((c) => unique.has(c.id));
        for (const a of uniques)
          for (const b of uniques)
            if (a !== b && a.key === b.key)
              expect(Math.abs(a.at - b.at)).toBeGreaterThanOrEqual(UNIQUE_CLICK_WINDOW_MS);
        for (const c of list.filter((x) => !unique.has(x.id)))
          expect(uniques.some((u) => u.key === c.key && Math.abs(u.at - c.at) < UNIQUE_CLICK_WINDOW_MS)).toBe(
            true,
          );
      }),
    );
  });

  it('does not depend on the order the clicks arrive in', () => {
    fc.assert(
      fc.property(clicks, (list) => {
        const reversed = markUniqueClicks([...list].reverse(), new Map());
        expect([...markUniqueClicks(list, new Map())].sort()).toEqual([...reversed].sort());
      }),
    );
  });
});

describe('nextClickPoints', () => {
  it('gives 2 points per unique click until the share has 100', () => {
    expect(nextClickPoints(0, DEFAULT_POINTS_RULES)).toBe(2);
    expect(nextClickPoints(98, DEFAULT_POINTS_RULES)).toBe(2);
    expect(nextClickPoints(99, DEFAULT_POINTS_RULES)).toBe(1);
    expect(nextClickPoints(100, DEFAULT_POINTS_RULES)).toBe(0);
    expect(nextClickPoints(130, DEFAULT_POINTS_RULES)).toBe(0);
  });

  it('adds up to the capped click points of the share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (uniqueClicks) => {
        let awarded = 0;
        for (let i = 0; i < uniqueClicks; i++) awarded += nextClickPoints(awarded, DEFAULT_POINTS_RULES);
        expect(awarded).toBe(Math.min(uniqueClicks * 2, 100));
      }),
    );
  });
});
