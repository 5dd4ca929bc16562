import { counter, createRegistry } from './registry';
import { startMetricsServer, type MetricsServer } from './server';

describe('startMetricsServer', () => {
  let server: MetricsServer;
  const registry = createRegistry({ defaultMetrics: false });
  counter(registry, { name: 'served_total', help: 'x' }).inc(2);

  beforeAll(async () => {
    server = await startMetricsServer({ registry, port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.stop());

  it('when /metrics is fetched, then it answers the registry in Prometheus text format', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(registry.contentType);
    expect(await response.text()).toMatch(/^served_total 2$/m);
  });

  it('when any other path is fetched, then it answers 404', async () => {
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
  });

  it('when the port is taken, then starting fails with a message that names METRICS_PORT', async () => {
    await expect(startMetricsServer({ registry, port: server.port, host: '127.0.0.1' })).rejects.toThrow(
      /^METRICS_PORT: cannot listen on 127\.0\.0\.1:\d+/,
    );
  });
});
