import type { ComplianceSettings } from '@heimo/content';
import {
  DEFAULT_AUDIENCE_CEILING,
  DEFAULT_DAILY_CREDITED_SHARES,
  DEFAULT_DAILY_SUGGESTIONS,
  DEFAULT_FAN_BOARD,
  DEFAULT_SUGGESTION_ACCEPTED_POINTS,
  DEFAULT_UNVERIFIED_SHARE_POLICY,
  UNVERIFIED_SHARE_POLICIES,
  type UnverifiedSharePolicy,
  type FanBoardSetting,
  MAX_AUDIENCE_CEILING,
  MAX_CPM_MINOR,
  MAX_DAILY_CREDITED_SHARES,
  MAX_DAILY_SUGGESTIONS,
  MIN_AUDIENCE_CEILING,
  MIN_DAILY_CREDITED_SHARES,
  MIN_DAILY_SUGGESTIONS,
  NETWORK_IDS,
  type NetworkId,
  defaultCpmTable,
  isFanBoardSetting,
} from '@heimo/domain';

/**
 * How advocates disclose their tie to the organisation, per member kind: a hashtag (`#employee`,
 * `#ad`) or a short text (`Mainos`). An employee and a fan are tied differently, so each kind
 * carries its own; a caption always carries its sharer's.
 */
export interface DisclosureRule {
  /** When true a caption must carry its sharer's kind's disclosure to pass compliance. */
  required: boolean;
  employee: string;
  fan: string;
}

export interface PointsRules {
  share: number;
  uniqueClick: number;
  /** Unique-click points one share can earn at most. */
  uniqueClickCapPerShare: number;
  trainingPassed: number;
  /** Earned by a member whose suggested link a curator accepts. */
  suggestionAccepted: number;
}

export interface EarnedMediaRate {
  network: NetworkId;
  /** Cost per thousand impressions in minor units of `currency` (cents for EUR). */
  cpmMinor: number;
}

export interface EarnedMediaRules {
  /** ISO 4217 code. */
  currency: string;
  rates: EarnedMediaRate[];
}

/** The organisation's rules as every later capability reads them (defaults merged with stored values). */
export interface OrganisationSettings {
  disclosure: DisclosureRule;
  blockedTerms: string[];
  enabledNetworks: NetworkId[];
  points: PointsRules;
  earnedMedia: EarnedMediaRules;
  requiredTrainingModuleIds: string[];
  fourEyesApproval: boolean;
  fanProgrammeOpen: boolean;
  /** Admins must turn on two-step sign-in before they can do anything else. */
  requireTwoStepForAdmins: boolean;
  /** Credited shares per member per day in the organisation's time zone (`decideShareCredit`). */
  dailyCreditedShares: number;
  /** A reported audience above it per profile waits for an admin's confirmation (`decideAudience`). */
  audienceCeiling: number;
  /** What fans see on the leaderboards (`boardKindFor`): the fans' board only, or everyone's. */
  fanBoard: FanBoardSetting;
  /** Fans may suggest links too (employees always may). */
  fanSuggestions: boolean;
  /** Suggestions per member per day in the organisation's time zone. */
  dailySuggestions: number;
  /**
   * What a share on a connected network keeps when no post with its link was found within
   * `VERIFICATION_DEADLINE_MS` (connections module): `keep` its points and reach, or `revoke` them.
   */
  unverifiedSharePolicy: UnverifiedSharePolicy;
  /**
   * "Post for me": an advocate with an active connection on a network may have Heimo post a share
   * through the connected account, now or at a chosen time (connections module). Off by default.
   */
  postForMe: boolean;
}

export const MAX_BLOCKED_TERMS = 200;
export const MAX_BLOCKED_TERM_LENGTH = 100;
export const MAX_POINTS = 10_000;
/** 1 000 000 minor units: a CPM of 10 000 in the currency, far above any real media rate (@heimo/domain). */
export { MAX_CPM_MINOR };
export const MAX_REQUIRED_TRAINING = 100;

/** Estimated CPMs in euro cents from the network registry, until an organisation enters its own rates. */
const DEFAULT_CPM_MINOR = defaultCpmTable();

/**
 * Defaults for an organisation that has saved nothing:
 * - disclosure `#ad` for employees and fans alike, not required: `#ad` is the disclosure consumer
 *   authorities recognise for people rewarded by a brand (fans earn points); the organisation
 *   chooses its own, e.g. `#employee` for employees;
 * - no blocked terms; every network enabled;
 * - points: share 10, unique click 2 (at most 100 per share), training passed 25;
 * - earned media valued in EUR at the estimates above;
 * - no required training until training modules exist;
 * - four-eyes approval on (a curator's pack is approved by another), fan programme closed until an admin opens it;
 * - two-step sign-in optional for everyone, admins included, until an admin requires it;
 * - 10 credited shares per member per day, audiences above 50,000 per profile confirmed by an admin,
 *   and fans shown the fans' board only;
 * - suggestions: employees only, 5 per member per day, 15 points for an accepted one;
 * - a share on a connected network whose post is never found keeps its points (`keep`).
 */
