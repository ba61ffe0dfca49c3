import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../config/config.module';
import { SECRET_BOX_SECRETS, SecretBox, type SecretBoxSecrets } from './secret-box';

/** Encryption of secrets at rest; a module that keeps secrets in the database imports it. */
@Module({
  providers: [
    {
      provide: SECRET_BOX_SECRETS,
      inject: [RUNTIME_SERVICES, APP_CONFIG],
      useFactory: (services: RuntimeServices, config: AppConfig): SecretBoxSecrets => ({
        current: services.authSecret,
        previous: config.AUTH_SECRET_PREVIOUS,
      }),
    },
    SecretBox,
  ],
  exports: [SecretBox],
})
export class SecurityModule {}
