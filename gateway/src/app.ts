import { randomUUID } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawRequestDefaultExpression,
} from 'fastify';
import type { Authenticator } from '@ticketing/grpc-kit';
import type { Logger } from '@ticketing/logger';
import type Redis from 'ioredis';
import type { ServiceName } from '@ticketing/contracts';
import { upstreamCaller, upstreamStreamer, type UpstreamCaller, type UpstreamStreamer } from './clients/call-upstream';
import { HoldBatches } from './clients/hold-batches';
import { RecentErrors } from './clients/recent-errors';
import type { ServiceTokenSource } from './clients/service-token';
import type { Upstreams } from './clients/upstreams';
import type { GatewayConfig } from './config';
import authentication from './plugins/authentication';
import edgeProtection from './plugins/edge-protection';
import health from './plugins/health';
import openapi from './plugins/openapi';
import malformedUrl, { rewriteMalformedUrl } from './plugins/malformed-url';
import metrics from './plugins/metrics';
import problemErrors, { frameworkError } from './plugins/problem-errors';
import failedRequests from './plugins/failed-requests';
import requestTelemetry from './plugins/request-telemetry';
import { errorCodeKeywords } from './plugins/schema-error-codes';
import unstorableText from './plugins/unstorable-text';
import adminAuditRoutes from './routes/admin-audit';
import adminCatalogRoutes from './routes/admin-catalog';
import adminErrorsRoutes from './routes/admin-errors';
import authRoutes from './routes/auth';
import eventRoutes from './routes/events';
import paymentRoutes from './routes/payments';
import queueRoutes from './routes/queue';
import reservationRoutes from './routes/reservations';
import sessionRoutes from './routes/sessions';
import ticketRoutes from './routes/tickets';

declare module 'fastify' {
  interface FastifyInstance {
    upstream: UpstreamCaller;
    upstreamStream: UpstreamStreamer;
    holdBatches: HoldBatches;
  }
}

export interface GatewayDeps {
  config: GatewayConfig;
  logger: Logger;
  upstreams: Upstreams;
  addresses: Record<ServiceName, string>;
  redis: Redis;
  /** Verifies access tokens locally against the auth service's JWKS. */
  authenticate: Authenticator;
  /** The gateway's own SERVICE token, for the calls where it vouches for buyers (holds). */
  serviceToken: ServiceTokenSource;
}

// Node's default limit on the request line and headers together.
const MAX_URL_BYTES = 16 * 1024;

/** The gateway as a factory: main.ts listens on it, tests inject requests into it. */
export async function buildApp(deps: GatewayDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // The cast picks Fastify's logger type for the instance's generics; without it the app is typed
    // with pino's Logger and no longer fits FastifyInstance (the lint rule sees only the argument).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    // A caller-supplied id is kept for correlation only when it is short and plain.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(given) ? given : randomUUID();
    },
    ajv: {
      // verbose: each failure carries its schema, which may name the code to answer with.
      customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false, verbose: true },
      plugins: [errorCodeKeywords],
    },
    rewriteUrl: (req: RawRequestDefaultExpression) => rewriteMalformedUrl(req.url ?? '/'),
    routerOptions: {
      // Every path parameter is bounded by its route's schema (400 naming it). The router's own
      // limit (100) guards regex parameters, which the gateway has none of, and answers past the
      // error handler; Node refuses request lines over 16 KiB, so this one never speaks first.
      maxParamLength: MAX_URL_BYTES,
    },
    frameworkErrors: frameworkError,
    return503OnClosing: true,
    // One line per request instead, with its trace id, outcome and latency (plugins/request-telemetry).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.config.TRUST_PROXY,
  });
  // The API speaks JSON only; anything else is 415, not a string the schemas would half-accept.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.decorate('upstream', upstreamCaller(deps.upstreams, deps.config.GRPC_DEADLINE_MS));
  app.decorate('upstreamStream', upstreamStreamer(deps.upstreams));
  const holdBatches = new HoldBatches(deps.upstreams.reservation, deps.serviceToken, {
    deadlineMs: deps.config.GRPC_DEADLINE_MS,
    maxBatch: deps.config.HOLD_BATCH_MAX,
  });
  app.decorate('holdBatches', holdBatches);
  // Fastify answers in-flight requests before closing; their batches finish with them.
  app.addHook('onClose', () => holdBatches.idle());

  // Order matters: load shedding and headers first, then who the caller is, then rate limits by caller.
  await app.register(requestTelemetry);
  // The error handler before any route: a route keeps the handler set when it was registered, and
  // /metrics registered first answered a refused query with Fastify's default 500 body.
  await app.register(problemErrors);
  await app.register(metrics);
  const recentErrors = new RecentErrors(deps.redis, `${deps.config.REDIS_KEY_PREFIX}recent-errors`);
  await app.register(failedRequests, { recentErrors });
  await app.register(malformedUrl);
  await app.register(unstorableText);
  await app.register(edgeProtection, { config: deps.config, redis: deps.redis });
  await app.register(authentication, { authenticate: deps.authenticate });
  await app.register(openapi);
  await app.register(health, { addresses: deps.addresses });
  await app.register(authRoutes);
  await app.register(eventRoutes);
  await app.register(sessionRoutes);
  await app.register(adminCatalogRoutes);
  await app.register(adminAuditRoutes);
  await app.register(adminErrorsRoutes, { recentErrors });
  await app.register(queueRoutes, {
    firstEventWithinMs: deps.config.GRPC_DEADLINE_MS,
    heartbeatMs: deps.config.SSE_HEARTBEAT_MS,
  });
  await app.register(reservationRoutes);
  await app.register(ticketRoutes);
  await app.register(paymentRoutes, {
    webhookRateLimitPerMin: deps.config.RATE_LIMIT_WEBHOOK_PER_MIN,
    checkoutDeadlineMs: deps.config.CHECKOUT_DEADLINE_MS,
  });
  return app;
}
