import { z } from 'zod';
import { ConfigError, env, loadConfig } from '@ticketing/config';
import { isAcceptableEmail, normaliseEmail } from './domain/email';
import { describeWeaknesses, passwordWeaknesses } from './domain/password-policy';

const seconds = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

export function readAuthConfig(source: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(
    {
      HOST: env.host('127.0.0.1'),
      PORT: env.port(50051),
      /** GET /metrics (Prometheus) on HOST; 0 takes any free port. */
      METRICS_PORT: env.port(9451),
      DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/ticketing_auth'),
      REDIS_URL: env.redisUrl(),
      REDIS_KEY_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9:_-]+$/, 'must be letters, digits, ":", "_" or "-"')
        .default('ticketing:auth:'),
      LOG_LEVEL: env.logLevel(),
      ACCESS_TOKEN_TTL_SEC: seconds(900),
      REFRESH_TOKEN_TTL_SEC: seconds(1_209_600),
      SERVICE_TOKEN_TTL_SEC: seconds(300),
      SERVICE_TOKEN_SECRET: env.secret(32),
      BOOTSTRAP_ADMIN_EMAIL: z.string().optional(),
      BOOTSTRAP_ADMIN_PASSWORD: z.string().optional(),
      LOGIN_FREE_FAILURES_PER_PAIR: count(5),
      LOGIN_FREE_FAILURES_PER_EMAIL: count(100),
      LOGIN_FREE_FAILURES_PER_ADDRESS: count(20),
      LOGIN_FIRST_DELAY_SEC: seconds(1),
      LOGIN_MAX_DELAY_SEC: seconds(900),
      LOGIN_MAX_DELAY_PER_EMAIL_SEC: seconds(60),
      LOGIN_FAILURE_WINDOW_SEC: seconds(900),
    },
    source,
  );
  const problems = [
    ...bootstrapAdminProblems(config.BOOTSTRAP_ADMIN_EMAIL, config.BOOTSTRAP_ADMIN_PASSWORD),
    ...loginThrottleProblems(config),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export type AuthConfig = ReturnType<typeof readAuthConfig>;

type ThrottleSettings = Pick<
  AuthConfig,
  | 'LOGIN_FREE_FAILURES_PER_PAIR'
  | 'LOGIN_FREE_FAILURES_PER_EMAIL'
  | 'LOGIN_FIRST_DELAY_SEC'
  | 'LOGIN_MAX_DELAY_SEC'
  | 'LOGIN_MAX_DELAY_PER_EMAIL_SEC'
>;

/** Settings that are each valid but together would make a delay shrink or the per-email ceiling pointless. */
function loginThrottleProblems(config: ThrottleSettings): string[] {
  const problems: string[] = [];
  for (const name of ['LOGIN_MAX_DELAY_SEC', 'LOGIN_MAX_DELAY_PER_EMAIL_SEC'] as const) {
    if (config[name] < config.LOGIN_FIRST_DELAY_SEC) problems.push(`${name}: must be at least LOGIN_FIRST_DELAY_SEC`);
  }
  if (config.LOGIN_FREE_FAILURES_PER_EMAIL < config.LOGIN_FREE_FAILURES_PER_PAIR) {
    problems.push('LOGIN_FREE_FAILURES_PER_EMAIL: must be at least LOGIN_FREE_FAILURES_PER_PAIR');
  }
  return problems;
}

/** The pair is checked here so a typo stops the process at boot, not at the first admin log-in. */
export function bootstrapAdminProblems(email: string | undefined, password: string | undefined): string[] {
  if (email === undefined && password === undefined) return [];
  if (email === undefined || password === undefined) {
    return ['BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD: set both or neither'];
  }
  const problems: string[] = [];
  if (!isAcceptableEmail(normaliseEmail(email))) problems.push('BOOTSTRAP_ADMIN_EMAIL: must be an email address');
  const weaknesses = passwordWeaknesses(password);
  if (weaknesses.length > 0) problems.push(`BOOTSTRAP_ADMIN_PASSWORD: ${describeWeaknesses(weaknesses)}`);
  return problems;
}
