/** Every FEED_POLL_INTERVAL_MINUTES: queues one read per enabled source. */
export const POLL_FEEDS_JOB = 'poll-feeds';

/** Reads one source and imports its new items. Idempotent: items are keyed by (source, guid). */
export const FETCH_FEED_JOB = 'fetch-feed';

export interface FetchFeedPayload {
  readonly organisationId: string;
  readonly sourceId: string;
}

export type PollFeedsPayload = Record<string, never>;

/**
 * One read per source and slot (a poll interval, or `added`): two pollers or two workers queue the
 * same id, and BullMQ keeps one job. BullMQ ids may not contain `:`.
 */
export const fetchFeedJobId = (sourceId: string, slot: string | number) => `fetch-feed_${sourceId}_${slot}`;
