import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DestinationStream } from 'pino';
import type { AppConfig } from './infra/config/config';
import { BroadcastModule } from './infra/broadcast/broadcast';
import { ConfigModule, type RuntimeServices } from './infra/config/config.module';
import { databaseOptions } from './data-source';
import { HealthModule } from './infra/health/health.module';
import { ProblemFilter } from './infra/http/problem.filter';
import { SameOriginGuard } from './infra/http/same-origin.guard';
import { LoggingModule } from './infra/logging/logging.module';
import { MetricsModule } from './infra/metrics/metrics.module';
import { QueueModule } from './infra/queue/queue.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { ChannelsModule } from './modules/channels/channels.module';
import { RateLimitModule } from './modules/auth/rate-limit/rate-limit.module';
import { LinkPreviewsModule } from './modules/link-previews/link-previews.module';
import { MediaModule } from './modules/media/media.module';
import { FeedsModule } from './modules/feeds/feeds.module';
import { InsightsModule } from './modules/insights/insights.module';
import { MembersModule } from './modules/members/members.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OrganisationsModule } from './modules/organisations/organisations.module';
import { PacksModule } from './modules/packs/packs.module';
import { PeopleModule } from './modules/people/people.module';
import { PeopleMaintenanceModule } from './modules/people/jobs/people-maintenance.module';
import { PrivacyModule } from './modules/privacy/privacy.module';
import { ProfilesModule } from './modules/profiles/profiles.module';
import { SharingModule } from './modules/sharing/sharing.module';
import { ScimModule } from './modules/scim/scim.module';
import { SsoModule } from './modules/sso/sso.module';
import { SuggestionsModule } from './modules/suggestions/suggestions.module';
import { TrainingApiModule } from './modules/training/training.module';
import { PushModule } from './modules/push/push.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { ConnectionsModule } from './modules/connections/connections.module';

export interface AppModuleOptions {
  readonly config: AppConfig;
  readonly services: RuntimeServices;
  /** Register queue workers in this process. */
  readonly workers: boolean;
  /** Extra modules mounted beside the product's (tests use it for probe routes). */
  readonly extraModules?: readonly Type[];
  /** Where log lines go instead of standard output (tests read them). */
  readonly logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot({
    config,
    services,
    workers,
    extraModules = [],
    logDestination,
  }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, services),
        LoggingModule.forRoot(logDestination),
        TypeOrmModule.forRoot({
          ...databaseOptions({ url: services.databaseUrl, singleConnection: services.embeddedDatabase }),
          retryAttempts: 10,
          retryDelay: 300,
        }),
        QueueModule,
        MetricsModule,
        BroadcastModule,
        HealthModule,
        RateLimitModule,
        AuditModule,
        AuthModule.register({ workers }),
        MembersModule,
        OrganisationsModule,
        PeopleModule,
        PeopleMaintenanceModule.register({ workers }),
        PrivacyModule,
        TrainingApiModule,
        ProfilesModule,
        PacksModule.register({ workers }),
        MediaModule,
        LinkPreviewsModule,
        FeedsModule.register({ workers }),
        ConnectionsModule.register({ workers }),
        SharingModule.register({ workers }),
        NotificationsModule.register({ workers }),
        WebhooksModule.register({ workers }),
        PushModule.register({ workers }),
        InsightsModule,
        ChannelsModule.register({ workers }),
        SsoModule,
        SuggestionsModule,
        ScimModule,
        ...extraModules,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: SameOriginGuard },
      ],
    };
  }
}
