import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { WebhookDelivery } from './entities/webhook-delivery.entity';
import type { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhooksRepository } from './webhooks.repository';

/** Where the e-mail shows the endpoint: no query string, which may carry a token. */
export const displayUrl = (raw: string) => {
  const url = new URL(raw);
  return `${url.origin}${url.pathname}`;
};

/** An endpoint whose delivery ran out of retries: switched off, audited, and every admin e-mailed. */
@Injectable()
export class WebhookFailures {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: WebhooksRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async disable(endpoint: WebhookEndpoint, delivery: WebhookDelivery): Promise<void> {
    const now = new Date();
    const queued = await this.dataSource.transaction(async (manager) => {
      const disabled = await this.repository.disableFailing(manager, endpoint.id, now);
      if (!disabled) return [];
      await this.audit.record(
        {
          organisationId: endpoint.organisationId,
          actorId: null,
          action: 'webhook.disabled',
          target: { type: 'organisation', id: endpoint.organisationId },
          details: {
            endpointId: endpoint.id,
            host: new URL(endpoint.url).host,
            deliveryId: delivery.id,
            eventType: delivery.eventType,
          },
        },
        manager,
      );
      const organisationName = await this.repository.organisationName(manager, endpoint.organisationId);
      const admins = await this.repository.admins(manager, endpoint.organisationId);
      return Promise.all(
        admins.map((admin) =>
          this.notifications.enqueue(manager, {
            organisationId: endpoint.organisationId,
            memberId: admin.id,
            kind: 'webhook_disabled',
            dedupeKey: `webhook_disabled:${endpoint.id}:${now.getTime()}:${admin.id}`,
            recipient: admin.email,
            locale: admin.locale,
            data: {
              name: admin.name,
              organisationName,
              endpointUrl: displayUrl(endpoint.url),
              eventType: delivery.eventType,
              integrationsUrl: `${this.config.publicUrl}/settings/integrations`,
            },
          }),
        ),
      );
    });
    await this.notifications.dispatch(queued);
  }
}
