import type { Registry } from 'prom-client';
import { counter, histogram } from './registry';

/** The route label of a request no route matched: its raw URL would let any caller add series. */
export const UNMATCHED_ROUTE = 'unmatched';

export interface HttpMetrics {
  /** `route` is the route's pattern (`/api/sessions/:sessionId/holds`), never the raw URL. */
  record(method: string, route: string | undefined, status: number, seconds: number): void;
}

interface Children {
  count: { inc(): void };
  duration: { observe(value: number): void };
}

/** Request counts and latency histograms by method, route pattern and status, for an HTTP server. */
export function httpMetrics(registry: Registry): HttpMetrics {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = counter(registry, {
    name: 'ticketing_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames,
  });
  const duration = histogram(registry, {
    name: 'ticketing_http_request_duration_seconds',
    help: 'Time from an HTTP request arriving to its answer, in seconds.',
    labelNames,
  });
  // route -> method -> status: children made once and kept, nothing allocated per request after that.
  const cache = new Map<string, Map<string, Map<number, Children>>>();
  return {
    record(method, route = UNMATCHED_ROUTE, status, seconds) {
      let byMethod = cache.get(route);
      if (!byMethod) cache.set(route, (byMethod = new Map()));
      let byStatus = byMethod.get(method);
      if (!byStatus) byMethod.set(method, (byStatus = new Map()));
      let children = byStatus.get(status);
      if (!children) {
        const labels = [method, route, String(status)] as const;
        children = { count: requests.labels(...labels), duration: duration.labels(...labels) };
        byStatus.set(status, children);
      }
      children.count.inc();
      children.duration.observe(seconds);
    },
  };
}
