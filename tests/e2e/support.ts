import { jetstreamManager } from '@nats-io/jetstream';
import { dropDatabase } from '@ticketing/db';
import { connectNats, streamFor } from '@ticketing/nats-kit';
import { PROCESSES, startSystem, type System, type SystemOptions } from '@ticketing/system-runner';
import { TEST_NATS_URL, TEST_POSTGRES_URL, deleteRedisKeys, freePort, uniqueName } from '@ticketing/testing';

/**
 * Every e2e file runs its own whole system: all six processes from their built dist/, on free
 * ports, with databases and Redis keys of its own, so files can run side by side.
 */
export async function startIsolatedSystem(
  label: string,
  options: SystemOptions = {},
): Promise<System & { teardown(): Promise<void> }> {
  const prefix = uniqueName(label);
  const ports = Object.fromEntries(await Promise.all(PROCESSES.map(async (p) => [p.name, await freePort()] as const)));
  const system = await startSystem({
    ports,
    databasePrefix: prefix,
    redisKeyPrefix: `${prefix}:`,
    subjectPrefix: prefix,
    logLevel: 'warn',
    ...options,
  });
  return {
    ...system,
    teardown: async () => {
      await system.stop();
      await Promise.all(databaseUrls(prefix).map((url) => dropDatabase(url)));
      await deleteStream(prefix);
      await deleteRedisKeys(`${prefix}:`);
    },
  };
}

function databaseUrls(prefix: string): string[] {
  return PROCESSES.filter((p) => p.database).map((p) => {
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${prefix}_${p.name}`;
    return url.toString();
  });
}

export async function call(base: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function deleteStream(prefix: string): Promise<void> {
  const nc = await connectNats(TEST_NATS_URL, 'e2e-teardown');
  try {
    await (await jetstreamManager(nc)).streams.delete(streamFor(prefix).name).catch(() => undefined);
  } finally {
    await nc.close();
  }
}
