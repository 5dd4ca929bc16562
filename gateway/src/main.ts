// First: the modules it instruments must load after it.
import { tracing } from './tracing';
import Redis from 'ioredis';
import { authServiceAuthenticator } from '@ticketing/auth-tokens';
import { createLogger } from '@ticketing/logger';
import { runProcess } from '@ticketing/lifecycle';
import { buildApp } from './app';
import { authServiceToken } from './clients/service-token';
import { createUpstreams, upstreamAddresses } from './clients/upstreams';
import { readGatewayConfig } from './config';

runProcess('gateway', async () => {
  const config = readGatewayConfig();
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const addresses = upstreamAddresses(config);
  const upstreams = createUpstreams(addresses);
  // Auto-pipelining: the rate-limit commands of one event-loop tick go out in one socket write
  // instead of one write (system call) each, which was most of Redis's cost in the gateway.
  const redis = new Redis(config.REDIS_URL, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    enableAutoPipelining: true,
  });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis unavailable: rate limits are not enforced'));
  const callers = authServiceAuthenticator(config.AUTH_GRPC_URL);
  const { authenticate } = callers;
  const serviceToken = authServiceToken(upstreams.auth, {
    serviceName: config.GATEWAY_SERVICE_NAME,
    secret: config.SERVICE_TOKEN_SECRET,
    deadlineMs: config.GRPC_DEADLINE_MS,
  });
  const app = await buildApp({ config, logger, upstreams, addresses, redis, authenticate, serviceToken });
  await app.listen({ host: config.HOST, port: config.PORT });
  return {
    logger,
    stop: async () => {
      // Fastify stops accepting, answers 503 to new requests and waits for in-flight ones.
      await app.close();
      upstreams.close();
      callers.close();
      redis.disconnect();
      await tracing.shutdown();
    },
  };
});
