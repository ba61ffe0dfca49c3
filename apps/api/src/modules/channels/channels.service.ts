import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction } from '@heimo/domain';
import type { ChannelKind } from '@heimo/content';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { findScopedOr404, lockScopedOr404 } from '../../infra/database/scoped-lookup';
import type { Caller } from '../../infra/http/caller';
import { assertOutboundUrl, isAllowListed } from '../../infra/outbound/guarded-fetch';
import { OutboundError } from '../../infra/outbound/outbound.errors';
import { SecretBox } from '../../infra/security/secret-box';
import { AuditService } from '../audit/audit.service';
import { CHANNEL_KIND_STRATEGIES, maskWebhookUrl } from './channel-kinds';
import { ChannelPoster, channelUrlContext } from './channel-poster';
import { ChannelsRepository } from './channels.repository';
import {
  ChannelLimitError,
  ChannelNotFoundError,
  ChannelUrlRefusedError,
  type ChannelUrlCode,
} from './channels.errors';
import type { ChannelDto, ChannelTestResultDto, CreateChannelDto, UpdateChannelDto } from './dto/channel.dto';
import { Channel } from './entities/channel.entity';

/** The most channels one organisation keeps. */
export const MAX_CHANNELS = 20;

const notFound = () => new ChannelNotFoundError();

export function toChannelDto(channel: Channel): ChannelDto {
  return {
    id: channel.id,
    kind: channel.kind,
    name: channel.name,
    urlHint: channel.urlHint,
    events: channel.events,
    enabled: channel.enabled,
    lastStatus: channel.lastStatus,
    lastError: channel.lastError,
    lastPostedAt: channel.lastPostedAt?.toISOString() ?? null,
    createdAt: channel.createdAt.toISOString(),
  };
}

