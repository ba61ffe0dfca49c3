export const PACK_STATES = ['draft', 'in_review', 'approved', 'published', 'expired', 'archived'] as const;
export type PackState = (typeof PACK_STATES)[number];

export const PACK_ACTIONS = [
  'submit',
  'withdraw',
  'approve',
  'reject',
  'publish',
  'expire',
  'archive',
] as const;
export type PackAction = (typeof PACK_ACTIONS)[number];

export const MEMBER_ROLES = ['advocate', 'curator', 'leader', 'admin'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Longest rejection comment, in UTF-16 units (the column and the form share it). */
export const PACK_COMMENT_MAX_LENGTH = 2000;

/** Who asks for a transition: a member with roles, or the scheduler (publish at / expire at jobs). */
export type PackActor =
  | { readonly kind: 'member'; readonly memberId: string; readonly roles: readonly MemberRole[] }
  | { readonly kind: 'system' };

export interface PackTransitionContext {
  readonly actor: PackActor;
  /**
   * Everyone who wrote the pack's content: its creator and whoever edited it since it was last a
   * draft. With four-eyes on, none of them may approve it.
   */
  readonly authorIds: readonly string[];
  /** The organisation's four-eyes setting. */
  readonly fourEyesApproval: boolean;
  /** Required to reject. */
  readonly comment?: string | null;
  /** Publishing a pack whose expiry has passed is refused; both are needed for that check. */
  readonly now?: Date;
  readonly expiresAt?: Date | null;
}

export type PackTransitionCode =
  | 'pack.transition_not_allowed'
  | 'pack.curator_required'
  | 'pack.four_eyes_required'
  | 'pack.comment_required'
  | 'pack.comment_too_long'
  | 'pack.already_expired';

export type PackTransitionDecision =
  | { readonly allowed: true; readonly from: PackState; readonly to: PackState; readonly action: PackAction }
  | {
      readonly allowed: false;
      readonly code: PackTransitionCode;
      readonly params: Readonly<Record<string, string | number>>;
    };

interface TransitionRule {
  readonly from: readonly PackState[];
  readonly to: PackState;
  /** The scheduler may run it (delayed publish and expiry jobs). */
  readonly system: boolean;
}

/**
 * The lifecycle. Decisions beyond the design: a curator may `withdraw` a pack from review back to
 * draft without a comment; `archived` is final (duplicate the pack to reuse it); a draft is deleted,
 * not archived. Which fields each state lets change is `editableFields` (pack-editing.ts).
 */
const TRANSITIONS: Readonly<Record<PackAction, TransitionRule>> = {
  submit: { from: ['draft'], to: 'in_review', system: false },
  withdraw: { from: ['in_review'], to: 'draft', system: false },
  approve: { from: ['in_review'], to: 'approved', system: false },
  reject: { from: ['in_review'], to: 'draft', system: false },
  publish: { from: ['approved'], to: 'published', system: true },
  // An approved pack whose expiry passes before it is published can no longer be published; it
  // expires from `approved` too, rather than staying there for ever.
  expire: { from: ['approved', 'published'], to: 'expired', system: true },
  archive: { from: ['approved', 'published', 'expired'], to: 'archived', system: false },
};

export function isPackState(value: unknown): value is PackState {
  return typeof value === 'string' && (PACK_STATES as readonly string[]).includes(value);
}

export function isPackAction(value: unknown): value is PackAction {
  return typeof value === 'string' && (PACK_ACTIONS as readonly string[]).includes(value);
}

function refuse(
  code: PackTransitionCode,
  params: Record<string, string | number> = {},
): PackTransitionDecision {
  return { allowed: false, code, params };
}

function decide(
  from: PackState,
  action: PackAction,
  ctx: PackTransitionContext,
  checkComment: boolean,
): PackTransitionDecision {
  const rule = isPackAction(action) ? TRANSITIONS[action] : undefined;
  if (!rule || !rule.from.includes(from)) return refuse('pack.transition_not_allowed', { from, action });

  const { actor } = ctx;
  if (actor.kind === 'system') {
    if (!rule.system) return refuse('pack.curator_required', { action });
  } else if (!actor.roles.includes('curator')) {
    return refuse('pack.curator_required', { action });
  }

  // Under four-eyes the review is someone else's: an author neither approves nor rejects their own
  // pack (they withdraw it to change it).
  if (
    (action === 'approve' || action === 'reject') &&
    ctx.fourEyesApproval &&
    actor.kind === 'member' &&
    ctx.authorIds.includes(actor.memberId)
  ) {
    return refuse('pack.four_eyes_required', { action });
  }

  if (action === 'reject' && checkComment) {
    const comment = ctx.comment?.trim() ?? '';
    if (comment.length === 0) return refuse('pack.comment_required');
    if (comment.length > PACK_COMMENT_MAX_LENGTH)
      return refuse('pack.comment_too_long', { limit: PACK_COMMENT_MAX_LENGTH });
  }

  if (action === 'publish' && ctx.now && ctx.expiresAt && ctx.expiresAt.getTime() <= ctx.now.getTime()) {
    return refuse('pack.already_expired');
  }

  return { allowed: true, from, to: rule.to, action };
}

/** Whether `action` may move a pack out of `from`, and to which state; or the code that says why not. */
export function canTransition(
  from: PackState,
  action: PackAction,
  ctx: PackTransitionContext,
): PackTransitionDecision {
  return decide(from, action, ctx, true);
}

/** Actions this actor may take on a pack in `from` (a rejection still needs its comment). */
export function availablePackActions(from: PackState, ctx: PackTransitionContext): PackAction[] {
  return PACK_ACTIONS.filter((action) => decide(from, action, ctx, false).allowed);
}

/** An action the pack's state offers that this actor may not take, and the code that says why. */
export interface UnavailablePackAction {
  readonly action: PackAction;
  readonly code: Exclude<PackTransitionCode, 'pack.transition_not_allowed'>;
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * What an editor shows of the lifecycle for one person: the actions they may take, and the
 * actions the pack's state offers that they may not, each with its reason (four-eyes, the curator
 * role, a passed expiry). Actions the state does not offer at all are in neither list.
 */
export function packActionChoices(
  from: PackState,
  ctx: PackTransitionContext,
): { readonly available: PackAction[]; readonly unavailable: UnavailablePackAction[] } {
  const available: PackAction[] = [];
  const unavailable: UnavailablePackAction[] = [];
  for (const action of PACK_ACTIONS) {
    const decision = decide(from, action, ctx, false);
    if (decision.allowed) available.push(action);
    else if (decision.code !== 'pack.transition_not_allowed') {
      unavailable.push({ action, code: decision.code, params: decision.params });
    }
  }
  return { available, unavailable };
}

/** Advocates see and share only published packs. */
export function isPackShareable(state: PackState): boolean {
  return state === 'published';
}
