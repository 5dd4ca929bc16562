import { randomBytes } from 'node:crypto';

/** The real servers every integration test talks to; override for another machine. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * A name no other test file will use: test files run in parallel against shared servers,
 * so each gets its own database, stream and key prefix instead of cleaning up after others.
 */
export function uniqueName(label: string): string {
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 20);
  return `t_${safe}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** A URL for a database that does not exist yet; the service under test creates it. */
export function createTestDatabaseUrl(label: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${uniqueName(label)}`;
  return url.toString();
}
