import {
  AlwaysOffSampler,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';

export interface TracingSettings {
  /** OTLP/HTTP base URL of a collector; unset means nothing leaves the process. */
  endpoint: string | undefined;
  /** Share of new traces recorded, 0 to 1; a caller's decision is followed (parent-based). */
  sampleRatio: number;
}

/**
 * The standard OpenTelemetry variables, read here rather than by each service's config because
 * tracing starts before the config is loaded. A malformed value stops the process at once.
 */
export function readTracingSettings(env: NodeJS.ProcessEnv): TracingSettings {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || undefined;
  if (endpoint && !/^https?:\/\/[^\s]+$/.test(endpoint))
    throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
  const ratioText = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  const sampleRatio = ratioText ? Number(ratioText) : 1;
  if (!Number.isFinite(sampleRatio) || sampleRatio < 0 || sampleRatio > 1)
    throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got "${ratioText}"`);
  return { endpoint, sampleRatio };
}

/** Parent-based: a trace is recorded everywhere or nowhere, whichever process starts it. */
export function samplerFor(ratio: number): Sampler {
  return new ParentBasedSampler({
    root: ratio <= 0 ? new AlwaysOffSampler() : new TraceIdRatioBasedSampler(ratio),
  });
}
