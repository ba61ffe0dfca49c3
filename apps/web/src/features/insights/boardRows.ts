// The rows a leaderboard table shows: the top entries, then the caller's own entry when it falls
// below them, with a marker for the places skipped in between.

interface RankedEntry {
  rank: number;
  position: number;
  isCaller: boolean;
}

export type BoardRow<E> = { kind: 'entry'; entry: E; sharedRank: boolean } | { kind: 'gap'; skipped: number };

/** The top entries and, when it is not among them, the caller's entry after a gap. */
export function boardRows<E extends RankedEntry>(entries: readonly E[], me: E | null): BoardRow<E>[] {
  const shown = [...entries];
  const last = entries.at(-1);
  const rows: BoardRow<E>[] = [];
  const callerBelow = me !== null && !entries.some((entry) => entry.isCaller);
  if (callerBelow) shown.push(me);
  const rankCounts = new Map<number, number>();
  for (const entry of shown) rankCounts.set(entry.rank, (rankCounts.get(entry.rank) ?? 0) + 1);
  for (const entry of shown) {
    if (callerBelow && entry === me) {
      const skipped = me.position - (last?.position ?? 0) - 1;
      if (skipped > 0) rows.push({ kind: 'gap', skipped });
    }
    // A rank is shared when another shown entry has it, or when someone above the caller holds it too.
    const sharedRank = (rankCounts.get(entry.rank) ?? 0) > 1 || entry.rank !== entry.position;
    rows.push({ kind: 'entry', entry, sharedRank });
  }
  return rows;
}
