import { credentials } from '@grpc/grpc-js';
import { createClient } from '@ticketing/contracts';
import { dropDatabase } from '@ticketing/db';
import { bearerMetadata, unaryCall } from '@ticketing/grpc-kit';
import { createLogger } from '@ticketing/logger';
import { createTestDatabaseUrl, deleteRedisKeys, TEST_REDIS_URL, uniqueName } from '@ticketing/testing';
import { startAuth, type AuthApp } from '../app';
import type { AuthConfig } from '../config';

export const TEST_SERVICE_SECRET = 'test-service-secret-0123456789abcdef';

/** Everything a test file needs from one auth service on its own database and Redis prefix. */
export interface TestAuth {
  app: AuthApp;
  config: AuthConfig;
  call<Res = any>(method: string, request: unknown, token?: string): Promise<Res>;
  stop(): Promise<void>;
}

export function testConfig(label: string, overrides: Partial<AuthConfig> = {}): AuthConfig {
  return {
    HOST: '127.0.0.1',
    PORT: 0,
    METRICS_PORT: 0,
    DATABASE_URL: createTestDatabaseUrl(label),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `${uniqueName(label)}:`,
    LOG_LEVEL: 'silent',
    ACCESS_TOKEN_TTL_SEC: 900,
    REFRESH_TOKEN_TTL_SEC: 1_209_600,
    SERVICE_TOKEN_TTL_SEC: 300,
    SERVICE_TOKEN_SECRET: TEST_SERVICE_SECRET,
    BOOTSTRAP_ADMIN_EMAIL: undefined,
    BOOTSTRAP_ADMIN_PASSWORD: undefined,
    LOGIN_FREE_FAILURES_PER_PAIR: 1000,
    LOGIN_FREE_FAILURES_PER_EMAIL: 1000,
    LOGIN_FREE_FAILURES_PER_ADDRESS: 1000,
    LOGIN_FIRST_DELAY_SEC: 1,
    LOGIN_MAX_DELAY_SEC: 900,
    LOGIN_MAX_DELAY_PER_EMAIL_SEC: 60,
    LOGIN_FAILURE_WINDOW_SEC: 900,
    ...overrides,
  };
}

// TEST_LOG_LEVEL=debug shows what the service logged while a test ran.
export const silentLogger = () => createLogger({ service: 'auth-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export async function startTestAuth(label: string, overrides: Partial<AuthConfig> = {}): Promise<TestAuth> {
  const config = testConfig(label, overrides);
  const app = await startAuth(config, silentLogger());
  const client = createClient('auth', `127.0.0.1:${app.grpc.port}`, credentials.createInsecure());
  return {
    app,
    config,
    // Generous deadline: argon2 is meant to be slow, and CI machines are loaded.
    call: (method, request, token) =>
      unaryCall(client, method, request, { deadlineMs: 15_000, metadata: bearerMetadata(token) }),
    stop: async () => {
      client.close();
      await app.stop();
      await cleanUp(config);
    },
  };
}

/** Drops the file's database and every Redis key under its prefix. */
export async function cleanUp(config: AuthConfig): Promise<void> {
  await dropDatabase(config.DATABASE_URL);
  // The test server, not config.REDIS_URL: a test may have pointed the service at a dead one.
  await deleteRedisKeys(config.REDIS_KEY_PREFIX);
}

let counter = 0;
/** A fresh address per test, so tests in one file never share an account. */
export function newEmail(label = 'user'): string {
  counter += 1;
  return `${label}-${counter}-${Date.now().toString(36)}@example.com`;
}

export const GOOD_PASSWORD = 'Correct-Horse-7';

export async function signUpAndLogIn(auth: TestAuth, email = newEmail(), clientAddress = '') {
  const { user } = await auth.call('signUp', { email, password: GOOD_PASSWORD });
  const tokens = await auth.call('logIn', { email, password: GOOD_PASSWORD, clientAddress });
  return { user, email, ...tokens } as {
    user: { id: string; email: string; roles: string[]; createdAt: string };
    email: string;
    accessToken: string;
    refreshToken: string;
    expiresIn: number;
    tokenType: string;
  };
}
