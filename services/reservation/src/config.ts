import { env, loadConfig } from '@ticketing/config';

export function readReservationConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(50054),
      DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/ticketing_reservation'),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type ReservationConfig = ReturnType<typeof readReservationConfig>;
