import type { MikroORM } from '@mikro-orm/postgresql';
import { authServiceAuthenticator } from '@ticketing/auth-tokens';
import { serviceDefinition } from '@ticketing/contracts';
import { createOrm } from '@ticketing/db';
import { serveService, type GrpcServerHandle } from '@ticketing/grpc-kit';
import { stopAll } from '@ticketing/lifecycle';
import type { Logger } from '@ticketing/logger';
import type { PaymentConfig } from './config';
import { migrations } from './db/migrations';
import { paymentHandlers } from './grpc/payment.handlers';

export interface PaymentApp {
  orm: MikroORM;
  grpc: GrpcServerHandle;
  stop(): Promise<void>;
}

/** Database (migrated) first, then the gRPC server; stopped in reverse. */
export async function startPayment(config: PaymentConfig, logger: Logger): Promise<PaymentApp> {
  const orm = await createOrm({
    url: config.DATABASE_URL,
    entities: [],
    migrations,
    log: (message) => logger.debug({ component: 'orm' }, message),
  });
  // Callers are verified here too, not only at the gateway: internal callers are users as well.
  const { authenticate, close: closeAuthClient } = authServiceAuthenticator(config.AUTH_GRPC_URL, null);
  let grpc: GrpcServerHandle;
  try {
    grpc = await serveService(`${config.HOST}:${config.PORT}`, serviceDefinition('payment'), paymentHandlers(orm), {
      logger,
      authenticate,
      allowUnimplemented: true,
    });
  } catch (error) {
    closeAuthClient();
    await orm.close();
    throw error;
  }
  return {
    orm,
    grpc,
    stop: () =>
      stopAll([
        ['grpc server', () => grpc.stop(5000)],
        ['auth client', () => closeAuthClient()],
        ['database pool', () => orm.close()],
      ]),
  };
}
