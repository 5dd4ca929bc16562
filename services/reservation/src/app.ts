import type { MikroORM } from '@mikro-orm/postgresql';
import { createTokenVerifier, jwksFromAuthService } from '@ticketing/auth-tokens';
import { serviceDefinition } from '@ticketing/contracts';
import { createOrm } from '@ticketing/db';
import { serveService, type GrpcServerHandle } from '@ticketing/grpc-kit';
import { stopAll } from '@ticketing/lifecycle';
import type { Logger } from '@ticketing/logger';
import type { ReservationConfig } from './config';
import { migrations } from './db/migrations';
import { reservationHandlers } from './grpc/reservation.handlers';

export interface ReservationApp {
  orm: MikroORM;
  grpc: GrpcServerHandle;
  stop(): Promise<void>;
}

/** Database (migrated) first, then the gRPC server; stopped in reverse. */
export async function startReservation(config: ReservationConfig, logger: Logger): Promise<ReservationApp> {
  const orm = await createOrm({
    url: config.DATABASE_URL,
    entities: [],
    migrations,
    log: (message) => logger.debug({ component: 'orm' }, message),
  });
  // Callers are verified here too, not only at the gateway: internal callers are users as well.
  const jwks = jwksFromAuthService(config.AUTH_GRPC_URL);
  const authenticate = createTokenVerifier({ loadJwks: jwks.load });
  let grpc: GrpcServerHandle;
  try {
    grpc = await serveService(`${config.HOST}:${config.PORT}`, serviceDefinition('reservation'), reservationHandlers(orm), {
      logger,
      authenticate,
      allowUnimplemented: true,
    });
  } catch (error) {
    jwks.close();
    await orm.close();
    throw error;
  }
  return {
    orm,
    grpc,
    stop: () =>
      stopAll([
        ['grpc server', () => grpc.stop(5000)],
        ['auth client', () => jwks.close()],
        ['database pool', () => orm.close()],
      ]),
  };
}
