import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '@ticketing/logger';
import type { ServiceName } from '@ticketing/contracts';
import { upstreamCaller, type UpstreamCaller } from './clients/call-upstream';
import type { Upstreams } from './clients/upstreams';
import type { GatewayConfig } from './config';
import health from './plugins/health';
import openapi from './plugins/openapi';
import problemErrors from './plugins/problem-errors';
import eventRoutes from './routes/events';

declare module 'fastify' {
  interface FastifyInstance {
    upstream: UpstreamCaller;
  }
}

export interface GatewayDeps {
  config: GatewayConfig;
  logger: Logger;
  upstreams: Upstreams;
  addresses: Record<ServiceName, string>;
}

/** The gateway as a factory: main.ts listens on it, tests inject requests into it. */
export async function buildApp(deps: GatewayDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    // A caller-supplied id is kept for correlation only when it is short and plain.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    return503OnClosing: true,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.decorate('upstream', upstreamCaller(deps.upstreams, deps.config.GRPC_DEADLINE_MS));

  await app.register(problemErrors);
  await app.register(openapi);
  await app.register(health, { addresses: deps.addresses });
  await app.register(eventRoutes);
  return app;
}
