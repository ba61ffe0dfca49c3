import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import webPush from 'web-push';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { guardedFetch, type OutboundPolicy } from '../../infra/outbound/guarded-fetch';
import { OutboundError } from '../../infra/outbound/outbound.errors';
import type { PushMessage } from './jobs/push-jobs';
import { PushRepository } from './push.repository';
import { VapidKeysProvider } from './vapid-keys';

/** How long a push service keeps a message for a device that is offline. */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;
const PUSH_TIMEOUT_MS = 10_000;

export type PushOutcome = 'sent' | 'gone' | 'skipped' | 'refused';

/** A failure worth another attempt (network, 429, 5xx). */
export class PushRetryError extends Error {}

/**
 * Sends one message with the `web-push` library's encryption (RFC 8291, aes128gcm) and VAPID
 * signature (RFC 8292), through the outbound policy (the endpoint is the browser's word: public
 * addresses only, checked after DNS). 404 or 410: the subscription is gone and is deleted.
 */
@Injectable()
export class PushSender {
  private readonly logger = new Logger(PushSender.name);
  private readonly policy: OutboundPolicy;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly push: PushRepository,
    private readonly keys: VapidKeysProvider,
  ) {
    this.policy = {
      maxBytes: 64 * 1024,
      timeoutMs: PUSH_TIMEOUT_MS,
      allowedHosts: config.OUTBOUND_ALLOWED_HOSTS,
      maxRedirects: 0,
      extraCa: config.PUSH_SERVICE_CA_FILE ? readFileSync(config.PUSH_SERVICE_CA_FILE, 'utf8') : undefined,
    };
  }

  async send(subscriptionId: string, message: PushMessage): Promise<PushOutcome> {
    const vapid = this.keys.get();
    const row = await this.push.sendable(subscriptionId);
    if (!vapid || !row || !row.enabled) return 'skipped';
    if (!row.sessionOpen) {
      await this.push.deleteById(row.id);
      return 'skipped';
    }
    const request = webPush.generateRequestDetails(
      { endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } },
      JSON.stringify(message),
      {
        vapidDetails: vapid,
        TTL: PUSH_TTL_SECONDS,
        contentEncoding: 'aes128gcm',
        urgency: 'normal',
      },
    );
    let status: number;
    try {
      const response = await guardedFetch(request.endpoint, this.policy, {
        method: 'POST',
        headers: request.headers as Record<string, string>,
        body: request.body ?? undefined,
        readBodyWhen: () => false,
      });
      status = response.status;
    } catch (error) {
      if (
        error instanceof OutboundError &&
        (error.failure === 'private_address' || error.failure === 'bad_scheme')
      ) {
        this.logger.warn(`push ${row.id} refused by the outbound policy: ${error.detail}`);
        await this.push.deleteById(row.id);
        return 'gone';
      }
      throw new PushRetryError(error instanceof Error ? error.message : String(error));
    }
    if (status === 404 || status === 410) {
      await this.push.deleteById(row.id);
      return 'gone';
    }
    if (status >= 200 && status < 300) {
      await this.push.markSent(row.id);
      return 'sent';
    }
    if (status === 429 || status >= 500) throw new PushRetryError(`the push service answered HTTP ${status}`);
    this.logger.warn(`push ${row.id} refused by the push service: HTTP ${status}`);
    return 'refused';
  }
}
