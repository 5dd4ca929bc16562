import { env, loadConfig } from '@ticketing/config';

export function readReservationConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(50054),
      DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/ticketing_reservation'),
      /** Where this service fetches the public keys that verify callers' access tokens. */
      AUTH_GRPC_URL: env.hostPort('127.0.0.1:50051'),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type ReservationConfig = ReturnType<typeof readReservationConfig>;
