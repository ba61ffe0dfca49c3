import type { PointsRules } from '../reach/points';

/** A click is unique when the visitor has no unique click on the same share within this window. */
export const UNIQUE_CLICK_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A human click waiting to be stored: `key` names the share and the visitor together. */
export interface ClickCandidate {
  readonly id: string;
  readonly key: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/**
 * Decides which clicks are unique: taken in time order (ties by id), a click is unique when no
 * unique click with the same key lies less than {@link UNIQUE_CLICK_WINDOW_MS} before or after it,
 * among the stored ones (`storedUniques`, times per key) and those of this batch already marked.
 * Looking both ways keeps the count right when an older click arrives late (a journal replayed
 * after an outage): it finds the later unique click and does not add a second one.
 */
export function markUniqueClicks(
  candidates: readonly ClickCandidate[],
  storedUniques: ReadonlyMap<string, readonly number[]>,
  windowMs: number = UNIQUE_CLICK_WINDOW_MS,
): Set<string> {
  const ordered = [...candidates].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const marked = new Map<string, number[]>();
  const unique = new Set<string>();
  for (const click of ordered) {
    const near = (times: readonly number[] | undefined) =>
      times !== undefined && times.some((t) => Math.abs(t - click.at) < windowMs);
    if (near(storedUniques.get(click.key)) || near(marked.get(click.key))) continue;
    unique.add(click.id);
    const list = marked.get(click.key);
    if (list) list.push(click.at);
    else marked.set(click.key, [click.at]);
  }
  return unique;
}

/**
 * Points the next unique click of a share earns when the share has already earned `awarded` click
 * points: the per-click points, cut to what is left under the per-share cap (never negative, so a
 * lowered cap takes nothing back).
 */
export function nextClickPoints(
  awarded: number,
  rules: Pick<PointsRules, 'uniqueClick' | 'maxClickPointsPerShare'>,
): number {
  return Math.max(0, Math.min(rules.uniqueClick, rules.maxClickPointsPerShare - awarded));
}
