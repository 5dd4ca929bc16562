import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { exportedSeries, processRegistries } from './exported-metrics';
import { metricNamesIn } from './promql-names';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const rules = (
  parse(read('deploy/observability/prometheus/alerts.yml')) as { groups: Array<{ rules: Rule[] }> }
).groups.flatMap((group) => group.rules);

interface Panel {
  title: string;
  datasource?: { uid?: string };
  targets?: Array<{ expr: string; datasource?: { uid?: string } }>;
  panels?: Panel[];
}
const dashboard = JSON.parse(read('deploy/observability/grafana/dashboards/sale.json')) as { panels: Panel[] };
const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);

const exported = exportedSeries();
const unknownIn = (expr: string) => metricNamesIn(expr).filter((name) => !exported.has(name));

describe('metric names in PromQL', () => {
  it('when an expression has functions, matchers, ranges and label lists, then only the metrics are named', () => {
    expect(
      metricNamesIn(
        'sum by (job, method) (rate(a_total{code=~"INTERNAL|x"}[5m] offset 2m)) / on (session_id) group_left b > bool 0.2 * c',
      ),
    ).toEqual(['a_total', 'b', 'c']);
    expect(metricNamesIn('histogram_quantile(0.95, sum by (le) (rate(d_bucket{route="/api/x"}[1m]))) > 1e-3')).toEqual([
      'd_bucket',
    ]);
  });
});

describe('the alert rules (deploy/observability/prometheus/alerts.yml)', () => {
  it('when the processes build their metric sets, then the seed’s domain metrics are among them', () => {
    const registries = processRegistries();
    const names = (process: string) => registries[process]!.getMetricsAsArray().map((m) => m.name);
    expect(names('reservation')).toEqual(
      expect.arrayContaining([
        'ticketing_holds_total',
        'ticketing_hold_expirations_total',
        'ticketing_tickets_sold_total',
        'ticketing_session_remaining_stock',
        'ticketing_outbox_backlog',
        'ticketing_consumer_pending',
        'ticketing_grpc_server_requests_total',
      ]),
    );
    expect(names('queue')).toEqual(
      expect.arrayContaining([
        'ticketing_queue_entered_total',
        'ticketing_queue_admitted_total',
        'ticketing_queue_waiting',
      ]),
    );
    expect(names('payment')).toEqual(
      expect.arrayContaining(['ticketing_payments_total', 'ticketing_payment_callbacks_total']),
    );
    expect(names('gateway')).toEqual(
      expect.arrayContaining(['ticketing_http_requests_total', 'process_cpu_seconds_total']),
    );
  });

  it('when the rules are read, then each is an alert with an expression, a for, a severity, a summary and a description', () => {
    expect(rules.length).toBeGreaterThanOrEqual(6);
    for (const rule of rules) {
      expect({ alert: rule.alert, expr: typeof rule.expr, for: rule.for }).toEqual({
        alert: expect.stringMatching(/^[A-Z][A-Za-z]+$/),
        expr: 'string',
        for: expect.stringMatching(/^\d+[smh]$/),
      });
      expect(rule.labels?.severity).toMatch(/^(critical|warning)$/);
      expect(rule.annotations?.summary).toEqual(expect.any(String));
      expect(rule.annotations?.description?.length).toBeGreaterThan(40);
    }
  });

  it('when the seed’s alarms are looked for, then each has a rule', () => {
    const alerts = rules.map((rule) => rule.alert);
    expect(alerts).toEqual(
      expect.arrayContaining([
        'PaymentSuccessRateLow',
        'HoldFailuresSurging',
        'AdmissionRateCollapsed',
        'RemainingStockNegative',
        'OutboxStuck',
        'ConsumerLagGrowing',
      ]),
    );
  });

  it('when every expression is read, then every metric it names is exported by some process', () => {
    const unknown = rules.flatMap((rule) => unknownIn(rule.expr).map((name) => `${rule.alert}: ${name}`));
    expect(unknown).toEqual([]);
    expect(rules.every((rule) => metricNamesIn(rule.expr).length > 0)).toBe(true);
  });

  it('when an expression names a metric no process exports, then it is caught', () => {
    expect(unknownIn('rate(ticketing_holds_totl[5m]) > 0')).toEqual(['ticketing_holds_totl']);
  });
});

describe('the sale dashboard (deploy/observability/grafana/dashboards/sale.json)', () => {
  it('when its panels are read, then every query uses the prometheus datasource and names only exported metrics', () => {
    const queries = panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel, target })));
    expect(queries.length).toBeGreaterThanOrEqual(10);
    const problems = queries.flatMap(({ panel, target }) => [
      ...unknownIn(target.expr).map((name) => `${panel.title}: ${name} is not exported`),
      ...((target.datasource?.uid ?? panel.datasource?.uid) === 'prometheus' ? [] : [`${panel.title}: datasource`]),
      ...(metricNamesIn(target.expr).length === 0 ? [`${panel.title}: no metric in ${target.expr}`] : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('when a sale is watched, then holds, hold p95, the waiting room, stock, payments, outbox and consumers are shown', () => {
    const named = new Set(panels.flatMap((p) => (p.targets ?? []).flatMap((t) => metricNamesIn(t.expr))));
    for (const metric of [
      'ticketing_holds_total',
      'ticketing_http_request_duration_seconds_bucket',
      'ticketing_grpc_server_duration_seconds_bucket',
      'ticketing_queue_waiting',
      'ticketing_queue_admitted_total',
      'ticketing_session_remaining_stock',
      'ticketing_payments_total',
      'ticketing_outbox_backlog',
      'ticketing_outbox_oldest_age_seconds',
      'ticketing_consumer_pending',
    ])
      expect(named).toContain(metric);
  });
});
