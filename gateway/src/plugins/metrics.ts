import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { createRegistry, httpMetrics, type HttpMetrics, type Registry } from '@ticketing/metrics';

/** The gateway's metric set: the process, and HTTP requests by method, route pattern and status. */
export function gatewayMetrics(): { registry: Registry; http: HttpMetrics } {
  const registry = createRegistry();
  return { registry, http: httpMetrics(registry) };
}

/**
 * `GET /metrics` (Prometheus text) on the API's own port, out of the OpenAPI document and of rate
 * limits (edge-protection). Every answer is counted and timed by its route pattern, never its raw
 * URL, so ids in paths do not make new series.
 */
export default fp(async function metrics(app: FastifyInstance) {
  const { registry, http } = gatewayMetrics();
  app.addHook('onResponse', (request, reply, done) => {
    http.record(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
});
