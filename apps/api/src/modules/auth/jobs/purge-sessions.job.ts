/** Deletes sessions that ended (expired or revoked) more than `graceDays` ago. Idempotent. */
export const PURGE_SESSIONS_JOB = 'purge-sessions';

export interface PurgeSessionsPayload {
  readonly graceDays: number;
}
