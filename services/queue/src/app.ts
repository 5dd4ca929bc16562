import type Redis from 'ioredis';
import { createTokenVerifier, jwksFromAuthService } from '@ticketing/auth-tokens';
import { serviceDefinition } from '@ticketing/contracts';
import { serveService, type GrpcServerHandle } from '@ticketing/grpc-kit';
import { stopAll } from '@ticketing/lifecycle';
import type { Logger } from '@ticketing/logger';
import type { QueueConfig } from './config';
import { queueHandlers } from './grpc/queue.handlers';
import { connectRedis } from './redis/connect-redis';

export interface QueueApp {
  redis: Redis;
  grpc: GrpcServerHandle;
  stop(): Promise<void>;
}

/** Redis first, then the gRPC server; stopped in reverse. The queue keeps no SQL database. */
export async function startQueue(config: QueueConfig, logger: Logger): Promise<QueueApp> {
  const redis = await connectRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  // Callers are verified here too, not only at the gateway: internal callers are users as well.
  const jwks = jwksFromAuthService(config.AUTH_GRPC_URL);
  const authenticate = createTokenVerifier({ loadJwks: jwks.load });
  let grpc: GrpcServerHandle;
  try {
    grpc = await serveService(`${config.HOST}:${config.PORT}`, serviceDefinition('queue'), queueHandlers(redis), {
      logger,
      authenticate,
      allowUnimplemented: true,
    });
  } catch (error) {
    jwks.close();
    redis.disconnect();
    throw error;
  }
  return {
    redis,
    grpc,
    stop: () =>
      stopAll([
        ['grpc server', () => grpc.stop(5000)],
        ['auth client', () => jwks.close()],
        ['redis', () => redis.quit()],
      ]),
  };
}
