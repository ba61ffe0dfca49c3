/** A row to rank: a member (or team) with a score. */
export interface LeaderboardRow {
  readonly id: string;
  readonly score: number;
  /** Orders rows that share a score (e.g. the display name); the id breaks any remaining tie. */
  readonly tieBreak?: string;
}

export type RankedRow<T extends LeaderboardRow> = T & {
  /** Competition rank: 1 + the number of rows with a strictly higher score (1, 2, 2, 4). */
  readonly rank: number;
  /** 1-based place in the stable order; unique per row. */
  readonly position: number;
};

export interface RankedLeaderboard<T extends LeaderboardRow> {
  /** The first `top` rows in order. */
  readonly top: readonly RankedRow<T>[];
  /** The caller's own row wherever it falls, or null when the caller has no row. */
  readonly caller: RankedRow<T> | null;
  readonly callerInTop: boolean;
  /** How many rows were ranked. */
  readonly total: number;
}

function compareText(a: string, b: string): number {
  // Code-unit order: the same on every runtime and locale, so pages never reshuffle between server and client.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranks rows by score, highest first, with competition ranking (ties share a rank, the next rank
 * skips: 1, 2, 2, 4). Rows with equal scores are ordered by `tieBreak`, then `id`. The top N is cut
 * by rows, not ranks, so a tie may straddle the cut; the caller's row is returned even outside it.
 * Throws a RangeError on a non-finite score or a repeated id.
 */
export function rankLeaderboard<T extends LeaderboardRow>(
  rows: readonly T[],
  options: { readonly top: number; readonly callerId?: string | null },
): RankedLeaderboard<T> {
  const seen = new Set<string>();
  for (const row of rows) {
    if (!Number.isFinite(row.score)) throw new RangeError(`Score of ${row.id} is not a finite number`);
    if (seen.has(row.id)) throw new RangeError(`Row id ${row.id} appears twice`);
    seen.add(row.id);
  }
  const top = Math.max(0, Math.floor(options.top));

  const ordered = [...rows].sort(
    (a, b) => b.score - a.score || compareText(a.tieBreak ?? '', b.tieBreak ?? '') || compareText(a.id, b.id),
  );

  const ranked: RankedRow<T>[] = [];
  let rank = 0;
  ordered.forEach((row, index) => {
    if (index === 0 || row.score !== ordered[index - 1]?.score) rank = index + 1;
    ranked.push({ ...row, rank, position: index + 1 });
  });

  const callerId = options.callerId ?? null;
  const caller = callerId === null ? null : (ranked.find((row) => row.id === callerId) ?? null);
  return {
    top: ranked.slice(0, top),
    caller,
    callerInTop: caller !== null && caller.position <= top,
    total: ranked.length,
  };
}
