import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import type Redis from 'ioredis';
import { AppError } from '@ticketing/errors';
import type { GatewayConfig } from '../config';

export interface EdgeProtectionOptions {
  config: GatewayConfig;
  /** Shared by every gateway replica, so a client cannot multiply its limit by spreading requests. */
  redis: Redis;
}

const RETRY_AFTER_OVERLOADED_SEC = 5;

/** Security headers, CORS, load shedding and rate limits: what every public route gets. */
export default fp(async function edgeProtection(app: FastifyInstance, { config, redis }: EdgeProtectionOptions) {
  // The API serves JSON only; /docs sets its own CSP (swagger-ui staticCSP).
  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(cors, {
    origin: config.CORS_ORIGINS === '*' ? '*' : config.CORS_ORIGINS.split(',').map((o) => o.trim()),
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposedHeaders: ['Retry-After', 'X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
    maxAge: 600,
  });

  await app.register(underPressure, {
    maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
    retryAfter: RETRY_AFTER_OVERLOADED_SEC,
    pressureHandler: (_request, reply) => {
      reply.header('retry-after', String(RETRY_AFTER_OVERLOADED_SEC));
      throw new AppError('OVERLOADED', 'the server is overloaded; retry shortly', {
        retryAfterSeconds: RETRY_AFTER_OVERLOADED_SEC,
      });
    },
  });

  await app.register(rateLimit, {
    // After authentication (onRequest), so a signed-in user is limited as a user, not as an address.
    hook: 'preHandler',
    redis,
    nameSpace: `${config.REDIS_KEY_PREFIX}rl:`,
    timeWindow: 60_000,
    max: (request) => (request.principal ? config.RATE_LIMIT_USER_PER_MIN : config.RATE_LIMIT_ANONYMOUS_PER_MIN),
    keyGenerator: (request) => (request.principal ? `user:${request.principal.subject}` : `addr:${request.ip}`),
    // A Redis outage must not take the API down with it: requests pass, and the log says so.
    skipOnError: true,
    allowList: (request) => request.url === '/healthz' || request.url === '/readyz' || request.url === '/metrics',
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'RATE_LIMITED',
        `rate limit of ${context.max} requests per minute reached; retry in ${Math.ceil(context.ttl / 1000)} s`,
        {
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        },
      ),
  });
});
