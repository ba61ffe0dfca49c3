import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config';

export interface RuntimeServices {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** True when the database is the embedded PGlite (one connection only). */
  readonly embeddedDatabase: boolean;
  readonly authSecret: string;
}

export const RUNTIME_SERVICES = Symbol('RUNTIME_SERVICES');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, services: RuntimeServices): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: RUNTIME_SERVICES, useValue: services },
      ],
      exports: [APP_CONFIG, RUNTIME_SERVICES],
    };
  }
}
