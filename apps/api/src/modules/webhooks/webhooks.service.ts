import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction } from '@heimo/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import type { Page } from '../../infra/database/keyset';
import { findScopedOr404, lockScopedOr404 } from '../../infra/database/scoped-lookup';
import type { Caller } from '../../infra/http/caller';
import { OutboundError } from '../../infra/outbound/outbound.errors';
import { SecretBox } from '../../infra/security/secret-box';
import { AuditService } from '../audit/audit.service';
import type {
  CreateWebhookDto,
  ListWebhookDeliveriesQueryDto,
  RotateWebhookSecretDto,
  UpdateWebhookDto,
  WebhookDeliveryDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
} from './dto/webhook.dto';
import type { PageQueryDto } from '../../infra/http/keyset-page';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhookEvents } from './webhook-events';
import { assertWebhookUrl, previousSecretContext, secretContext } from './webhook-sender';
import { newWebhookSecret } from './webhook-signature';
import {
  WebhookDeliveryNotFoundError,
  WebhookEndpointDisabledError,
  WebhookEndpointNotFoundError,
  type WebhookErrorCode,
  WebhookUrlRefusedError,
} from './webhooks.errors';
import { WebhooksRepository } from './webhooks.repository';

const DEFAULT_OVERLAP_HOURS = 24;
const endpointNotFound = () => new WebhookEndpointNotFoundError();
const deliveryNotFound = () => new WebhookDeliveryNotFoundError();