export function defaultSettings(): OrganisationSettings {
  return {
    disclosure: { required: false, employee: '#ad', fan: '#ad' },
    blockedTerms: [],
    enabledNetworks: [...NETWORK_IDS],
    points: {
      share: 10,
      uniqueClick: 2,
      uniqueClickCapPerShare: 100,
      trainingPassed: 25,
      suggestionAccepted: DEFAULT_SUGGESTION_ACCEPTED_POINTS,
    },
    earnedMedia: {
      currency: 'EUR',
      rates: NETWORK_IDS.map((network) => ({ network, cpmMinor: DEFAULT_CPM_MINOR[network] })),
    },
    requiredTrainingModuleIds: [],
    fourEyesApproval: true,
    fanProgrammeOpen: false,
    requireTwoStepForAdmins: false,
    dailyCreditedShares: DEFAULT_DAILY_CREDITED_SHARES,
    audienceCeiling: DEFAULT_AUDIENCE_CEILING,
    fanBoard: DEFAULT_FAN_BOARD,
    fanSuggestions: false,
    dailySuggestions: DEFAULT_DAILY_SUGGESTIONS,
    unverifiedSharePolicy: DEFAULT_UNVERIFIED_SHARE_POLICY,
    postForMe: false,
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each stored field replaces its default when it has the default's type; anything else is ignored. */
function overlay<T extends object>(defaults: T, stored: unknown): T {
  if (!isRecord(stored)) return defaults;
  const out = { ...defaults } as Record<string, unknown>;
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = stored[key];
    if (value === undefined || value === null) continue;
    if (Array.isArray(fallback)) {
      if (Array.isArray(value)) out[key] = value;
    } else if (isRecord(fallback)) {
      out[key] = overlay(fallback, value);
    } else if (typeof value === typeof fallback) {
      out[key] = value;
    }
  }
  return out as T;
}

/**
 * A disclosure stored before disclosures per kind (`{ hashtag, required }`) read as the employees'
 * one; the migration `DisclosurePerMemberKind` rewrites stored settings the same way.
 */
function upgradeDisclosure(stored: unknown): unknown {
  if (!isRecord(stored) || !isRecord(stored.disclosure)) return stored;
  const { hashtag, ...disclosure } = stored.disclosure;
  if (typeof hashtag !== 'string' || typeof disclosure.employee === 'string') {
    return hashtag === undefined ? stored : { ...stored, disclosure };
  }
  return { ...stored, disclosure: { ...disclosure, employee: hashtag } };
}

const inRange = (value: number, min: number, max: number) =>
  Number.isSafeInteger(value) && value >= min && value <= max;

/** Defaults merged with what the organisation stored; a network without a stored rate keeps its default. */
export function mergeSettings(stored: unknown): OrganisationSettings {
  const defaults = defaultSettings();
  const merged = overlay(defaults, upgradeDisclosure(stored));
  const storedRates = new Map(
    merged.earnedMedia.rates
      .filter((rate) => isRecord(rate) && (NETWORK_IDS as readonly unknown[]).includes(rate.network))
      .map((rate) => [rate.network, rate.cpmMinor] as const),
  );
  merged.earnedMedia = {
    currency: merged.earnedMedia.currency,
    rates: defaults.earnedMedia.rates.map(({ network, cpmMinor }) => ({
      network,
      cpmMinor: storedRates.get(network) ?? cpmMinor,
    })),
  };
  merged.enabledNetworks = merged.enabledNetworks.filter((id) => NETWORK_IDS.includes(id));
  // Values outside the API's bounds (never written by it) read as the default.
  if (!inRange(merged.dailyCreditedShares, MIN_DAILY_CREDITED_SHARES, MAX_DAILY_CREDITED_SHARES))
    merged.dailyCreditedShares = defaults.dailyCreditedShares;
  if (!inRange(merged.audienceCeiling, MIN_AUDIENCE_CEILING, MAX_AUDIENCE_CEILING))
    merged.audienceCeiling = defaults.audienceCeiling;
  if (!isFanBoardSetting(merged.fanBoard)) merged.fanBoard = defaults.fanBoard;
  if (!inRange(merged.dailySuggestions, MIN_DAILY_SUGGESTIONS, MAX_DAILY_SUGGESTIONS))
    merged.dailySuggestions = defaults.dailySuggestions;
  if (!(UNVERIFIED_SHARE_POLICIES as readonly string[]).includes(merged.unverifiedSharePolicy))
    merged.unverifiedSharePolicy = defaults.unverifiedSharePolicy;
  if (!inRange(merged.points.suggestionAccepted, 0, MAX_POINTS))
    merged.points.suggestionAccepted = defaults.points.suggestionAccepted;
  return merged;
}

/** The rules a caption is checked against (`checkCaption` of @heimo/content), from the settings. */
export function complianceSettings(settings: OrganisationSettings): ComplianceSettings {
  return {
    disclosures: { employee: settings.disclosure.employee, fan: settings.disclosure.fan },
    disclosureRequired: settings.disclosure.required,
    blockedTerms: settings.blockedTerms,
  };
}
