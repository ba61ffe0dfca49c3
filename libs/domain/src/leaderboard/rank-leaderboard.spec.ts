import fc from 'fast-check';
import { rankLeaderboard } from './rank-leaderboard';

const row = (id: string, score: number, tieBreak?: string) => ({
  id,
  score,
  ...(tieBreak ? { tieBreak } : {}),
});

describe('rankLeaderboard', () => {
  it('ranks with shared ranks and skips after a tie (1, 2, 2, 4)', () => {
    const { top } = rankLeaderboard([row('a', 50), row('b', 40), row('c', 40), row('d', 10)], { top: 10 });
    expect(top.map((r) => [r.id, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('orders a tie by the tie-break, then by id, whatever the input order', () => {
    const rows = [row('z', 5, 'Aino'), row('y', 5, 'Bertta'), row('x', 5, 'Aino')];
    const { top } = rankLeaderboard(rows, { top: 3 });
    expect(top.map((r) => r.id)).toEqual(['x', 'z', 'y']);
    expect(top.map((r) => r.position)).toEqual([1, 2, 3]);
    expect(new Set(top.map((r) => r.rank))).toEqual(new Set([1]));
  });

  it('returns the caller’s own row when it falls outside the top N', () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(`m${i}`, 100 - i));
    const board = rankLeaderboard(rows, { top: 5, callerId: 'm17' });
    expect(board.top).toHaveLength(5);
    expect(board.callerInTop).toBe(false);
    expect(board.caller).toMatchObject({ id: 'm17', rank: 18, position: 18 });
    expect(board.total).toBe(20);
  });

  it('marks the caller as in the top N when they are', () => {
    const board = rankLeaderboard([row('a', 3), row('b', 2)], { top: 1, callerId: 'a' });
    expect(board).toMatchObject({ callerInTop: true, caller: { id: 'a', rank: 1 } });
  });

  it('returns no caller row when the caller has no score row', () => {
    expect(rankLeaderboard([row('a', 1)], { top: 3, callerId: 'ghost' }).caller).toBeNull();
  });

  it('handles an empty board and a top of zero', () => {
    expect(rankLeaderboard([], { top: 10 })).toEqual({ top: [], caller: null, callerInTop: false, total: 0 });
    expect(rankLeaderboard([row('a', 1)], { top: 0, callerId: 'a' })).toMatchObject({
      top: [],
      callerInTop: false,
    });
  });

  it('keeps the caller’s extra fields', () => {
    const board = rankLeaderboard([{ id: 'a', score: 1, name: 'Aino' }], { top: 1 });
    expect(board.top[0]?.name).toBe('Aino');
  });

  it('refuses a repeated id and a non-finite score', () => {
    expect(() => rankLeaderboard([row('a', 1), row('a', 2)], { top: 1 })).toThrow(RangeError);
    expect(() => rankLeaderboard([row('a', Number.NaN)], { top: 1 })).toThrow(RangeError);
  });

  describe('laws', () => {
    const rowsArb = fc
      .uniqueArray(
        fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), score: fc.integer({ min: 0, max: 6 }) }),
        {
          selector: (r) => r.id,
          maxLength: 40,
        },
      )
      .map((rows) => rows);

    it('gives every row rank = 1 + the number of strictly higher scores, so ties share a rank', () => {
      fc.assert(
        fc.property(rowsArb, (rows) => {
          const { top } = rankLeaderboard(rows, { top: rows.length });
          for (const r of top) expect(r.rank).toBe(1 + rows.filter((o) => o.score > r.score).length);
        }),
        { numRuns: 200 },
      );
    });

    it('never skips wrongly: a rank only jumps by the size of the tie before it', () => {
      fc.assert(
        fc.property(rowsArb, (rows) => {
          const { top } = rankLeaderboard(rows, { top: rows.length });
          top.forEach((r, i) => {
            if (i === 0) return expect(r.rank).toBe(1);
            const prev = top[i - 1]!;
            expect(r.score).toBeLessThanOrEqual(prev.score);
            expect(r.rank).toBe(r.score === prev.score ? prev.rank : i + 1);
          });
        }),
        { numRuns: 200 },
      );
    });

    it('gives the same order for any input order', () => {
      fc.assert(
        fc.property(
          rowsArb.chain((rows) =>
            fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length })),
          ),
          ([rows, shuffled]) => {
            const a = rankLeaderboard(rows, { top: rows.length }).top.map((r) => r.id);
            const b = rankLeaderboard(shuffled, { top: rows.length }).top.map((r) => r.id);
            expect(b).toEqual(a);
          },
        ),
        { numRuns: 200 },
      );
    });

    it('always finds the caller with the same rank as on the full board', () => {
      fc.assert(
        fc.property(
          rowsArb.filter((rows) => rows.length > 0),
          fc.nat({ max: 10 }),
          fc.nat(),
          (rows, topN, pick) => {
            const callerId = rows[pick % rows.length]!.id;
            const full = rankLeaderboard(rows, { top: rows.length }).top.find((r) => r.id === callerId);
            const board = rankLeaderboard(rows, { top: topN, callerId });
            expect(board.caller).toEqual(full);
            expect(board.callerInTop).toBe(board.top.some((r) => r.id === callerId));
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
