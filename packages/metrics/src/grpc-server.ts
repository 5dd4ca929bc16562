import type { Registry } from 'prom-client';
import { counter, histogram } from './registry';

/** What grpc-kit calls when a call ends: its path (`/pkg.Service/Method`), status name and duration. */
export type OnCallEnd = (path: string, code: string, seconds: number) => void;

interface Children {
  count: { inc(): void };
  duration: { observe(value: number): void };
}

/**
 * Request counts and latency histograms per gRPC method and status code, fed by grpc-kit's
 * `onCallEnd` hook. Label children are made once per (method, code) and kept, so a call costs
 * two map lookups, an increment and an observation.
 */
export function grpcServerMetrics(registry: Registry): { onCallEnd: OnCallEnd } {
  const labelNames = ['service', 'method', 'code'] as const;
  const requests = counter(registry, {
    name: 'ticketing_grpc_server_requests_total',
    help: 'gRPC calls answered, by service, method and status code.',
    labelNames,
  });
  const duration = histogram(registry, {
    name: 'ticketing_grpc_server_duration_seconds',
    help: 'Time from a gRPC call arriving to its answer (or, for a stream, its end), in seconds.',
    labelNames,
  });
  const byPath = new Map<string, Map<string, Children>>();
  return {
    onCallEnd(path, code, seconds) {
      let byCode = byPath.get(path);
      if (!byCode) byPath.set(path, (byCode = new Map()));
      let children = byCode.get(code);
      if (!children) {
        const [service = '', method = ''] = path.replace(/^\//, '').split('/');
        children = { count: requests.labels(service, method, code), duration: duration.labels(service, method, code) };
        byCode.set(code, children);
      }
      children.count.inc();
      children.duration.observe(seconds);
    },
  };
}
