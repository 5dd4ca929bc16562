export { startTracing, type Tracing, type TracingOptions } from './start-tracing';
export { readTracingSettings, samplerFor, type TracingSettings } from './settings';
