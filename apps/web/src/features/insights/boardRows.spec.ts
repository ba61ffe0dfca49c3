import { boardRows } from './boardRows';

const entry = (rank: number, position: number, isCaller = false) => ({ rank, position, isCaller });

describe('the rows of a leaderboard', () => {
  it('shows the top entries alone when the caller is among them', () => {
    const entries = [entry(1, 1), entry(2, 2, true), entry(3, 3)];
    expect(boardRows(entries, entries[1] ?? null).map((row) => row.kind)).toEqual([
      'entry',
      'entry',
      'entry',
    ]);
  });

  it('adds the caller below the top after a gap naming the places skipped', () => {
    const me = entry(40, 41, true);
    const rows = boardRows([entry(1, 1), entry(2, 2)], me);
    expect(rows).toEqual([
      { kind: 'entry', entry: entry(1, 1), sharedRank: false },
      { kind: 'entry', entry: entry(2, 2), sharedRank: false },
      { kind: 'gap', skipped: 38 },
      { kind: 'entry', entry: me, sharedRank: true },
    ]);
  });

  it('adds the caller right after the top without a gap when they are next', () => {
    const me = entry(3, 3, true);
    expect(boardRows([entry(1, 1), entry(2, 2)], me).map((row) => row.kind)).toEqual([
      'entry',
      'entry',
      'entry',
    ]);
  });

  it('marks ranks that several entries share', () => {
    const rows = boardRows([entry(1, 1), entry(2, 2), entry(2, 3), entry(4, 4)], null);
    expect(rows.map((row) => row.kind === 'entry' && row.sharedRank)).toEqual([false, true, true, false]);
  });

  it('shows nothing of the caller when the filters leave them out', () => {
    expect(boardRows([entry(1, 1)], null)).toHaveLength(1);
  });
});
