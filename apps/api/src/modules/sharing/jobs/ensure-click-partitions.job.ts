/** Makes sure the click-event partitions of this month and the next two exist. Idempotent. */
export const ENSURE_CLICK_PARTITIONS_JOB = 'ensure-click-partitions';

export type EnsureClickPartitionsPayload = Record<string, never>;
