import type { MemberKind } from '../training/training-readiness';

/**
 * What fans see on the leaderboards. `fans_only` (the default): a fan's boards and their CSV
 * downloads rank fans only, so employees' names never reach a fan. `everyone`: fans see the boards
 * as employees do.
 */
export const FAN_BOARD_SETTINGS = ['fans_only', 'everyone'] as const;
export type FanBoardSetting = (typeof FAN_BOARD_SETTINGS)[number];
export const DEFAULT_FAN_BOARD: FanBoardSetting = 'fans_only';

export function isFanBoardSetting(value: unknown): value is FanBoardSetting {
  return typeof value === 'string' && (FAN_BOARD_SETTINGS as readonly string[]).includes(value);
}

/**
 * The member kind a viewer's board is limited to: the filter asked for, except that a fan in an
 * organisation with `fans_only` always gets the fans' board.
 */
export function boardKindFor(
  viewer: MemberKind,
  setting: FanBoardSetting,
  requested: MemberKind | null,
): MemberKind | null {
  if (viewer === 'fan' && setting === 'fans_only') return 'fan';
  return requested;
}
