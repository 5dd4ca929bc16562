import { startTracing } from '@ticketing/telemetry';

/** main.ts imports this first: instrumentation must be in place before http, gRPC, pg and ioredis load. */
export const tracing = startTracing({ serviceName: 'auth' });