/** The organisation's Slack and Teams channels: their webhook URLs sealed, and a test message on demand. */
@Injectable()
export class ChannelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsRepository,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly poster: ChannelPoster,
  ) {}

  async list(organisationId: string): Promise<ChannelDto[]> {
    return (await this.channels.list(organisationId)).map(toChannelDto);
  }

  async create(caller: Caller, body: CreateChannelDto): Promise<ChannelDto> {
    const url = this.checkedUrl(body.kind, body.url);
    return this.dataSource.transaction(async (manager) => {
      // The organisation's row, so two admins adding the last allowed channel at once are counted in turn.
      await manager.query(`SELECT 1 FROM organisations WHERE id = $1 FOR NO KEY UPDATE`, [
        caller.organisationId,
      ]);
      if ((await this.channels.count(manager, caller.organisationId)) >= MAX_CHANNELS)
        throw new ChannelLimitError(MAX_CHANNELS);
      const id = randomUUID();
      const channel = await this.channels.insert(manager, {
        id,
        organisationId: caller.organisationId,
        kind: body.kind,
        name: body.name,
        urlSealed: this.box.seal(url.toString(), channelUrlContext(id)),
        urlHint: maskWebhookUrl(url),
        events: [...body.events],
        enabled: body.enabled ?? true,
        createdById: caller.memberId,
      });
      await this.record(manager, caller, 'channel.created', channel, {
        kind: channel.kind,
        name: channel.name,
        events: channel.events,
      });
      return toChannelDto(channel);
    });
  }

  async update(caller: Caller, channelId: string, body: UpdateChannelDto): Promise<ChannelDto> {
    return this.dataSource.transaction(async (manager) => {
      const channel = await lockScopedOr404(manager, Channel, caller.organisationId, channelId, notFound);
      const changed: string[] = [];
      if (body.url !== undefined) {
        const url = this.checkedUrl(channel.kind, body.url);
        channel.urlSealed = this.box.seal(url.toString(), channelUrlContext(channel.id));
        channel.urlHint = maskWebhookUrl(url);
        changed.push('url');
      }
      if (body.name !== undefined && body.name !== channel.name) {
        channel.name = body.name;
        changed.push('name');
      }
      if (body.events !== undefined && [...body.events].sort().join() !== [...channel.events].sort().join()) {
        channel.events = [...body.events];
        changed.push('events');
      }
      if (body.enabled !== undefined && body.enabled !== channel.enabled) {
        channel.enabled = body.enabled;
        changed.push('enabled');
      }
      if (!changed.length) return toChannelDto(channel);
      const saved = await this.channels.save(manager, channel);
      await this.record(manager, caller, 'channel.updated', saved, {
        changed,
        name: saved.name,
        enabled: saved.enabled,
      });
      return toChannelDto(saved);
    });
  }

  async remove(caller: Caller, channelId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const channel = await findScopedOr404(manager, Channel, caller.organisationId, channelId, notFound);
      if (!(await this.channels.delete(manager, caller.organisationId, channel.id))) throw notFound();
      await this.record(manager, caller, 'channel.deleted', channel, {
        kind: channel.kind,
        name: channel.name,
      });
    });
  }

  /**
   * Posts the test message now, once, through the same path as every post (render, outbound policy,
   * log), and answers how the channel answered. A channel that refuses is an answer, not an error.
   */
  async test(caller: Caller, channelId: string): Promise<ChannelTestResultDto> {
    const postId = await this.dataSource.transaction(async (manager) => {
      const channel = await findScopedOr404(manager, Channel, caller.organisationId, channelId, notFound);
      const organisation = await this.channels.organisationOf(caller.organisationId);
      return this.channels.insertPost(manager, {
        organisationId: caller.organisationId,
        channelId: channel.id,
        message: 'test',
        dedupeKey: `test:${channel.id}:${randomUUID()}`,
        locale: organisation?.locale ?? 'en',
        data: {
          organisationName: organisation?.name ?? '',
          channelName: channel.name,
          settingsUrl: `${this.config.publicUrl}/settings/integrations`,
        },
      });
    });
    const { outcome } = await this.poster.send(postId as string, true);
    return this.dataSource.transaction(async (manager) => {
      // Not found when removed while the message was on its way.
      const channel = await findScopedOr404(manager, Channel, caller.organisationId, channelId, notFound);
      const status = outcome?.status === 'sent' ? 'sent' : 'failed';
      await this.record(manager, caller, 'channel.tested', channel, {
        status,
        responseStatus: outcome?.responseStatus ?? null,
      });
      return {
        status,
        responseStatus: outcome?.responseStatus ?? null,
        error: outcome?.lastError ?? null,
        channel: toChannelDto(channel),
      };
    });
  }

  /**
   * The URL if it is a webhook of this kind that the outbound policy lets through: absolute, no
   * credentials, https at the service's documented hosts; a host on the outbound allow-list (tests,
   * local set-ups) may be plain http at any address. Refusals answer 400 naming `url`.
   */
  private checkedUrl(kind: ChannelKind, raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw refused('channel.bad_url', 'The webhook URL is not an absolute URL.');
    }
    if (url.username || url.password)
      throw refused('channel.credentials_in_url', 'The webhook URL must not carry a user name or password.');
    const allowed = this.config.OUTBOUND_ALLOWED_HOSTS;
    try {
      assertOutboundUrl(url, allowed);
    } catch (error) {
      if (error instanceof OutboundError)
        throw refused(
          error.failure === 'private_address'
            ? 'channel.private_address'
            : error.failure === 'bad_scheme'
              ? 'channel.bad_scheme'
              : 'channel.bad_url',
          error.detail,
        );
      throw error;
    }
    const strategy = CHANNEL_KIND_STRATEGIES[kind];
    if (!isAllowListed(url, allowed)) {
      if (url.protocol !== 'https:') throw refused('channel.not_https', 'A webhook URL must use https.');
      if (!strategy.hostAllowed(url.hostname.toLowerCase()))
        throw refused('channel.wrong_host', `${url.hostname} is not a ${kind} webhook host.`);
    }
    if (strategy.pathProblem(url))
      throw refused('channel.bad_path', `This is not the address of a ${kind} webhook.`);
    return url;
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: AuditAction,
    channel: Channel,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        organisationId: caller.organisationId,
        actorId: caller.memberId,
        action,
        target: { type: 'channel', id: channel.id },
        details,
      },
      manager,
    );
  }
}

const refused = (code: ChannelUrlCode, detail: string) => new ChannelUrlRefusedError(code, detail);
