export {
  createRegistry,
  counter,
  gauge,
  histogram,
  scrapeGauge,
  metricNames,
  LATENCY_BUCKETS,
  Registry,
  type Counter,
  type Gauge,
  type Histogram,
  type Sample,
  type ScrapeGaugeSpec,
} from './registry';
export { grpcServerMetrics, type OnCallEnd } from './grpc-server';
export { httpMetrics, UNMATCHED_ROUTE, type HttpMetrics } from './http';
export { startMetricsServer, type MetricsServer } from './server';
export { outboxMetrics, consumerPendingMetrics } from './event-metrics';
