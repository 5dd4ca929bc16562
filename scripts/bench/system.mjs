// The whole system for a benchmark: isolated (own databases, stream, Redis keys, free ports),
// with a bootstrap admin and the per-address limits lifted, and cleaned away afterwards.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../lib.mjs';

const require = createRequire(import.meta.url);
const { startSystem, PROCESSES } = require(path.join(ROOT, 'packages', 'system-runner'));
const { deleteRedisKeys, freePort, uniqueName, TEST_POSTGRES_URL, TEST_NATS_URL } = require(
  path.join(ROOT, 'packages', 'testing'),
);

export const BENCH_ADMIN = { email: 'bench-admin@ticketing.local', password: 'Bench-Admin-2026' };

export async function startBenchSystem(label, { nodeArgs = [] } = {}) {
  const prefix = uniqueName(label);
  const ports = Object.fromEntries(await Promise.all(PROCESSES.map(async (p) => [p.name, await freePort()])));
  console.log(`starting the system (prefix ${prefix})`);
  const system = await startSystem({
    ports,
    databasePrefix: prefix,
    redisKeyPrefix: `${prefix}:`,
    subjectPrefix: prefix,
    logLevel: 'warn',
    logDir: path.join(ROOT, '.run', 'bench-logs'),
    nodeArgs,
    envFor: {
      auth: { BOOTSTRAP_ADMIN_EMAIL: BENCH_ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: BENCH_ADMIN.password },
      // One machine plays thousands of clients from one address: lift the limits for the run.
      gateway: { RATE_LIMIT_ANONYMOUS_PER_MIN: '100000000', RATE_LIMIT_USER_PER_MIN: '100000000' },
    },
  });
  return { system, prefix, teardown: () => stopAndClean(system, prefix) };
}

/** Stops the processes, then drops the run's databases, stream and Redis keys. */
async function stopAndClean(system, prefix) {
  await system.stop();
  const { dropDatabase } = require(path.join(ROOT, 'packages', 'db'));
  const { connectNats, streamFor } = require(path.join(ROOT, 'packages', 'nats-kit'));
  const { jetstreamManager } = require(
    require.resolve('@nats-io/jetstream', { paths: [path.join(ROOT, 'packages', 'nats-kit')] }),
  );
  await Promise.all(
    PROCESSES.filter((p) => p.database).map((p) => {
      const url = new URL(TEST_POSTGRES_URL);
      url.pathname = `/${prefix}_${p.name}`;
      return dropDatabase(url.toString()).catch(() => undefined);
    }),
  );
  const nats = await connectNats(TEST_NATS_URL, 'bench-cleanup').catch(() => null);
  if (nats) {
    await (await jetstreamManager(nats)).streams.delete(streamFor(prefix).name).catch(() => undefined);
    await nats.close();
  }
  await deleteRedisKeys(`${prefix}:`);
}
