import { env, loadConfig } from '@ticketing/config';

export function readGatewayConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(8080),
      AUTH_GRPC_URL: env.hostPort('127.0.0.1:50051'),
      CATALOG_GRPC_URL: env.hostPort('127.0.0.1:50052'),
      QUEUE_GRPC_URL: env.hostPort('127.0.0.1:50053'),
      RESERVATION_GRPC_URL: env.hostPort('127.0.0.1:50054'),
      PAYMENT_GRPC_URL: env.hostPort('127.0.0.1:50055'),
      /** Every upstream call has this deadline, so a stuck service becomes a 504, never a hang. */
      GRPC_DEADLINE_MS: env.milliseconds(2000),
      BODY_LIMIT_BYTES: env.milliseconds(64 * 1024),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type GatewayConfig = ReturnType<typeof readGatewayConfig>;
