import { ROOT_CONTEXT, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { readTracingSettings, samplerFor } from './settings';

describe('tracing settings', () => {
  it('when nothing is set, then nothing is exported and every new trace would be sampled', () => {
    expect(readTracingSettings({})).toEqual({ endpoint: undefined, sampleRatio: 1 });
  });

  it('when an endpoint and a ratio are set, then both are read', () => {
    expect(
      readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_SAMPLER_ARG: '0.1' }),
    ).toEqual({ endpoint: 'http://collector:4318', sampleRatio: 0.1 });
  });

  it.each([['-0.1'], ['1.5'], ['ten'], ['NaN']])('when the ratio is %s, then start-up stops with its name', (ratio) => {
    expect(() => readTracingSettings({ OTEL_TRACES_SAMPLER_ARG: ratio })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });

  it('when the endpoint is not an http URL, then start-up stops with its name', () => {
    expect(() => readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });
});

describe('parent-based ratio sampler', () => {
  const decide = (ratio: number, parentSampled?: boolean) => {
    const parent =
      parentSampled === undefined
        ? ROOT_CONTEXT
        : trace.setSpanContext(ROOT_CONTEXT, {
            traceId: '0af7651916cd43dd8448eb211c80319c',
            spanId: 'b7ad6b7169203331',
            traceFlags: parentSampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
            isRemote: true,
          });
    return samplerFor(ratio).shouldSample(parent, 'ffffffffffffffffffffffffffffffff', 'span', SpanKind.SERVER, {}, [])
      .decision;
  };

  it('when a caller sampled the trace, then this process records it too, whatever its own ratio', () => {
    expect(decide(0, true)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('when a caller did not sample the trace, then this process does not either', () => {
    expect(decide(1, false)).toBe(SamplingDecision.NOT_RECORD);
  });

  it('when a trace starts here, then the ratio decides: 1 records, 0 does not', () => {
    expect(decide(1)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(0)).toBe(SamplingDecision.NOT_RECORD);
  });
});
