import type { IncomingMessage } from 'node:http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
} from '@opentelemetry/sdk-trace-node';
import { BullMQOtel } from 'bullmq-otel';
import type { StartedTracing } from './tracing';

/** The span attribute that carries the request id (`X-Request-Id`, the `reqId` of the log lines). */
export const REQUEST_ID_ATTRIBUTE = 'heimo.request_id';

/** A W3C `traceparent` whose flags say "sampled". */
const SAMPLED_PARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;

function sampledByCaller(request: IncomingMessage): boolean {
  const header = request.headers.traceparent;
  if (typeof header !== 'string' || !SAMPLED_PARENT.test(header)) return false;
  return (parseInt(header.slice(-2), 16) & 1) === 1;
}

/**
 * The OpenTelemetry SDK, loaded by `tracing.ts` only when OTEL_EXPORTER_OTLP_ENDPOINT is set. The
 * OTLP/HTTP exporter sends JSON to `<endpoint>/v1/traces` (the `OTEL_EXPORTER_OTLP_*` and
 * `OTEL_BSP_*` variables of the specification tune it). Root spans are all sampled; a caller's
 * `traceparent` decides for its request.
 *
 * Tracked links (`/r/…`) are the hot path: on the API port their requests are ignored by the HTTP
 * instrumentation unless the caller sends a sampled `traceparent`, so a redirect makes no span and
 * no export; REDIRECT_PORT's thread loads `http` in a thread of its own, which is never patched.
 */
export function startTracing(serviceName: string): StartedTracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) =>
          request.url !== undefined && request.url.startsWith('/r/') && !sampledByCaller(request),
        // Called as the response ends, once the request-id middleware has named the request.
        applyCustomAttributesOnSpan: (span, request) => {
          const id = (request as { id?: unknown }).id;
          if (typeof id === 'string') span.setAttribute(REQUEST_ID_ATTRIBUTE, id);
        },
      }),
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  return {
    queueTelemetry: new BullMQOtel('bullmq'),
    shutdown: () => provider.shutdown(),
  };
}
