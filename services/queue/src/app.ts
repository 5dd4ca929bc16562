import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { callerAuthenticator } from '@ticketing/auth-tokens';
import { serviceDefinition } from '@ticketing/contracts';
import { serveService, type Authenticator, type GrpcServerHandle } from '@ticketing/grpc-kit';
import { stopAll } from '@ticketing/lifecycle';
import type { Logger } from '@ticketing/logger';
import { startMetricsServer, type MetricsServer } from '@ticketing/metrics';
import { connectNats, ensureStream, streamFor, type NatsConnection } from '@ticketing/nats-kit';
import { createQueueTokens } from '@ticketing/queue-tokens';
import type { QueueDeps } from './app/deps';
import { moveActiveWindows, type MoverDeps } from './app/move-window';
import { startTicker } from './app/ticker';
import { WatchHub } from './app/watch-hub';
import type { QueueConfig } from './config';
import { startFactsConsumers } from './events/queue-facts.consumers';
import { windowStepPublisher } from './events/window-advanced';
import { queueHandlers } from './grpc/queue.handlers';
import { queueMetrics } from './metrics';
import { connectRedis } from './redis/connect-redis';
import { QueueStore } from './redis/queue-store';
import { WindowStore } from './redis/window-store';

export interface QueueApp {
  redis: Redis;
  nats: NatsConnection;
  grpc: GrpcServerHandle;
  hub: WatchHub;
  /** Serves GET /metrics on METRICS_PORT. */
  metrics: MetricsServer;
  stop(): Promise<void>;
}

export interface QueueOverrides {
  /** Tests verify callers with their own tokens instead of the auth service's. */
  authenticate?: Authenticator;
  /** Tests wrap the step publisher, e.g. to fail between the publish and the commit. */
  wrapPublish?: (publish: MoverDeps['publish']) => MoverDeps['publish'];
}

/** A session's keys outlive the end of its sales by this much (late status reads, late events). */
const RETENTION_MS = 24 * 3_600_000;

/**
 * Redis, NATS (stream, the consumers of session and stock facts), the ticker (mover and
 * watchers), then the gRPC server. Stopped in reverse: open watch streams end first (gRPC would
 * otherwise wait for them), then gRPC finishes in-flight calls, the ticker and consumers stop,
 * NATS drains and Redis closes. The queue keeps no SQL database.
 */
export async function startQueue(
  config: QueueConfig,
  logger: Logger,
  overrides: QueueOverrides = {},
): Promise<QueueApp> {
  const started: Array<[string, () => Promise<unknown> | unknown]> = [];
  let stopping: Promise<void> | undefined;
  // Once: a second stop (a signal during a test's own stop) waits for the first.
  const stop = () => (stopping ??= stopAll([...started].reverse()));
  try {
    const redis = await connectRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX);
    started.push(['redis', () => redis.quit()]);
    const nats = await connectNats(config.NATS_URL, 'queue');
    started.push(['nats', () => nats.drain()]);
    const stream = streamFor(config.EVENT_SUBJECT_PREFIX);
    await ensureStream(nats, stream);

    const defaults = {
      ratePerSec: config.QUEUE_DEFAULT_ADMISSION_RATE,
      maxLength: config.QUEUE_DEFAULT_MAX_LENGTH,
      retentionMs: RETENTION_MS,
    };
    const store = new QueueStore(redis, defaults);
    const metrics = queueMetrics({ store, nats, stream: stream.name, logger });
    const deps: QueueDeps = {
      store,
      tokens: createQueueTokens(config.QUEUE_TOKEN_SECRET),
      logger,
      now: Date.now,
      counters: metrics.counters,
    };
    const consumers = await startFactsConsumers({
      nats,
      stream: stream.name,
      subjectPrefix: config.EVENT_SUBJECT_PREFIX,
      store,
      logger,
    });
    started.push(['consumers', () => Promise.all(consumers.map((c) => c.stop()))]);

    const publish = windowStepPublisher(nats, config.EVENT_SUBJECT_PREFIX);
    const mover: MoverDeps = {
      windows: new WindowStore(redis, defaults),
      publish: overrides.wrapPublish ? overrides.wrapPublish(publish) : publish,
      owner: randomUUID(),
      // Renewed on every tick; another instance takes over a session after a few missed ticks.
      leaseMs: Math.max(1000, 5 * config.ADMISSION_TICK_MS),
      ttlMs: config.ADMISSION_TTL_SEC * 1000,
      defaultRatePerSec: config.QUEUE_DEFAULT_ADMISSION_RATE,
      now: Date.now,
      admitted: metrics.admitted,
    };
    const hub = new WatchHub(deps, Math.max(1000, config.ADMISSION_TICK_MS));
    const onMoveError = (error: unknown) => logger.warn({ err: (error as Error).message }, 'window move failed');
    const ticker = startTicker(
      config.ADMISSION_TICK_MS,
      async () => {
        await moveActiveWindows(mover, await store.activeSessions(), onMoveError);
        await hub.refresh();
      },
      logger,
    );
    started.push(['ticker', () => ticker.stop()]);

    // Callers are verified here too, not only at the gateway: internal callers are users as well.
    const callers = callerAuthenticator(config.AUTH_GRPC_URL, overrides.authenticate);
    started.push(['auth client', () => callers.close()]);
    const { authenticate } = callers;
    const metricsServer = await startMetricsServer({
      registry: metrics.registry,
      host: config.HOST,
      port: config.METRICS_PORT,
    });
    started.push(['metrics server', () => metricsServer.stop()]);
    const grpc = await serveService(
      `${config.HOST}:${config.PORT}`,
      serviceDefinition('queue'),
      queueHandlers(deps, hub),
      { logger, authenticate, onCallEnd: metrics.onCallEnd },
    );
    started.push(['grpc server', () => grpc.stop(5000)]);
    started.push(['watch streams', () => hub.close()]);
    return { redis, nats, grpc, hub, metrics: metricsServer, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
