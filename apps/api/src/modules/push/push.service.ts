import { Inject, Injectable } from '@nestjs/common';
import { pushKeyProblem } from '@heimo/domain';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import type { Caller } from '../../infra/http/caller';
import { assertOutboundUrl } from '../../infra/outbound/guarded-fetch';
import { OutboundError } from '../../infra/outbound/outbound.errors';
import type {
  CreatePushSubscriptionDto,
  PushPublicKeyDto,
  PushSettingsDto,
  PushSubscriptionDto,
  UpdatePushSettingsDto,
} from './dto/push.dto';
import { PushNotConfiguredError, PushRefusedError, PushSubscriptionNotFoundError } from './push.errors';
import { PushRepository, type SubscriptionRow } from './push.repository';
import { VapidKeysProvider } from './vapid-keys';

/** A member's devices for Web Push, and their time zone and quiet hours. */
@Injectable()
export class PushService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly push: PushRepository,
    private readonly keys: VapidKeysProvider,
  ) {}

  publicKey(): PushPublicKeyDto {
    const keys = this.keys.get();
    if (!keys) throw new PushNotConfiguredError();
    return { publicKey: keys.publicKey };
  }

  async list(caller: Caller): Promise<PushSubscriptionDto[]> {
    await this.push.deleteEnded(caller.memberId);
    const rows = await this.push.list(caller.organisationId, caller.memberId);
    return rows.map((row) => toDto(row, caller));
  }

  async subscribe(caller: Caller, body: CreatePushSubscriptionDto): Promise<PushSubscriptionDto> {
    if (!this.keys.get()) throw new PushNotConfiguredError();
    const endpoint = this.checkEndpoint(body.endpoint);
    for (const name of ['p256dh', 'auth'] as const) {
      const problem = pushKeyProblem(name, body.keys[name]);
      if (problem) {
        throw new PushRefusedError(
          `keys.${name}`,
          problem,
          problem === 'push.bad_key_encoding'
            ? `${name} is not base64url.`
            : name === 'auth'
              ? 'auth must be 16 bytes.'
              : 'p256dh must be an uncompressed P-256 point (65 bytes).',
        );
      }
    }
    const row = await this.push.upsert(caller.organisationId, caller.memberId, caller.sessionId, {
      endpoint,
      p256dh: body.keys.p256dh.replace(/=+$/, ''),
      auth: body.keys.auth.replace(/=+$/, ''),
    });
    return toDto(row, caller);
  }

  async setEnabled(caller: Caller, id: string, enabled: boolean): Promise<PushSubscriptionDto> {
    const row = await this.push.setEnabled(caller.organisationId, caller.memberId, id, enabled);
    if (!row) throw new PushSubscriptionNotFoundError();
    return toDto(row, caller);
  }

  async remove(caller: Caller, id: string): Promise<void> {
    if (!(await this.push.delete(caller.organisationId, caller.memberId, id))) {
      throw new PushSubscriptionNotFoundError();
    }
  }

  settings(caller: Caller): Promise<PushSettingsDto> {
    return this.push.settings(caller.organisationId, caller.memberId);
  }

  async updateSettings(caller: Caller, change: UpdatePushSettingsDto): Promise<PushSettingsDto> {
    await this.push.updateSettings(caller.organisationId, caller.memberId, change);
    return this.settings(caller);
  }

  /** https only, and never an address the outbound policy refuses (checked again after DNS on each send). */
  private checkEndpoint(raw: string): string {
    let url: URL;
    try {
      url = assertOutboundUrl(raw.trim(), this.config.OUTBOUND_ALLOWED_HOSTS);
    } catch (error) {
      if (!(error instanceof OutboundError)) throw error;
      if (error.failure === 'private_address') {
        throw new PushRefusedError('endpoint', 'push.private_address', error.detail);
      }
      if (error.failure === 'bad_scheme') {
        throw new PushRefusedError(
          'endpoint',
          'push.bad_endpoint_scheme',
          'The endpoint must be an https URL.',
        );
      }
      throw new PushRefusedError('endpoint', 'push.bad_endpoint', error.detail);
    }
    if (url.protocol !== 'https:') {
      throw new PushRefusedError(
        'endpoint',
        'push.bad_endpoint_scheme',
        'The endpoint must be an https URL.',
      );
    }
    return raw.trim();
  }
}

function toDto(row: SubscriptionRow, caller: Caller): PushSubscriptionDto {
  return {
    id: row.id,
    service: new URL(row.endpoint).host,
    browser: row.browser,
    system: row.system,
    enabled: row.enabled,
    current: row.sessionId === caller.sessionId,
    createdAt: new Date(row.createdAt).toISOString(),
    lastSentAt: row.lastSentAt ? new Date(row.lastSentAt).toISOString() : null,
  };
}
