import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  NoopSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { readTracingSettings, samplerFor } from './settings';

/** Paths that are polled, not used: a span each would drown the traces of real requests. */
const UNTRACED_PATHS = new Set(['/metrics', '/healthz', '/readyz', '/favicon.ico']);
/** The gRPC health service, polled by probes and by the gateway's readiness check. */
const UNTRACED_GRPC_METHODS = ['Check', 'Watch'];

export interface TracingOptions {
  serviceName: string;
  env?: NodeJS.ProcessEnv;
  /** Replaces the exporter chosen by the environment: tests pass an in-memory one. */
  spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  /** True when spans leave the process (an exporter is configured and the sampler can pick them). */
  exporting: boolean;
  /** Flushes what is buffered, then stops; resolves even when the collector is unreachable. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry for this process. Call it before anything that it instruments (http, gRPC,
 * pg, ioredis) is loaded: each process's `main.ts` imports its `tracing.ts` first.
 *
 * A tracer provider is registered even when nothing is exported, so every request still gets a
 * real trace id that logs, problem bodies and downstream calls share; unsampled spans are not
 * recorded, which keeps that nearly free.
 */
export function startTracing(options: TracingOptions): Tracing {
  const settings = readTracingSettings(options.env ?? process.env);
  const spanProcessors = options.spanProcessors ?? exportingProcessors(settings.endpoint);
  const exporting = spanProcessors.length > 0;
  const sdk = new NodeSDK({
    autoDetectResources: false,
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    // Nothing leaves the process: nothing is recorded either, whatever a caller decided.
    sampler: exporting ? samplerFor(settings.sampleRatio) : new AlwaysOffSampler(),
    spanProcessors: exporting ? spanProcessors : [new NoopSpanProcessor()],
    // Traces only: metrics are Prometheus's (prom-client), logs are pino's JSON lines.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]!),
      }),
      new GrpcInstrumentation({ ignoreGrpcMethods: UNTRACED_GRPC_METHODS }),
      // Only inside a traced request or event: the outbox relay's and sweeper's polls would be noise.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return {
    exporting,
    shutdown: () => sdk.shutdown().catch(() => undefined),
  };
}

function exportingProcessors(endpoint: string | undefined): SpanProcessor[] {
  if (!endpoint) return [];
  // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT itself and appends /v1/traces; the batch
  // processor reads OTEL_BSP_* (delay, queue size) from the environment too.
  return [new BatchSpanProcessor(new OTLPTraceExporter())];
}
