import type { FastifyInstance } from 'fastify';
import { createRegistry, httpMetrics, type HttpMetrics, type Registry } from '@ticketing/metrics';

/** The provider's metric set: the process, and HTTP requests by method, route pattern and status. */
export function providerMetrics(): { registry: Registry; http: HttpMetrics } {
  const registry = createRegistry();
  return { registry, http: httpMetrics(registry) };
}

/** Counts and times every answer by its route pattern, and serves `GET /metrics` on the provider's port. */
export function installMetrics(app: FastifyInstance): void {
  const { registry, http } = providerMetrics();
  app.addHook('onResponse', (request, reply, done) => {
    http.record(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
