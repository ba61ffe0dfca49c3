/** Posts one message (a `chat_channel_posts` row). Idempotent: only a queued or retrying post is sent. */
export const POST_TO_CHANNEL_JOB = 'post-to-channel';
/** Every NOTIFICATION_TICK_SECONDS: the packs, boards and deadlines due in channels; lost jobs. */
export const CHANNEL_TICK_JOB = 'channel-tick';
/** How many times a post is tried before it is logged as failed. */
export const CHANNEL_POST_ATTEMPTS = 5;

export interface PostToChannelPayload {
  readonly postId: string;
}

/** BullMQ ids may not contain `:`. */
export const postJobId = (postId: string) => `channel-post_${postId}`;
