import { Type } from '@sinclair/typebox';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AppError } from '@ticketing/errors';
import { checkHealth } from '@ticketing/grpc-kit';
import { SERVICE_FULL_NAMES, SERVICE_NAMES, type ServiceName } from '@ticketing/contracts';
import { problems } from '../routes/schemas';
import { sendProblem } from './problem-errors';

export interface HealthOptions {
  addresses: Record<ServiceName, string>;
  timeoutMs?: number;
}

/** /healthz: this process is alive. /readyz: every upstream answers the gRPC health protocol. */
export default fp(async function health(app: FastifyInstance, options: HealthOptions) {
  // Never rate limited, never calling a service: only bad input, a crash or load shedding go wrong.
  const failures = problems([400, 500, 503]);
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }), ...failures } },
    },
    async () => ({ status: 'ok' }),
  );

  const Readiness = Type.Object({
    status: Type.Literal('ready'),
    services: Type.Record(Type.String(), Type.Literal('SERVING')),
  });
  const readiness = { tags: ['health'], response: { 200: Readiness, ...failures } };
  app.get('/readyz', { config: { access: 'public' }, schema: readiness }, async (request, reply) => {
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
