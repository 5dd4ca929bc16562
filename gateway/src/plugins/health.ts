import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AppError } from '@ticketing/errors';
import { checkHealth } from '@ticketing/grpc-kit';
import { SERVICE_FULL_NAMES, SERVICE_NAMES, type ServiceName } from '@ticketing/contracts';
import { sendProblem } from './problem-errors';

export interface HealthOptions {
  addresses: Record<ServiceName, string>;
  timeoutMs?: number;
}

/** /healthz: this process is alive. /readyz: every upstream answers the gRPC health protocol. */
export default fp(async function health(app: FastifyInstance, options: HealthOptions) {
  const statusSchema = { type: 'object', properties: { status: { type: 'string' } } } as const;
  app.get(
    '/healthz',
    { config: { access: 'public' }, schema: { tags: ['health'], response: { 200: statusSchema } } },
    async () => ({ status: 'ok' }),
  );

  app.get('/readyz', { config: { access: 'public' }, schema: { tags: ['health'] } }, async (request, reply) => {
    const results = await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const ok = await checkHealth(options.addresses[name], SERVICE_FULL_NAMES[name], options.timeoutMs ?? 1000);
        return [name, ok ? 'SERVING' : 'NOT_SERVING'] as const;
      }),
    );
    const services = Object.fromEntries(results);
    if (results.every(([, state]) => state === 'SERVING')) return { status: 'ready', services };
    const down = results.filter(([, state]) => state !== 'SERVING').map(([name]) => name);
    return sendProblem(
      request,
      reply,
      new AppError('SERVICE_UNAVAILABLE', `not ready: ${down.join(', ')}`, { services }),
    );
  });
});
