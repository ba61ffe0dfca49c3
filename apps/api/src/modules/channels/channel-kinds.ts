import type { ChannelKind } from '@heimo/content';

/** Why a webhook URL does not fit its kind of channel; the service answers `channel.<code>` naming `url`. */
export type ChannelUrlProblem = 'wrong_host' | 'bad_path';

/**
 * What differs between kinds of channel, and nothing else: which webhook URLs are theirs and what a
 * receiver's answer means. Rendering is `renderChannelMessage` of `@heimo/content` for the same kind.
 * Generic code looks a kind up here and never branches on it.
 */
export interface ChannelKindStrategy {
  readonly kind: ChannelKind;
  /** The host names the service documents for its webhooks (checked unless the host is allow-listed). */
  hostAllowed(hostname: string): boolean;
  /** The path (and query) of a webhook of this service, or the problem. */
  pathProblem(url: URL): ChannelUrlProblem | null;
}

/** Slack incoming webhooks: `https://hooks.slack.com/services/T…/B…/…` (api.slack.com/messaging/webhooks). */
const slack: ChannelKindStrategy = {
  kind: 'slack',
  hostAllowed: (hostname) => hostname === 'hooks.slack.com',
  pathProblem: (url) =>
    /^\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/?$/.test(url.pathname) ? null : 'bad_path',
};

/**
 * Teams Workflows webhooks ("Post to a channel when a webhook request is received"): Power Automate
 * gives `https://prod-NN.<region>.logic.azure.com/workflows/<id>/triggers/manual/paths/invoke?…&sig=…`
 * or, on newer tenants, `https://<env>.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/<id>/triggers/manual/paths/invoke?…&sig=…`.
 */
const teams: ChannelKindStrategy = {
  kind: 'teams',
  hostAllowed: (hostname) =>
    /^[a-z0-9-]+(\.[a-z0-9-]+)*\.logic\.azure\.com$/.test(hostname) ||
    /^[a-z0-9-]+(\.[a-z0-9-]+)*\.environment\.api\.powerplatform\.com$/.test(hostname),
  pathProblem: (url) =>
    /\/workflows\/[A-Za-z0-9]+\/triggers\/[^/]+\/paths\/invoke\/?$/.test(url.pathname) ? null : 'bad_path',
};

export const CHANNEL_KIND_STRATEGIES: Readonly<Record<ChannelKind, ChannelKindStrategy>> = { slack, teams };

/** The URL as admins see it once saved: the origin and the last four characters, nothing usable. */
export function maskWebhookUrl(url: URL): string {
  const whole = url.toString();
  return `${url.origin}/…${whole.slice(-4)}`;
}

/** Whether a receiver's answer is worth another attempt: a server error, a rate limit, a timeout. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}
