import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import type { WebhookFailure, WebhookFailureAlerts } from '../webhooks/webhook-failure-alerts';
import { NotificationsService } from './notifications.service';

/** The `webhook_disabled` e-mail to every active admin of the organisation, once per switch-off. */
@Injectable()
export class WebhookFailureMails implements WebhookFailureAlerts {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  queue(manager: EntityManager, failure: WebhookFailure): Promise<(string | null)[]> {
    return Promise.all(
      failure.admins.map((admin) =>
        this.notifications.enqueue(manager, {
          organisationId: failure.organisationId,
          memberId: admin.id,
          kind: 'webhook_disabled',
          dedupeKey: `webhook_disabled:${failure.endpointId}:${failure.disabledAt.getTime()}:${admin.id}`,
          recipient: admin.email,
          locale: admin.locale,
          data: {
            name: admin.name,
            organisationName: failure.organisationName,
            endpointUrl: failure.endpointUrl,
            eventType: failure.eventType,
            integrationsUrl: `${this.config.publicUrl}/settings/integrations`,
          },
        }),
      ),
    );
  }

  dispatch(ids: readonly (string | null)[]): Promise<void> {
    return this.notifications.dispatch(ids);
  }
}
