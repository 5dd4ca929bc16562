import { createRegistry, grpcServerMetrics, type OnCallEnd, type Registry } from '@ticketing/metrics';

/** gRPC calls and the process: auth has no outbox and no consumer. */
export function authMetrics(): { registry: Registry; onCallEnd: OnCallEnd } {
  const registry = createRegistry();
  return { registry, onCallEnd: grpcServerMetrics(registry).onCallEnd };
}
