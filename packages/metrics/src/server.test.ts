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

  it('when any other path or method is asked for, then it answers 404 problem+json, as the gateway does', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/metrics/%00'],
      ['POST', '/metrics'],
      ['DELETE', '/metrics'],
    ]) {
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { method });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
  });

  it('when the port is taken, then starting fails with a message that names METRICS_PORT', async () => {
    await expect(startMetricsServer({ registry, port: server.port, host: '127.0.0.1' })).rejects.toThrow(
      /^METRICS_PORT: cannot listen on 127\.0\.0\.1:\d+/,
    );
  });
});
