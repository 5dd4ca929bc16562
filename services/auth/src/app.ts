import type { MikroORM } from '@mikro-orm/postgresql';
import type Redis from 'ioredis';
import { createTokenVerifier } from '@ticketing/auth-tokens';
import { serviceDefinition } from '@ticketing/contracts';
import { createOrm } from '@ticketing/db';
import { serveService, type GrpcServerHandle } from '@ticketing/grpc-kit';
import { stopAll } from '@ticketing/lifecycle';
import type { Logger } from '@ticketing/logger';
import { startMetricsServer, type MetricsServer } from '@ticketing/metrics';
import { bootstrapAdmin } from './app/bootstrap-admin';
import type { AuthDeps } from './app/deps';
import { ensureSigningKey } from './app/ensure-signing-key';
import { getJwks } from './app/get-jwks';
import { bootstrapAdminProblems, type AuthConfig } from './config';
import { AccessTokenSigner } from './crypto/access-token-signer';
import { PasswordHasher } from './crypto/password-hasher';
import { migrations } from './db/migrations';
import { SigningKeyEntity } from './db/signing-key.entity';
import { UserEntity } from './db/user.entity';
import { authHandlers } from './grpc/auth.handlers';
import { authMetrics } from './metrics';
import { connectRedis } from './redis/connect-redis';
import { LoginThrottle } from './redis/login-throttle';

export interface AuthApp {
  orm: MikroORM;
  redis: Redis;
  grpc: GrpcServerHandle;
  /** The use cases' dependencies, for operations that have no RPC (key rotation) and for tests. */
  deps: AuthDeps;
  /** Serves GET /metrics on METRICS_PORT. */
  metrics: MetricsServer;
  stop(): Promise<void>;
}

type StopStep = [name: string, stop: () => Promise<unknown>];

/** Database (migrated), Redis, signing key and bootstrap admin, then the gRPC server; stopped in reverse. */
export async function startAuth(config: AuthConfig, logger: Logger): Promise<AuthApp> {
  // Checked before touching any infrastructure: a bad variable should not leave half a boot behind.
  const adminProblems = bootstrapAdminProblems(config.BOOTSTRAP_ADMIN_EMAIL, config.BOOTSTRAP_ADMIN_PASSWORD);
  if (adminProblems.length > 0) throw new Error(adminProblems.join('; '));

  const stopSteps: StopStep[] = [];
  const stop = () => stopAll(stopSteps);
  try {
    const orm = await createOrm({
      url: config.DATABASE_URL,
      entities: [UserEntity, SigningKeyEntity],
      migrations,
      log: (message) => logger.debug({ component: 'orm' }, message),
    });
    stopSteps.unshift(['database pool', () => orm.close()]);
    const redis = await connectRedis(config.REDIS_URL, logger);
    stopSteps.unshift(['redis', () => redis.quit()]);

    const deps = buildDeps(config, orm, redis);
    await ensureSigningKey(deps, logger);
    if (config.BOOTSTRAP_ADMIN_EMAIL && config.BOOTSTRAP_ADMIN_PASSWORD) {
      await bootstrapAdmin(
        deps,
        { email: config.BOOTSTRAP_ADMIN_EMAIL, password: config.BOOTSTRAP_ADMIN_PASSWORD },
        logger,
      );
    }
    await deps.passwords.warmUp();

    // The service checks tokens against its own key store: no network hop to itself, same rules as everyone.
    const authenticate = createTokenVerifier({
      loadJwks: async () => ({ keys: await getJwks(deps) }),
      minReloadIntervalMs: 1000,
    });
    const metrics = authMetrics();
    const metricsServer = await startMetricsServer({
      registry: metrics.registry,
      host: config.HOST,
      port: config.METRICS_PORT,
    });
    stopSteps.unshift(['metrics server', () => metricsServer.stop()]);
    const grpc = await serveService(`${config.HOST}:${config.PORT}`, serviceDefinition('auth'), authHandlers(deps), {
      logger,
      authenticate,
      onCallEnd: metrics.onCallEnd,
    });
    stopSteps.unshift(['grpc server', () => grpc.stop(5000)]);
    return { orm, redis, grpc, deps, metrics: metricsServer, stop };
  } catch (error) {
    await stop().catch((stopError: unknown) => logger.error({ err: stopError }, 'cleanup after failed boot failed'));
    throw error;
  }
}

function buildDeps(config: AuthConfig, orm: MikroORM, redis: Redis): AuthDeps {
  return {
    orm,
    passwords: new PasswordHasher(),
    signer: new AccessTokenSigner(),
    throttle: new LoginThrottle(redis, config.REDIS_KEY_PREFIX, {
      pair: { freeFailures: config.LOGIN_FREE_FAILURES_PER_PAIR, maxDelayMs: config.LOGIN_MAX_DELAY_SEC * 1000 },
      email: {
        freeFailures: config.LOGIN_FREE_FAILURES_PER_EMAIL,
        maxDelayMs: config.LOGIN_MAX_DELAY_PER_EMAIL_SEC * 1000,
      },
      address: { freeFailures: config.LOGIN_FREE_FAILURES_PER_ADDRESS, maxDelayMs: config.LOGIN_MAX_DELAY_SEC * 1000 },
      firstDelayMs: config.LOGIN_FIRST_DELAY_SEC * 1000,
      windowMs: config.LOGIN_FAILURE_WINDOW_SEC * 1000,
    }),
    settings: {
      accessTokenTtlSec: config.ACCESS_TOKEN_TTL_SEC,
      refreshTokenTtlSec: config.REFRESH_TOKEN_TTL_SEC,
      serviceTokenTtlSec: config.SERVICE_TOKEN_TTL_SEC,
      serviceTokenSecret: config.SERVICE_TOKEN_SECRET,
    },
  };
}
