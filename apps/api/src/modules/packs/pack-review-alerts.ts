import type { EntityManager } from 'typeorm';

/** A step of a pack's review that someone should hear of. */
export interface PackReviewStep {
  readonly organisationId: string;
  readonly packId: string;
  readonly packTitle: string;
  readonly action: 'submit' | 'approve' | 'reject';
  /** The pack's version after the step: with the recipient, a message's once-only key. */
  readonly version: number;
  readonly actorId: string;
  readonly comment: string | null;
  /** Everyone who wrote the pack (its `authorIds`). */
  readonly authorIds: readonly string[];
  /** With four-eyes on, authors cannot review: they are not asked to. */
  readonly fourEyesApproval: boolean;
}

/**
 * Who tells people of review steps (the notifications module provides it): packs never imports
 * notifications, whose planners read packs.
 */
export interface PackReviewAlerts {
  /** Queues the step's messages in the step's transaction; returns what to dispatch after the commit. */
  queue(manager: EntityManager, step: PackReviewStep): Promise<readonly (string | null)[]>;
  /** Sends the queued messages once the transaction has committed. */
  dispatch(ids: readonly (string | null)[]): Promise<void>;
}

export const PACK_REVIEW_ALERTS = Symbol('PACK_REVIEW_ALERTS');
