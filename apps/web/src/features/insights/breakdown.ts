// The API lists every network of the registry in its breakdown, most of them with nothing.

/** Rows with any figure at all: the networks that had a share, a reach or a click in the window. */
export function withFigures<Row extends { shares: number; reach: number; clicks: number }>(
  rows: readonly Row[],
): Row[] {
  return rows.filter((row) => row.shares > 0 || row.reach > 0 || row.clicks > 0);
}
