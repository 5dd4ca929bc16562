import { env, loadConfig } from '@ticketing/config';

export function readPaymentConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(50055),
      DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/ticketing_payment'),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type PaymentConfig = ReturnType<typeof readPaymentConfig>;
