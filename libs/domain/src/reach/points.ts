/** How many points each event earns; each organisation may override any of them. */
export interface PointsRules {
  readonly share: number;
  readonly uniqueClick: number;
  /** Cap on the points one share can earn from its clicks. */
  readonly maxClickPointsPerShare: number;
  readonly trainingPassed: number;
}

export const DEFAULT_POINTS_RULES: PointsRules = Object.freeze({
  share: 10,
  uniqueClick: 2,
  maxClickPointsPerShare: 100,
  trainingPassed: 25,
});

const RULE_KEYS = Object.keys(DEFAULT_POINTS_RULES) as (keyof PointsRules)[];

/** The defaults with the organisation's overrides on top; throws a RangeError for a value that is not a non-negative integer. */
export function resolvePointsRules(overrides?: Partial<PointsRules> | null): PointsRules {
  const rules = { ...DEFAULT_POINTS_RULES };
  for (const key of RULE_KEYS) {
    const value = overrides?.[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`points.${key} must be a non-negative integer`);
    rules[key] = value;
  }
  return Object.freeze(rules);
}

function count(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}

/** Points a share earns from its unique clicks, capped per share. */
export function clickPoints(uniqueClicks: number, rules: PointsRules = DEFAULT_POINTS_RULES): number {
  return Math.min(count(uniqueClicks, 'uniqueClicks') * rules.uniqueClick, rules.maxClickPointsPerShare);
}

/** Points of one share: the share itself plus its capped click points. */
export function sharePoints(uniqueClicks: number, rules: PointsRules = DEFAULT_POINTS_RULES): number {
  return rules.share + clickPoints(uniqueClicks, rules);
}

/**
 * Points to add when a share's unique clicks go from `before` to `after`; 0 once the cap is reached.
 * The click worker uses it to update rollups incrementally.
 */
export function clickPointsDelta(
  before: number,
  after: number,
  rules: PointsRules = DEFAULT_POINTS_RULES,
): number {
  return clickPoints(after, rules) - clickPoints(before, rules);
}

/** Points for passing training modules (each module counted once by the caller). */
export function trainingPoints(modulesPassed: number, rules: PointsRules = DEFAULT_POINTS_RULES): number {
  return count(modulesPassed, 'modulesPassed') * rules.trainingPassed;
}

/** A member's points: their shares (with unique clicks each) and the training modules they passed. */
export function memberPoints(
  input: { readonly shares: readonly { readonly uniqueClicks: number }[]; readonly modulesPassed: number },
  rules: PointsRules = DEFAULT_POINTS_RULES,
): number {
  let total = trainingPoints(input.modulesPassed, rules);
  for (const share of input.shares) total += sharePoints(share.uniqueClicks, rules);
  return total;
}
