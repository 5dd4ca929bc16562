import type { Registry } from '@ticketing/metrics';
import { gatewayMetrics } from '../../gateway/src/plugins/metrics';
import { authMetrics } from '../../services/auth/src/metrics';
import { catalogMetrics } from '../../services/catalog/src/metrics';
import { paymentMetrics } from '../../services/payment/src/metrics';
import { queueMetrics } from '../../services/queue/src/metrics';
import { reservationMetrics } from '../../services/reservation/src/metrics';
import { providerMetrics } from '../../services/sandbox-provider/src/http/metrics';

/** Each process's metric set, built by the same function the process builds it with (no I/O). */
export function processRegistries(): Record<string, Registry> {
  return {
    gateway: gatewayMetrics().registry,
    'sandbox-provider': providerMetrics().registry,
    auth: authMetrics().registry,
    catalog: catalogMetrics().registry,
    queue: queueMetrics().registry,
    reservation: reservationMetrics().registry,
    payment: paymentMetrics().registry,
  };
}

/** Series names Prometheus can query for a metric: a histogram's `_bucket`, `_sum` and `_count`, a summary's too. */
function seriesNames(metric: { name: string; type: string }): string[] {
  if (metric.type === 'histogram') return ['_bucket', '_sum', '_count'].map((suffix) => metric.name + suffix);
  if (metric.type === 'summary') return [metric.name, `${metric.name}_sum`, `${metric.name}_count`];
  return [metric.name];
}

/** Every series name some process exports, with the processes that export it. */
export function exportedSeries(): Map<string, string[]> {
  const exported = new Map<string, string[]>();
  for (const [process, registry] of Object.entries(processRegistries())) {
    for (const metric of registry.getMetricsAsArray()) {
      for (const name of seriesNames({ name: metric.name, type: String(metric.type) })) {
        exported.set(name, [...(exported.get(name) ?? []), process]);
      }
    }
  }
  return exported;
}
