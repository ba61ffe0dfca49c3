/** Deletes fan sign-ups never confirmed whose 48-hour link has expired. Idempotent. */
export const PURGE_FAN_SIGNUPS_JOB = 'purge-fan-signups';

export type PurgeFanSignupsPayload = Record<string, never>;
