import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { WebhookDelivery } from './entities/webhook-delivery.entity';
import type { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WEBHOOK_FAILURE_ALERTS, type WebhookFailureAlerts } from './webhook-failure-alerts';
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
    private readonly repository: WebhooksRepository,
    private readonly audit: AuditService,
    @Inject(WEBHOOK_FAILURE_ALERTS) private readonly alerts: WebhookFailureAlerts,
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
      return this.alerts.queue(manager, {
        organisationId: endpoint.organisationId,
        organisationName: await this.repository.organisationName(manager, endpoint.organisationId),
        admins: await this.repository.admins(manager, endpoint.organisationId),
        endpointId: endpoint.id,
        endpointUrl: displayUrl(endpoint.url),
        eventType: delivery.eventType,
        disabledAt: now,
      });
    });
    await this.alerts.dispatch(queued);
  }
}
