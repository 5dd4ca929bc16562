// The whole system for a benchmark: isolated (own databases, stream, Redis keys, free ports),
// with a bootstrap admin and the per-address limits lifted, and cleaned away afterwards.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../lib.mjs';

const require = createRequire(import.meta.url);
const { startIsolatedSystem } = require(path.join(ROOT, 'packages', 'system-runner'));

export const BENCH_ADMIN = { email: 'bench-admin@ticketing.local', password: 'Bench-Admin-2026' };

/**
 * `env`: settings for every process (e.g. a webhook secret the benchmark signs with); `envFor`: per
 * process (auth and the gateway keep the benchmark's settings); `natsUrl`: a NATS server of the
 * run's own (the drill's).
 */
export async function startBenchSystem(label, { nodeArgs = [], env = {}, envFor = {}, natsUrl } = {}) {
  console.log('starting the system');
  const system = await startIsolatedSystem(label, {
    logDir: path.join(ROOT, '.run', 'bench-logs'),
    nodeArgs,
    env,
    ...(natsUrl ? { natsUrl } : {}),
    envFor: {
      ...envFor,
      auth: { BOOTSTRAP_ADMIN_EMAIL: BENCH_ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: BENCH_ADMIN.password },
      // One machine plays thousands of clients from one address: lift the limits for the run.
      gateway: {
        RATE_LIMIT_ANONYMOUS_PER_MIN: '100000000',
        RATE_LIMIT_USER_PER_MIN: '100000000',
        RATE_LIMIT_WEBHOOK_PER_MIN: '100000000',
      },
    },
  });
  console.log(`system up (prefix ${system.prefix})`);
  return { system, prefix: system.prefix, teardown: () => system.teardown() };
}
