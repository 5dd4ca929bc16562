import type { MikroORM } from '@mikro-orm/postgresql';
import { callerAuthenticator } from '@ticketing/auth-tokens';
import { serviceDefinition } from '@ticketing/contracts';
import { createOrm } from '@ticketing/db';
import { serveService, type Authenticator, type GrpcServerHandle } from '@ticketing/grpc-kit';
import { stopAll } from '@ticketing/lifecycle';
import { createQueueTokens } from '@ticketing/queue-tokens';
import type { Logger } from '@ticketing/logger';
import { startMetricsServer, type MetricsServer } from '@ticketing/metrics';
import {
  connectNats,
  ensureStream,
  startOutboxRelay,
  streamFor,
  type NatsConnection,
  type OutboxRelay,
  type ReplayReader,
  type RunningConsumer,
} from '@ticketing/nats-kit';
import type { ReservationDeps } from './app/deps';
import { startSweeper, type Sweeper } from './app/expire-holds';
import { HoldTickets } from './app/hold-tickets';
import type { ReservationConfig } from './config';
import { migrations } from './db/migrations';
import { reservationMetrics } from './metrics';
import { AdmissionWindows } from './domain/admission-windows';
import { createTicketQrSigner } from './domain/ticket-qr';
import { startCatalogSessionConsumer } from './events/catalog-session.consumer';
import { startPaymentConsumer } from './events/payment.consumer';
import { startQueueWindowReader } from './events/queue-window.reader';
import { reservationHandlers } from './grpc/reservation.handlers';

export interface ReservationApp {
  orm: MikroORM;
  grpc: GrpcServerHandle;
  nats: NatsConnection;
  relay: OutboxRelay;
  sweeper: Sweeper;
  consumer: RunningConsumer;
  paymentConsumer: RunningConsumer;
  queueWindows: ReplayReader;
  holdTickets: HoldTickets;
  deps: ReservationDeps;
  /** Serves GET /metrics on METRICS_PORT. */
  metrics: MetricsServer;
  stop(): Promise<void>;
}

export interface ReservationOverrides {
  /** Tests verify callers with their own tokens instead of the auth service's. */
  authenticate?: Authenticator;
  now?: () => Date;
  /** Extra database connections for tests that run several batches side by side. */
  poolMax?: number;
}

/**
 * Builds and starts reservation: database (migrated), NATS (stream, outbox relay), the catalog
 * and payment consumers, the queue's admitted windows (read back from the stream before serving),
 * the sweeper (one pass before serving, so holds that expired while the service was down are
 * returned first), then the gRPC server. Whatever started is stopped in reverse order, also when
 * a later step fails: gRPC stops accepting and in-flight holds are answered, then the sweeper and
 * consumers stop, the relay flushes, and NATS and the pool close.
 */
export async function startReservation(
  config: ReservationConfig,
  logger: Logger,
  overrides: ReservationOverrides = {},
): Promise<ReservationApp> {
  const started: Array<[string, () => Promise<unknown> | unknown]> = [];
  const stop = () => stopAll([...started].reverse());
  try {
    const orm = await createOrm({
      url: config.DATABASE_URL,
      entities: [],
      migrations,
      poolMax: overrides.poolMax,
      log: (message) => logger.debug({ component: 'orm' }, message),
    });
    started.push(['database pool', () => orm.close()]);

    const nats = await connectNats(config.NATS_URL, 'reservation');
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

    const now = overrides.now ?? (() => new Date());
    const metrics = reservationMetrics({ orm, nats, stream: stream.name, logger, now });
    const windows = new AdmissionWindows();
    const deps: ReservationDeps = {
      orm,
      logger,
      now,
      holdTtlSec: config.HOLD_TTL_SEC,
      wakeOutboxRelay: () => relay.kick(),
      queueTokens: createQueueTokens(config.QUEUE_TOKEN_SECRET),
      admission: windows,
      ticketQr: createTicketQrSigner(config.TICKET_QR_KEY_ID, config.TICKET_QR_SECRET),
      cancellationCutoffHours: config.CANCELLATION_CUTOFF_HOURS,
      counters: metrics.counters,
    };
    const consumer = await startCatalogSessionConsumer({
      nats,
      orm,
      stream: stream.name,
      subjectPrefix: config.EVENT_SUBJECT_PREFIX,
      logger,
      now,
      wakeOutboxRelay: deps.wakeOutboxRelay,
    });
    started.push(['catalog consumer', () => consumer.stop()]);
    const paymentConsumer = await startPaymentConsumer({
      nats,
      orm,
      stream: stream.name,
      subjectPrefix: config.EVENT_SUBJECT_PREFIX,
      logger,
      now,
      wakeOutboxRelay: deps.wakeOutboxRelay,
      ticketsSold: deps.counters.ticketsSold,
    });
    started.push(['payment consumer', () => paymentConsumer.stop()]);
    const queueWindows = await startQueueWindowReader({
      nats,
      stream: stream.name,
      subjectPrefix: config.EVENT_SUBJECT_PREFIX,
      lookbackSec: config.ADMISSION_LOOKBACK_SEC,
      windows,
      now,
      logger,
    });
    started.push(['queue windows', () => queueWindows.stop()]);
    const sweeper = await startSweeper(deps, {
      intervalMs: config.SWEEP_INTERVAL_MS,
      idempotencyTtlHours: config.IDEMPOTENCY_TTL_HOURS,
    });
    started.push(['sweeper', () => sweeper.stop()]);
    const holdTickets = new HoldTickets(deps, config.HOLD_BATCH_MAX);
    started.push(['hold batches', () => holdTickets.idle()]);

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
      serviceDefinition('reservation'),
      reservationHandlers(deps, holdTickets, config.TRUSTED_GATEWAYS),
      { logger, authenticate, onCallEnd: metrics.onCallEnd },
    );
    started.push(['grpc server', () => grpc.stop(5000)]);
    return {
      orm,
      grpc,
      nats,
      relay,
      sweeper,
      consumer,
      paymentConsumer,
      queueWindows,
      holdTickets,
      deps,
      metrics: metricsServer,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
