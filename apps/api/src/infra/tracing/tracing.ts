import type { Telemetry } from 'bullmq';
import { variables } from '../config/config.schema';

/** What the SDK module hands back once tracing runs. */
export interface StartedTracing {
  /** BullMQ's telemetry for queues and workers: a span per job added and per job processed. */
  readonly queueTelemetry: Telemetry;
  /** Sends the spans not sent yet and stops. */
  shutdown(): Promise<void>;
}

let started: StartedTracing | null = null;

/**
 * Starts OpenTelemetry tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set, and does nothing else (it
 * loads no OpenTelemetry package) when it is not. It must run before `http`, `pg`, `ioredis` and
 * `bullmq` are first required, since the instrumentations patch those modules as they load:
 * `register.ts`, the first import of `main.ts` and `worker.ts`, calls it. A malformed value is
 * left to `loadConfig`, which refuses it by name a moment later.
 */
export function startTracingFromEnv(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (started) return true;
  let endpoint: string | undefined;
  try {
    endpoint = variables.OTEL_EXPORTER_OTLP_ENDPOINT.parse(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  } catch {
    return false;
  }
  if (!endpoint) return false;
  // Loaded here and only here: without the variable none of the SDK is in the process.
  const sdk = require('./tracing-sdk') as typeof import('./tracing-sdk');
  started = sdk.startTracing(variables.OTEL_SERVICE_NAME.parse(env.OTEL_SERVICE_NAME) ?? serviceName);
  return true;
}

/** `{ telemetry }` for BullMQ's options while tracing runs; empty otherwise. */
export function queueTelemetryOptions(): { telemetry?: Telemetry } {
  return started ? { telemetry: started.queueTelemetry } : {};
}

/** Sends the spans still buffered; resolves at once when tracing is off. */
export async function stopTracing(): Promise<void> {
  const current = started;
  started = null;
  await current?.shutdown();
}
