import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export { Registry, type Counter, type Gauge, type Histogram } from 'prom-client';

/**
 * One registry per process (tests start several apps in one process, each with its own), with
 * Node's process and event-loop metrics under their standard names (no prefix), so stock
 * dashboards for Node work as they are.
 */
export function createRegistry(options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

interface MetricSpec<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

export function counter<L extends string = never>(registry: Registry, spec: MetricSpec<L>): Counter<L> {
  return new Counter({ ...spec, labelNames: spec.labelNames ?? [], registers: [registry] });
}

export function gauge<L extends string = never>(registry: Registry, spec: MetricSpec<L>): Gauge<L> {
  return new Gauge({ ...spec, labelNames: spec.labelNames ?? [], registers: [registry] });
}

/** Request latencies from 1 ms to 10 s: a hold answers in milliseconds, a slow upstream in seconds. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function histogram<L extends string = never>(
  registry: Registry,
  spec: MetricSpec<L> & { buckets?: number[] },
): Histogram<L> {
  return new Histogram({
    ...spec,
    labelNames: spec.labelNames ?? [],
    buckets: spec.buckets ?? LATENCY_BUCKETS,
    registers: [registry],
  });
}

export interface Sample<L extends string> {
  labels: Record<L, string>;
  value: number;
}

export interface ScrapeGaugeSpec<L extends string> extends MetricSpec<L> {
  /**
   * Reads the current values when Prometheus scrapes; absent when only the metric's shape is
   * wanted (a test listing what a process exports). Each scrape replaces the previous samples, so
   * a session that is gone stops being reported.
   */
  read?: () => Promise<ReadonlyArray<Sample<L>>>;
  /**
   * A failed read leaves the gauge without samples for that scrape instead of failing the whole
   * scrape. Give such gauges labels: prom-client shows a label-less gauge as 0 once reset.
   */
  onError?: (error: unknown) => void;
}

/** A gauge whose values need I/O (SQL, Redis, JetStream): read on scrape only, never on a request's path. */
export function scrapeGauge<L extends string = never>(registry: Registry, spec: ScrapeGaugeSpec<L>): Gauge<L> {
  const { read, onError, ...shape } = spec;
  return new Gauge<L>({
    ...shape,
    labelNames: shape.labelNames ?? [],
    registers: [registry],
    ...(read && {
      async collect() {
        let samples: ReadonlyArray<Sample<L>> = [];
        try {
          samples = await read();
        } catch (error) {
          onError?.(error);
        }
        this.reset();
        for (const sample of samples) this.set(sample.labels, sample.value);
      },
    }),
  });
}

/** Every metric name a registry exports (histograms by their base name): what alert rules may name. */
export function metricNames(registry: Registry): string[] {
  return registry.getMetricsAsArray().map((metric) => metric.name);
}
