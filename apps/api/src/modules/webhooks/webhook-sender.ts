import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { assertOutboundUrl, guardedFetch, isAllowListed } from '../../infra/outbound/guarded-fetch';
import { OutboundError } from '../../infra/outbound/outbound.errors';
import { SecretBox } from '../../infra/security/secret-box';
import type { WebhookDelivery } from './entities/webhook-delivery.entity';
import type { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { signedHeaders } from './webhook-signature';
import type { WebhookErrorCode } from './webhooks.errors';

/** The most of an answer read; the log keeps the start of it. */
const MAX_ANSWER_BYTES = 1024 * 1024;
export const RESPONSE_EXCERPT_LENGTH = 500;

export interface SendResult {
  readonly ok: boolean;
  readonly responseStatus: number | null;
  readonly durationMs: number;
  readonly responseExcerpt: string | null;
  readonly errorCode: WebhookErrorCode | null;
}

export const secretContext = (endpointId: string) => `webhook-secret:${endpointId}`;
export const previousSecretContext = (endpointId: string) => `webhook-secret-previous:${endpointId}`;

/**
 * A URL an endpoint may have: an absolute https URL without a user name or password, whose host is
 * not a literal private address or a localhost name (names are resolved and checked at each
 * delivery). Hosts on the outbound allow-list (tests) may use http. Throws an OutboundError.
 */
export function assertWebhookUrl(raw: string, allowedHosts: readonly string[]): URL {
  const url = assertOutboundUrl(raw, allowedHosts);
  if (url.protocol !== 'https:' && !isAllowListed(url, allowedHosts)) {
    throw new OutboundError('bad_scheme', `Webhooks are sent over https only, not ${url.protocol}`);
  }
  return url;
}

/** Signs a delivery with the endpoint's secret(s), fresh timestamp, and sends it under the outbound policy. */
@Injectable()
export class WebhookSender {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly box: SecretBox,
  ) {}

  /** The secrets that sign now: the current one, and the previous one during a rotation's overlap. */
  secretsOf(endpoint: WebhookEndpoint, now: Date = new Date()): string[] {
    const secrets = [this.box.open(endpoint.secretSealed, secretContext(endpoint.id))];
    if (
      endpoint.previousSecretSealed &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > now
    ) {
      secrets.push(this.box.open(endpoint.previousSecretSealed, previousSecretContext(endpoint.id)));
    }
    return secrets;
  }

  async send(endpoint: WebhookEndpoint, delivery: WebhookDelivery): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const allowedHosts = this.config.OUTBOUND_ALLOWED_HOSTS;
    try {
      const url = assertWebhookUrl(endpoint.url, allowedHosts);
      const headers = {
        ...signedHeaders(this.secretsOf(endpoint), delivery.messageId, delivery.body),
        'content-type': 'application/json',
      };
      const response = await guardedFetch(
        url,
        { maxBytes: MAX_ANSWER_BYTES, timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, allowedHosts },
        { method: 'POST', headers, body: delivery.body, followRedirects: false },
      );
      const ok = response.status >= 200 && response.status <= 299;
      return {
        ok,
        responseStatus: response.status,
        durationMs: elapsed(),
        responseExcerpt: response.body.length
          ? response.body.toString('utf8').slice(0, RESPONSE_EXCERPT_LENGTH)
          : null,
        errorCode: ok ? null : 'webhook.http_status',
      };
    } catch (error) {
      if (!(error instanceof OutboundError)) throw error;
      return {
        ok: false,
        responseStatus: null,
        durationMs: elapsed(),
        responseExcerpt: error.detail.slice(0, RESPONSE_EXCERPT_LENGTH),
        errorCode: `webhook.${error.failure}` as WebhookErrorCode,
      };
    }
  }
}
