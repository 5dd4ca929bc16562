import type { MikroORM } from '@mikro-orm/postgresql';
import { callerAuthenticator } from '@ticketing/auth-tokens';
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
import type { PaymentDeps } from './app/deps';
import { ProviderCallbacks } from './app/handle-provider-callback';
import type { PaymentProvider } from './app/payment-provider';
import { reservationHoldReader } from './clients/reservation-holds.client';
import type { PaymentConfig } from './config';
import { migrations } from './db/migrations';
import { startRefundRequestedConsumer } from './events/refund-requested.consumer';
import { paymentHandlers } from './grpc/payment.handlers';
import { paymentMetrics } from './metrics';
import { SandboxProviderClient } from './providers/sandbox-provider.client';

export interface PaymentApp {
  orm: MikroORM;
  grpc: GrpcServerHandle;
  nats: NatsConnection;
  relay: OutboxRelay;
  refunds: RunningConsumer;
  deps: PaymentDeps;
  /** Serves GET /metrics on METRICS_PORT. */
  metrics: MetricsServer;
  stop(): Promise<void>;
}

export interface PaymentOverrides {
  /** Tests verify callers with their own tokens instead of the auth service's. */
  authenticate?: Authenticator;
  /** Tests may stand in for the provider; by default the sandbox provider at PAYMENT_PROVIDER_URL. */
  provider?: PaymentProvider;
  now?: () => Date;
  /** How long a failed refund request waits before it is tried again. */
  refundRetryDelayMs?: number;
}

/**
 * Builds and starts payment: database (migrated), NATS (stream, outbox relay), the refund
 * consumer, then the gRPC server. Whatever started is stopped in reverse order, also when a later
 * step fails: gRPC stops accepting and answers in-flight calls, the consumer stops, the relay
 * flushes, and the clients, NATS and the pool close.
 */
export async function startPayment(
  config: PaymentConfig,
  logger: Logger,
  overrides: PaymentOverrides = {},
): Promise<PaymentApp> {
  const started: Array<[string, () => Promise<unknown> | unknown]> = [];
  const stop = () => stopAll([...started].reverse());
  try {
    const orm = await createOrm({
      url: config.DATABASE_URL,
      entities: [],
      migrations,
      log: (message) => logger.debug({ component: 'orm' }, message),
    });
    started.push(['database pool', () => orm.close()]);

    const nats = await connectNats(config.NATS_URL, 'payment');
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

    const metrics = paymentMetrics({ orm, nats, stream: stream.name, logger });
    const holds = reservationHoldReader(config.RESERVATION_GRPC_URL);
    started.push(['reservation client', () => holds.close()]);
    const deps: PaymentDeps = {
      orm,
      logger,
      now: overrides.now ?? (() => new Date()),
      provider:
        overrides.provider ??
        new SandboxProviderClient({
          baseUrl: config.PAYMENT_PROVIDER_URL,
          timeoutMs: config.PAYMENT_PROVIDER_TIMEOUT_MS,
        }),
      holds,
      webhook: { secret: config.PAYMENT_WEBHOOK_SECRET, toleranceSec: config.WEBHOOK_TOLERANCE_SEC },
      wakeOutboxRelay: () => relay.kick(),
      counters: metrics.counters,
    };
    const refunds = await startRefundRequestedConsumer({
      nats,
      orm,
      stream: stream.name,
      subjectPrefix: config.EVENT_SUBJECT_PREFIX,
      logger,
      deps,
      retryDelayMs: overrides.refundRetryDelayMs,
    });
    started.push(['refund consumer', () => refunds.stop()]);
    const callbacks = new ProviderCallbacks(deps, {
      maxBatch: config.CALLBACK_BATCH_MAX,
      lanes: config.CALLBACK_LANES,
    });
    started.push(['callback batches', () => callbacks.idle()]);

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
      serviceDefinition('payment'),
      paymentHandlers(deps, callbacks),
      {
        logger,
        authenticate,
        onCallEnd: metrics.onCallEnd,
      },
    );
    started.push(['grpc server', () => grpc.stop(5000)]);
    return { orm, grpc, nats, relay, refunds, deps, metrics: metricsServer, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
