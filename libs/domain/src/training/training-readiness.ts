export const MEMBER_KINDS = ['employee', 'fan'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

export const TRAINING_STATUSES = ['not_started', 'passed', 'failed', 'expired', 'outdated'] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

/** An instant as a Date or an ISO 8601 string (what JSON carries). */
export type Instant = Date | string;

const DAY_MS = 86_400_000;

/** A training module as the readiness rules need it. */
export interface TrainingModuleRule {
  readonly moduleId: string;
  /** The current published version. */
  readonly version: number;
  /**
   * The newest version published with the *material* flag, i.e. one that everyone must retake.
   * A pass of this version or later stays valid when later, non-material versions appear.
   * Defaults to `version` (every new version is material).
   */
  readonly materialVersion?: number;
  /** Days a pass stays valid (recertification); null for no expiry. */
  readonly validityDays: number | null;
  /** Whom the module is required for: member kinds, and optionally only some teams. */
  readonly requiredFor: {
    readonly kinds: readonly MemberKind[];
    /** Empty or absent: every team (and members without a team). */
    readonly teamIds?: readonly string[] | null;
  };
}

/** One attempt by the member. */
export interface TrainingCompletion {
  readonly moduleId: string;
  readonly version: number;
  readonly passed: boolean;
  readonly completedAt: Instant;
}

export interface TrainingMember {
  readonly kind: MemberKind;
  readonly teamId: string | null;
}

export interface ModuleTrainingStatus {
  readonly moduleId: string;
  readonly status: TrainingStatus;
  /** The module's current version. */
  readonly currentVersion: number;
  /** The version of the pass (or last attempt) the status is based on; null when not started. */
  readonly completedVersion: number | null;
  /** When the counted pass happened; null without a pass. */
  readonly passedAt: Date | null;
  /** When the counted pass stops being valid; null without a pass or without expiry. */
  readonly validUntil: Date | null;
}

export type TrainingBlockCode =
  'training.not_started' | 'training.failed' | 'training.expired' | 'training.outdated';

export interface TrainingBlock {
  readonly moduleId: string;
  readonly status: Exclude<TrainingStatus, 'passed'>;
  readonly code: TrainingBlockCode;
}

export interface TrainingReadiness {
  /** True only when every required module is `passed`. */
  readonly mayShare: boolean;
  readonly modules: readonly ModuleTrainingStatus[];
  /** The required modules that stop the member from sharing, in the order given. */
  readonly blocking: readonly TrainingBlock[];
}

function toMs(instant: Instant): number {
  const ms = instant instanceof Date ? instant.getTime() : Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return ms;
}

/** The modules this member must have passed before sharing (by kind, and team where the module names teams). */
export function requiredModulesFor<M extends TrainingModuleRule>(
  member: TrainingMember,
  modules: readonly M[],
): M[] {
  return modules.filter((module) => {
    const { kinds, teamIds } = module.requiredFor;
    if (!kinds.includes(member.kind)) return false;
    if (!teamIds || teamIds.length === 0) return true;
    return member.teamId !== null && teamIds.includes(member.teamId);
  });
}

/**
 * The member's status for one module at `now`:
 * 1. `passed` when a pass of the material version (or later) is still within its validity;
 * 2. otherwise `failed` when the latest attempt failed;
 * 3. otherwise, when the latest attempt was a pass: `outdated` if it predates the material version, else `expired`;
 * 4. `not_started` without attempts.
 * Attempts dated after `now` are ignored; a pass is valid until `passedAt + validityDays × 24 h` (exclusive).
 */
export function trainingStatus(
  module: TrainingModuleRule,
  completions: readonly TrainingCompletion[],
  now: Instant,
): ModuleTrainingStatus {
  const nowMs = toMs(now);
  const materialVersion = module.materialVersion ?? module.version;
  const validity = module.validityDays === null ? null : module.validityDays * DAY_MS;
  const attempts = completions
    .filter((c) => c.moduleId === module.moduleId)
    .map((c) => ({ version: c.version, passed: c.passed, at: toMs(c.completedAt) }))
    .filter((a) => a.at <= nowMs)
    .sort((a, b) => a.at - b.at);

  const base = { moduleId: module.moduleId, currentVersion: module.version };
  const validPasses = attempts.filter(
    (a) => a.passed && a.version >= materialVersion && (validity === null || nowMs < a.at + validity),
  );
  const best = validPasses[validPasses.length - 1];
  if (best) {
    return {
      ...base,
      status: 'passed',
      completedVersion: best.version,
      passedAt: new Date(best.at),
      validUntil: validity === null ? null : new Date(best.at + validity),
    };
  }

  const latest = attempts[attempts.length - 1];
  if (!latest)
    return { ...base, status: 'not_started', completedVersion: null, passedAt: null, validUntil: null };
  if (!latest.passed)
    return { ...base, status: 'failed', completedVersion: latest.version, passedAt: null, validUntil: null };
  return {
    ...base,
    status: latest.version < materialVersion ? 'outdated' : 'expired',
    completedVersion: latest.version,
    passedAt: new Date(latest.at),
    validUntil: validity === null ? null : new Date(latest.at + validity),
  };
}

/** Whether the member may share at `now`: every required module passed, else which modules block and why. */
export function trainingReadiness(input: {
  readonly required: readonly TrainingModuleRule[];
  readonly completions: readonly TrainingCompletion[];
  readonly now: Instant;
}): TrainingReadiness {
  const modules = input.required.map((module) => trainingStatus(module, input.completions, input.now));
  const blocking: TrainingBlock[] = [];
  for (const m of modules) {
    if (m.status !== 'passed')
      blocking.push({ moduleId: m.moduleId, status: m.status, code: `training.${m.status}` });
  }
  return { mayShare: blocking.length === 0, modules, blocking };
}
