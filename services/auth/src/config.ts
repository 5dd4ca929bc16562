import { env, loadConfig } from '@ticketing/config';

export function readAuthConfig(source: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(50051),
      DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/ticketing_auth'),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type AuthConfig = ReturnType<typeof readAuthConfig>;
