import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './infra/config/config';
import type { RuntimeServices } from './infra/config/config.module';
import { AppLogger } from './infra/logging/app-logger';
import { API_TOKEN_SCHEME } from './infra/http/access.decorators';
import { bodyParsers } from './infra/http/body-parsers';
import { compileTrust } from './infra/http/client-address';
import { createValidationPipe } from './infra/http/validation.pipe';
import { serveWebClient } from './infra/http/web-client';
import { assignRequestId } from './infra/logging/request-id';
import { httpMetrics } from './infra/metrics/infra-metrics';
import { Metrics } from './infra/metrics/metrics';
import { SCIM_BASE_PATH, scimBodyParser } from './modules/scim/scim-body';
import { PUBLIC_MEDIA_ROUTE } from './modules/media/public-media.controller';
import { mountRedirectBeforeExpress } from './modules/sharing/redirect/lean-redirect';
import { RedirectListener } from './modules/sharing/redirect/redirect-listener';
import { RedirectHandler } from './modules/sharing/redirect/redirect.handler';

export interface CreateAppOptions {
  readonly config: AppConfig;
  readonly services: RuntimeServices;
  readonly workers: boolean;
  readonly extraModules?: readonly Type[];
  /** Folder of the built web client to serve; defaults to apps/web/dist when it exists in production. */
  readonly webDist?: string;
  /** Where log lines go instead of standard output (tests read them). */
  readonly logDestination?: DestinationStream;
}

const API_PREFIX = 'api';
/** Routes that live outside /api: health, the redirect people click, public join links. */
const UNPREFIXED = [
  'healthz',
  'healthz/ready',
  PUBLIC_MEDIA_ROUTE,
  'r/:code',
  SCIM_BASE_PATH.slice(1),
  `${SCIM_BASE_PATH.slice(1)}/{*path}`,
];

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Heimo API')
    .setDescription(
      'Brand advocacy and employee ambassador platform. Every error is `application/problem+json` with a stable `code`. ' +
        'A POST, PUT, PATCH or DELETE from another site (by `Sec-Fetch-Site`, else `Origin`) answers 403 ' +
        '`request.cross_site`; a request with neither header is taken as not from a browser page. A body that is ' +
        'not `application/json` answers 415 `request.unsupported_media_type` unless the route lists its type.',
    )
    .setVersion('0.1.0')
    .addCookieAuth('heimo_at', { type: 'apiKey', in: 'cookie', name: 'heimo_at' }, 'session')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'heimo_ followed by 43 base64url characters',
        description:
          'An organisation API token (`heimo_…`, created by an admin on Settings → Integrations). It reaches only ' +
          'the operations that name a scope under `x-heimo-token-scope` and only with that scope; any other ' +
          'answers 403 `auth.token_not_allowed` or `auth.token_scope_missing`, an unknown, expired or revoked ' +
          'token 401 `auth.token_invalid`, and more than `RATE_LIMIT_API_TOKEN` requests a window 429.',
      },
      API_TOKEN_SCHEME,
    )
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}

export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const { config } = options;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(new AppLogger(app.get(Logger)));
  // Tracked links (/r/:code) are answered before Express: the hot path needs none of its layers.
  mountRedirectBeforeExpress(app.getHttpServer(), app.get(RedirectHandler));
  // And on a port of their own when REDIRECT_PORT is set (started with the app, see RedirectListener).
  app.get(RedirectListener).serveWithApp();
  // TRUST_PROXY: the same trust function the rate limits and the click visitor hash use.
  app.set('trust proxy', compileTrust(config.TRUST_PROXY));
  app.disable('x-powered-by');
  app.use((request: Request, response: Response, next: NextFunction) => {
    assignRequestId(request, response);
    next();
  });
  // Request durations by route template (METRICS_PORT); tracked links are counted by their handler.
  const metrics = app.get(Metrics);
  if (metrics.enabled) app.use(httpMetrics(metrics));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:', 'https:'],
          // Only where people reach Heimo over https: on a plain-http origin (an intranet host) the
          // browser would move every script to an https address that answers nothing, or to one
          // that answers as another origin, loading a module twice under two addresses.
          'upgrade-insecure-requests': config.publicUrl.startsWith('https:') ? [] : null,
        },
      },
    }),
  );
  app.use(cookieParser());
  // SCIM's identity providers send application/scim+json and expect errors in SCIM's shape.
  app.use(SCIM_BASE_PATH, scimBodyParser(config.BODY_LIMIT_BYTES));
  app.use(...bodyParsers(config.BODY_LIMIT_BYTES));
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED });
  app.useGlobalPipes(createValidationPipe());

  // Built on the first request for it, not at every start (it reads every controller and DTO).
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/openapi.json',
    raw: ['json'],
  });

  const webDist = options.webDist ?? (config.isProduction ? findWebDist() : undefined);
  if (webDist && existsSync(join(webDist, 'index.html'))) serveWebClient(app, webDist);
  return app;
}

function findWebDist(): string | undefined {
  for (const candidate of [
    resolve(process.cwd(), 'apps/web/dist'),
    resolve(__dirname, '../../../../../apps/web/dist'),
  ]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
}
