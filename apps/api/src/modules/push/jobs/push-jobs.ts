/** Sends one push message to one subscription. */
export const SEND_PUSH_JOB = 'send-push';
/** How many times a push message is tried before it is dropped. */
export const PUSH_ATTEMPTS = 5;

/** Only what the notification shows: nothing else of the member or the pack travels. */
export interface PushMessage {
  readonly title: string;
  readonly body: string;
  /** A path of the web app (`/feed?pack=…`), opened on a tap. */
  readonly url: string;
}

export interface SendPushPayload {
  readonly subscriptionId: string;
  readonly message: PushMessage;
}

/** BullMQ ids may not contain `:`. One job per cause and device: a repeated cause sends nothing again. */
export const sendPushJobId = (causeId: string, subscriptionId: string) =>
  `send-push_${causeId}_${subscriptionId}`;
