import { Inject, Injectable, Logger } from '@nestjs/common';
import { renderChannelMessage } from '@heimo/content';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { guardedFetch, type OutboundPolicy, type OutboundResponse } from '../../infra/outbound/guarded-fetch';
import { OutboundError } from '../../infra/outbound/outbound.errors';
import { SecretBox } from '../../infra/security/secret-box';
import { isRetryableStatus } from './channel-kinds';
import { ChannelsRepository, type ClaimedPost, type PostOutcome } from './channels.repository';

/** The sealed URL's context: a value copied to another row does not open. */
export const channelUrlContext = (channelId: string) => `channel-url:${channelId}`;

export type PostResult = 'sent' | 'skipped' | 'retrying' | 'failed';

const POST_TIMEOUT_MS = 10_000;
/** Slack answers `ok`, Teams an empty 202: only the start of an answer is kept. */
const POST_MAX_BYTES = 16 * 1024;
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A receiver's answer that says why it refused, cut short (never the URL, which is the secret). */
function answerText(response: OutboundResponse): string {
  const body = response.body.toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200);
  return `The channel answered HTTP ${response.status}${body ? `: ${body}` : '.'}`;
}

/**
 * Posts one message. The post is claimed first (`queued`/`retrying` → `sending`, one UPDATE), so a
 * repeated job or a second worker sends nothing again. A server error, a rate limit or a network
 * failure is retried by the queue; a refusal (4xx), a private address or the last attempt fails the
 * post, and the channel shows the outcome.
 */
@Injectable()
export class ChannelPoster {
  private readonly logger = new Logger(ChannelPoster.name);

  constructor(
    private readonly channels: ChannelsRepository,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get policy(): OutboundPolicy {
    return {
      maxBytes: POST_MAX_BYTES,
      timeoutMs: POST_TIMEOUT_MS,
      allowedHosts: this.config.OUTBOUND_ALLOWED_HOSTS,
      // A webhook answers; it does not send us elsewhere.
      maxRedirects: 0,
    };
  }

  async send(
    postId: string,
    finalAttempt: boolean,
  ): Promise<{ result: PostResult; outcome: PostOutcome | null }> {
    const post = await this.channels.claimPost(postId);
    if (!post) return { result: 'skipped', outcome: null };
    let body: string;
    let url: string;
    try {
      body = JSON.stringify(renderChannelMessage(post.kind, post.message, post.locale, post.data));
      url = this.box.open(post.urlSealed, channelUrlContext(post.channelId));
    } catch (error) {
      // A message that cannot be rendered, or a URL that cannot be opened, never will be.
      return this.finish(post, {
        status: 'failed',
        responseStatus: null,
        lastError: `Not sent: ${reason(error)}`,
      });
    }
    let response: OutboundResponse;
    try {
      response = await guardedFetch(url, this.policy, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', accept: '*/*' },
        body,
        followRedirects: false,
      });
    } catch (error) {
      const retryable =
        !(error instanceof OutboundError) ||
        !['bad_url', 'bad_scheme', 'private_address'].includes(error.failure);
      const detail = error instanceof OutboundError ? error.detail : 'The channel could not be reached.';
      return this.finish(post, {
        status: retryable && !finalAttempt ? 'retrying' : 'failed',
        responseStatus: null,
        lastError: detail,
      });
    }
    if (response.status >= 200 && response.status <= 299)
      return this.finish(post, { status: 'sent', responseStatus: response.status, lastError: null });
    return this.finish(post, {
      status: isRetryableStatus(response.status) && !finalAttempt ? 'retrying' : 'failed',
      responseStatus: response.status,
      lastError: answerText(response),
    });
  }

  private async finish(
    post: ClaimedPost,
    outcome: PostOutcome,
  ): Promise<{ result: PostResult; outcome: PostOutcome }> {
    await this.channels.finishPost(post, {
      ...outcome,
      lastError: outcome.lastError?.slice(0, 1000) ?? null,
    });
    if (outcome.status !== 'sent')
      this.logger.warn(
        { postId: post.id, channelId: post.channelId, attempt: post.attempts, status: outcome.status },
        `channel post not sent: ${outcome.lastError ?? ''}`,
      );
    return { result: outcome.status, outcome };
  }
}
