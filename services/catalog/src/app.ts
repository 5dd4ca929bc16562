import type { MikroORM } from '@mikro-orm/postgresql';
import Redis from 'ioredis';
import { authServiceAuthenticator } from '@ticketing/auth-tokens';
import { serviceDefinition } from '@ticketing/contracts';
import { createOrm } from '@ticketing/db';
import { serveService, type Authenticator, type GrpcServerHandle } from '@ticketing/grpc-kit';
import { stopAll } from '@ticketing/lifecycle';
import type { Logger } from '@ticketing/logger';
import { startMetricsServer, type MetricsServer } from '@ticketing/metrics';
import {
  connectNats,
  ensureStream,
  startOutboxRelay,
  streamFor,
  type NatsConnection,
  type OutboxRelay,
  type RunningConsumer,
} from '@ticketing/nats-kit';
import { SessionListings } from './app/session-listings';
import type { CatalogConfig } from './config';
import { EventEntity } from './db/event.entity';
import { migrations } from './db/migrations';
import { SeatEntity } from './db/seat.entity';
import { SessionEntity } from './db/session.entity';
import { startStockChangedConsumer } from './events/stock-changed.consumer';
import { catalogHandlers } from './grpc/catalog.handlers';
import { catalogMetrics } from './metrics';
import { redisStockStore } from './redis/stock-store';

export interface CatalogApp {
  orm: MikroORM;
  grpc: GrpcServerHandle;
  nats: NatsConnection;
  relay: OutboxRelay;
  /** Serves GET /metrics on METRICS_PORT. */
  metrics: MetricsServer;
  stop(): Promise<void>;
}

export interface CatalogOverrides {
  /** Tests verify callers with their own keys instead of the auth service's. */
  authenticate?: Authenticator;
}

// The envelope (id, type, time) and headers around a payload, with room to spare.
const ENVELOPE_ALLOWANCE_BYTES = 4096;

/**
 * Builds and starts the catalog: database (migrated), Redis, NATS (stream, outbox relay, stock
 * consumer), then the gRPC server. Whatever started is stopped in reverse order, also when a
 * later step fails.
 */
export async function startCatalog(
  config: CatalogConfig,
  logger: Logger,
  overrides: CatalogOverrides = {},
): Promise<CatalogApp> {
  const started: Array<[string, () => Promise<unknown> | unknown]> = [];
  const stop = () => stopAll([...started].reverse());
  try {
    const orm = await createOrm({
      url: config.DATABASE_URL,
      entities: [EventEntity, SessionEntity, SeatEntity],
      migrations,
      log: (message) => logger.debug({ component: 'orm' }, message),
    });
    started.push(['database pool', () => orm.close()]);

    let redisUp = false;
    const redis = new Redis(config.REDIS_URL, {
      maxRetriesPerRequest: 2,
      lazyConnect: true,
      // A failed boot connect is final, so the client ends with no reconnect timer or socket left behind.
      retryStrategy: (attempt) => (redisUp ? Math.min(attempt * 50, 2000) : null),
    });
    // After boot, ioredis reconnects by itself; a read that fails meanwhile fails that call only.
    redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection error'));
    await redis.connect().catch((error: Error) => {
      // Ended already: disconnect() would only arm ioredis' 2 s timer for a socket that is gone.
      if (redis.status !== 'end') redis.disconnect();
      throw new Error(`REDIS_URL: cannot connect to ${config.REDIS_URL} (${error.message})`);
    });
    redisUp = true;
    started.push(['redis', () => redis.quit()]);
    const stock = redisStockStore(redis, config.REDIS_KEY_PREFIX);

    const nats = await connectNats(config.NATS_URL, 'catalog');
    started.push(['nats', () => nats.drain()]);
    const stream = streamFor(config.EVENT_SUBJECT_PREFIX);
    await ensureStream(nats, stream);
    const relay = startOutboxRelay({
      orm,
      nats,
      subjectPrefix: config.EVENT_SUBJECT_PREFIX,
      logger: logger.child({ component: 'outbox' }),
    });
    started.push(['outbox relay', () => relay.stop()]);
    const consumer: RunningConsumer = await startStockChangedConsumer({
      nats,
      orm,
      stream: stream.name,
      subjectPrefix: config.EVENT_SUBJECT_PREFIX,
      stock,
      logger,
    });
    started.push(['stock consumer', () => consumer.stop()]);

    // Callers are verified here too, not only at the gateway: internal callers are users as well.
    let authenticate = overrides.authenticate;
    if (!authenticate) {
      const callers = authServiceAuthenticator(config.AUTH_GRPC_URL, null);
      started.push(['auth client', () => callers.close()]);
      authenticate = callers.authenticate;
    }

    const deps = {
      orm,
      stock,
      listings: new SessionListings(orm, config.SESSION_CACHE_TTL_MS),
      now: () => new Date(),
      maxEventBytes: (nats.info?.max_payload ?? 1024 * 1024) - ENVELOPE_ALLOWANCE_BYTES,
      wakeOutboxRelay: () => relay.kick(),
    };
    const metrics = catalogMetrics({ orm, nats, stream: stream.name, logger });
    const metricsServer = await startMetricsServer({
      registry: metrics.registry,
      host: config.HOST,
      port: config.METRICS_PORT,
    });
    started.push(['metrics server', () => metricsServer.stop()]);
    const grpc = await serveService(
      `${config.HOST}:${config.PORT}`,
      serviceDefinition('catalog'),
      catalogHandlers(deps),
      { logger, authenticate, onCallEnd: metrics.onCallEnd },
    );
    started.push(['grpc server', () => grpc.stop(5000)]);
    return { orm, grpc, nats, relay, metrics: metricsServer, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
