import { counter, createRegistry, metricNames, scrapeGauge } from './registry';

describe('createRegistry', () => {
  it('when a registry is made, then it exports Node process and event-loop metrics without a prefix', async () => {
    const text = await createRegistry().metrics();
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
  });

  it('when two registries are made in one process, then a metric of one is not in the other', () => {
    const first = createRegistry({ defaultMetrics: false });
    const second = createRegistry({ defaultMetrics: false });
    counter(first, { name: 'only_here_total', help: 'x' });
    expect(metricNames(first)).toEqual(['only_here_total']);
    expect(metricNames(second)).toEqual([]);
  });
});

describe('scrapeGauge', () => {
  it('when scraped twice, then the second read replaces the first: a session gone is not reported', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    const reads = [
      [
        { labels: { session_id: 'a' }, value: 3 },
        { labels: { session_id: 'b' }, value: 5 },
      ],
      [{ labels: { session_id: 'b' }, value: 4 }],
    ];
    scrapeGauge(registry, { name: 'stock', help: 'x', labelNames: ['session_id'], read: async () => reads.shift()! });
    expect(await registry.metrics()).toMatch(/stock\{session_id="a"\} 3\nstock\{session_id="b"\} 5/);
    const second = await registry.metrics();
    expect(second).toMatch(/stock\{session_id="b"\} 4/);
    expect(second).not.toMatch(/session_id="a"/);
  });

  it('when the read fails, then the scrape still answers, without samples of that gauge, and the error is reported', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    const errors: unknown[] = [];
    counter(registry, { name: 'still_here_total', help: 'x' }).inc();
    scrapeGauge(registry, {
      name: 'backlog',
      help: 'x',
      labelNames: ['service'],
      read: () => Promise.reject(new Error('database down')),
      onError: (error) => errors.push(error),
    });
    const text = await registry.metrics();
    expect(text).toMatch(/^still_here_total 1$/m);
    expect(text).not.toMatch(/^backlog\{/m);
    expect(errors).toEqual([new Error('database down')]);
  });

  it('when no read is given, then the gauge is only declared: its name is listed', () => {
    const registry = createRegistry({ defaultMetrics: false });
    scrapeGauge(registry, { name: 'declared_only', help: 'x' });
    expect(metricNames(registry)).toEqual(['declared_only']);
  });
});
