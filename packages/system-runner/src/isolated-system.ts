import { dropDatabase } from '@ticketing/db';
import { deleteStreamOf } from '@ticketing/nats-kit';
import { TEST_NATS_URL, TEST_POSTGRES_URL, deleteRedisKeys, freePort, uniqueName } from '@ticketing/testing';
import { PROCESSES } from './processes';
import { startSystem, type System, type SystemOptions } from './start-system';

export interface IsolatedSystem extends System {
  /** Names the run's databases (`<prefix>_<service>`), stream, subjects and Redis keys. */
  prefix: string;
  /** Stops the processes, then drops the run's databases, stream and Redis keys. */
  teardown(): Promise<void>;
}

/**
 * The whole system on free ports with databases, stream and Redis keys of its own, so end-to-end
 * test files and benchmarks can run beside each other and beside `npm start`, and leave nothing.
 */
export async function startIsolatedSystem(label: string, options: SystemOptions = {}): Promise<IsolatedSystem> {
  const prefix = uniqueName(label);
  const ports = Object.fromEntries(await Promise.all(PROCESSES.map(async (p) => [p.name, await freePort()] as const)));
  const metricsPorts = Object.fromEntries(
    await Promise.all(
      PROCESSES.filter((p) => p.defaultMetricsPort !== undefined).map(async (p) => [p.name, await freePort()] as const),
    ),
  );
  // The processes and the teardown must agree on the server that holds the run's stream.
  const natsUrl = options.natsUrl ?? TEST_NATS_URL;
  const system = await startSystem({
    ports,
    metricsPorts,
    databasePrefix: prefix,
    redisKeyPrefix: `${prefix}:`,
    subjectPrefix: prefix,
    logLevel: 'warn',
    ...options,
    natsUrl,
  });
  return { ...system, prefix, teardown: () => stopAndClean(system, prefix, natsUrl) };
}

async function stopAndClean(system: System, prefix: string, natsUrl: string): Promise<void> {
  await system.stop();
  // Every step is tried even when one fails, so one leftover does not leave the others behind.
  const steps = await Promise.allSettled([
    ...PROCESSES.filter((p) => p.database).map((p) => dropDatabase(databaseUrl(prefix, p.name))),
    deleteStreamOf(natsUrl, prefix),
    deleteRedisKeys(`${prefix}:`),
  ]);
  const failures = steps.flatMap((step) => (step.status === 'rejected' ? [step.reason as unknown] : []));
  if (failures.length > 0) throw new AggregateError(failures, `clean-up of ${prefix} left something behind`);
}

/** The database of one service of an isolated system (`<prefix>_<service>`), for tests that read it. */
export function databaseUrl(prefix: string, service: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${prefix}_${service}`;
  return url.toString();
}
