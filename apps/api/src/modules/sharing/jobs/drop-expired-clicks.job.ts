/** Drops click-event partitions older than CLICK_RETENTION_MONTHS once their rollups agree (`ClickRetention`). */
export const DROP_EXPIRED_CLICKS_JOB = 'drop-expired-clicks';

export type DropExpiredClicksPayload = Record<string, never>;