/** The organisation's webhook endpoints: added, changed, removed, their secrets rotated, deliveries resent. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: WebhooksRepository,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly events: WebhookEvents,
  ) {}

  async list(organisationId: string, query: PageQueryDto): Promise<Page<WebhookEndpointDto>> {
    const page = await this.repository.listEndpoints(organisationId, query);
    return { ...page, items: page.items.map(toEndpointDto) };
  }

  async create(caller: Caller, body: CreateWebhookDto): Promise<WebhookEndpointWithSecretDto> {
    const url = this.checkedUrl(body.url);
    const id = randomUUID();
    const secret = newWebhookSecret();
    const endpoint = await this.dataSource.transaction(async (manager) => {
      const saved = await this.repository.insertEndpoint(manager, {
        id,
        organisationId: caller.organisationId,
        url,
        description: body.description ?? '',
        events: [...body.events],
        enabled: true,
        secretSealed: this.box.seal(secret, secretContext(id)),
        createdById: caller.memberId,
      });
      await this.record(manager, caller, 'webhook.created', saved, { events: saved.events });
      return saved;
    });
    return { endpoint: toEndpointDto(endpoint), secret };
  }

  async update(caller: Caller, endpointId: string, body: UpdateWebhookDto): Promise<WebhookEndpointDto> {
    const url = body.url === undefined ? undefined : this.checkedUrl(body.url);
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.lock(manager, caller, endpointId);
      const changed: string[] = [];
      if (url !== undefined && url !== endpoint.url) {
        endpoint.url = url;
        changed.push('url');
      }
      if (body.description !== undefined && body.description !== endpoint.description) {
        endpoint.description = body.description;
        changed.push('description');
      }
      if (body.events !== undefined && !sameSet(body.events, endpoint.events)) {
        endpoint.events = [...body.events];
        changed.push('events');
      }
      if (body.enabled !== undefined && body.enabled !== endpoint.enabled) {
        endpoint.enabled = body.enabled;
        endpoint.disabledReason = null;
        endpoint.disabledAt = body.enabled ? null : new Date();
        changed.push('enabled');
      }
      if (!changed.length) return toEndpointDto(endpoint);
      const saved = await this.repository.saveEndpoint(manager, endpoint);
      await this.record(manager, caller, 'webhook.updated', saved, { changed, enabled: saved.enabled });
      return toEndpointDto(saved);
    });
  }

  /** The endpoint and its delivery log go. */
  async remove(caller: Caller, endpointId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.lock(manager, caller, endpointId);
      if (!(await this.repository.deleteEndpoint(manager, caller.organisationId, endpoint.id)))
        throw endpointNotFound();
      await this.record(manager, caller, 'webhook.deleted', endpoint, {});
    });
  }

  /**
   * A new secret signs from now on; the one it replaces keeps signing beside it for `overlapHours`
   * (default 24), so receivers can switch without losing a delivery. A rotation during an overlap
   * drops the oldest secret.
   */
  async rotateSecret(
    caller: Caller,
    endpointId: string,
    body: RotateWebhookSecretDto,
  ): Promise<WebhookEndpointWithSecretDto> {
    const overlapHours = body.overlapHours ?? DEFAULT_OVERLAP_HOURS;
    const secret = newWebhookSecret();
    const endpoint = await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.lock(manager, caller, endpointId);
      const current = this.box.open(endpoint.secretSealed, secretContext(endpoint.id));
      endpoint.secretSealed = this.box.seal(secret, secretContext(endpoint.id));
      if (overlapHours > 0) {
        endpoint.previousSecretSealed = this.box.seal(current, previousSecretContext(endpoint.id));
        endpoint.previousSecretExpiresAt = new Date(Date.now() + overlapHours * 3_600_000);
      } else {
        endpoint.previousSecretSealed = null;
        endpoint.previousSecretExpiresAt = null;
      }
      const saved = await this.repository.saveEndpoint(manager, endpoint);
      await this.record(manager, caller, 'webhook.secret_rotated', saved, { overlapHours });
      return saved;
    });
    return { endpoint: toEndpointDto(endpoint), secret };
  }

  async deliveries(
    caller: Caller,
    endpointId: string,
    query: ListWebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryDto>> {
    await findScopedOr404(
      this.dataSource.manager,
      WebhookEndpoint,
      caller.organisationId,
      endpointId,
      endpointNotFound,
    );
    const page = await this.repository.listDeliveries(caller.organisationId, endpointId, query);
    return { ...page, items: page.items.map(toDeliveryDto) };
  }

  /** Sends the same body again, once, through the queue: signed anew with a fresh `webhook-timestamp`. */
  async redeliver(caller: Caller, endpointId: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    const delivery = await this.dataSource.transaction(async (manager) => {
      const endpoint = await findScopedOr404(
        manager,
        WebhookEndpoint,
        caller.organisationId,
        endpointId,
        endpointNotFound,
      );
      const delivery = await lockScopedOr404(
        manager,
        WebhookDelivery,
        caller.organisationId,
        deliveryId,
        deliveryNotFound,
        {
          where: { endpointId },
        },
      );
      if (!endpoint.enabled) throw new WebhookEndpointDisabledError();
      await this.repository.markPending(manager, delivery.id);
      delivery.status = 'pending';
      await this.record(manager, caller, 'webhook.redelivered', endpoint, {
        deliveryId: delivery.id,
        eventType: delivery.eventType,
      });
      return delivery;
    });
    await this.events.dispatch([delivery.id], true);
    return toDeliveryDto(delivery);
  }

  private checkedUrl(raw: string): string {
    try {
      return assertWebhookUrl(raw, this.config.OUTBOUND_ALLOWED_HOSTS).toString();
    } catch (error) {
      if (error instanceof OutboundError)
        throw new WebhookUrlRefusedError(`webhook.${error.failure}` as WebhookErrorCode, error.detail);
      throw error;
    }
  }

  private lock(manager: EntityManager, caller: Caller, endpointId: string): Promise<WebhookEndpoint> {
    return lockScopedOr404(manager, WebhookEndpoint, caller.organisationId, endpointId, endpointNotFound);
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: AuditAction,
    endpoint: WebhookEndpoint,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        organisationId: caller.organisationId,
        actorId: caller.memberId,
        action,
        target: { type: 'organisation', id: caller.organisationId },
        details: { endpointId: endpoint.id, host: new URL(endpoint.url).host, ...details },
      },
      manager,
    );
  }
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value) => b.includes(value));

function toEndpointDto(endpoint: WebhookEndpoint): WebhookEndpointDto {
  const overlapEnds = endpoint.previousSecretExpiresAt;
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.events,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    disabledAt: endpoint.disabledAt?.toISOString() ?? null,
    previousSecretExpiresAt:
      endpoint.previousSecretSealed && overlapEnds && overlapEnds > new Date()
        ? overlapEnds.toISOString()
        : null,
    createdAt: endpoint.createdAt.toISOString(),
  };
}

function toDeliveryDto(delivery: WebhookDelivery): WebhookDeliveryDto {
  return {
    id: delivery.id,
    messageId: delivery.messageId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    responseStatus: delivery.responseStatus,
    durationMs: delivery.durationMs,
    responseExcerpt: delivery.responseExcerpt,
    errorCode: delivery.errorCode,
    createdAt: delivery.createdAt.toISOString(),
  };
}
