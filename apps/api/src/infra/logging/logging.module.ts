import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config';
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

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const options: PinoHttpOptions = {
          level: config.LOG_LEVEL,
          genReqId: (req, res) => assignRequestId(req, res),
          customProps: (req) => ({ requestId: (req as { id?: string }).id }),
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/healthz') },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
          },
        };
        return {
          // Express 5 route syntax for "every path" (the default '*' logs a legacy-route warning).
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          // LOG_FORMAT=pretty: a short line for a terminal; json: pino's own lines on stdout.
          pinoHttp: config.LOG_FORMAT === 'pretty' ? [options, prettyDestination()] : options,
        };
      },
    }),
  ],
})
export class LoggingModule {}
