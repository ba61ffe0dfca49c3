import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config';
import { CENSOR, redactUrl, withoutDatabaseValues } from './redact';
import { prettyDestination } from './pretty-log';
import { assignRequestId } from './request-id';

/** Paths pino replaces with "[redacted]": credentials never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.refreshToken',
  '*.secret',
  'err.config.headers',
];

/**
 * The application's log (pino: one JSON line per entry, or a short line under LOG_FORMAT=pretty): a line per request with its method, URL
 * (credentials in it redacted, see `redactUrl`) and outcome, and whatever Nest's `Logger` writes.
 * Errors are serialized without the values of a failed statement (`withoutDatabaseValues`).
 */
@Module({})
export class LoggingModule {
  /** `destination`: where the lines go instead of standard output (tests read them). */
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const options = {
              level: config.LOG_LEVEL,
              genReqId: assignRequestId,
              customProps: (req: { id?: unknown }) => ({ requestId: req.id }),
              redact: { paths: REDACTED_PATHS, censor: CENSOR },
              autoLogging: { ignore: (req: { url?: string }) => (req.url ?? '').startsWith('/healthz') },
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  url: redactUrl(req.url),
                }),
                err: withoutDatabaseValues,
              },
            };
            return {
              // Express 5 route syntax for "every path" (the default '*' logs a legacy-route warning).
              forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
              // LOG_FORMAT=pretty: a short line for a terminal; json: pino's own lines on stdout.
              pinoHttp: destination
                ? [options, destination]
                : config.LOG_FORMAT === 'pretty'
                  ? [options, prettyDestination()]
                  : options,
            };
          },
        }),
      ],
    };
  }
}
