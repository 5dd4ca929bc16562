import type { MikroORM } from '@mikro-orm/postgresql';
import { serviceDefinition } from '@ticketing/contracts';
import { createOrm } from '@ticketing/db';
import { serveService, type GrpcServerHandle } from '@ticketing/grpc-kit';
import { stopAll } from '@ticketing/lifecycle';
import type { Logger } from '@ticketing/logger';
import type { CatalogConfig } from './config';
import { EventEntity } from './db/event.entity';
import { migrations } from './db/migrations';
import { catalogHandlers } from './grpc/catalog.handlers';

export interface CatalogApp {
  orm: MikroORM;
  grpc: GrpcServerHandle;
  stop(): Promise<void>;
}

/** Builds and starts the catalog: database (migrated), then the gRPC server; stops in reverse. */
export async function startCatalog(config: CatalogConfig, logger: Logger): Promise<CatalogApp> {
  const orm = await createOrm({
    url: config.DATABASE_URL,
    entities: [EventEntity],
    migrations,
    log: (message) => logger.debug({ component: 'orm' }, message),
  });
  let grpc: GrpcServerHandle;
  try {
    grpc = await serveService(`${config.HOST}:${config.PORT}`, serviceDefinition('catalog'), catalogHandlers(orm), {
      logger,
      allowUnimplemented: true,
    });
  } catch (error) {
    await orm.close();
    throw error;
  }
  return {
    orm,
    grpc,
    stop: () =>
      stopAll([
        ['grpc server', () => grpc.stop(5000)],
        ['database pool', () => orm.close()],
      ]),
  };
}
