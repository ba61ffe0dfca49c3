import { basename } from 'node:path';
import { startTracingFromEnv } from './tracing';

/**
 * Imported first by `main.ts` and `worker.ts`, before anything that loads `http`, `pg`, `ioredis`
 * or `bullmq`: starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set (see `tracing.ts`).
 */
const entry = basename(require.main?.filename ?? '');
startTracingFromEnv(entry.startsWith('worker') ? 'heimo-worker' : 'heimo-api');
