import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { hasExited, killNow, launch, terminate, type LaunchSpec } from './child-process';
import { PROCESSES, REPO_ROOT, type ProcessName, type ProcessSpec } from './processes';
import { waitUntilReady } from './readiness';

export interface SystemOptions {
  ports?: Partial<Record<ProcessName, number>>;
  /** METRICS_PORT of the gRPC services (default: their defaultMetricsPort). */
  metricsPorts?: Partial<Record<ProcessName, number>>;
  /** Database names become `<databasePrefix>_<service>`; tests pass a unique prefix. */
  databasePrefix?: string;
  postgresUrl?: string;
  redisUrl?: string;
  /** Each process gets `<redisKeyPrefix><process>:` (default `ticketing:`), so systems can share one Redis. */
  redisKeyPrefix?: string;
  natsUrl?: string;
  /** Subjects are `<subjectPrefix>.<service>.<event>` (default `ticketing`); tests use their own. */
  subjectPrefix?: string;
  /** Extra variables for every process (e.g. secrets for development). */
  env?: Record<string, string>;
  /** Per-process overrides, applied last: lets a test break one process on purpose. */
  envFor?: Partial<Record<ProcessName, Record<string, string>>>;
  /** Where each process's stdout/stderr go; without it output is kept in memory only. */
  logDir?: string;
  logLevel?: string;
  readyTimeoutMs?: number;
  /** Extra Node flags for every process, e.g. `--cpu-prof` to profile a benchmark. */
  nodeArgs?: string[];
}

export interface System {
  gatewayUrl: string;
  /** The sandbox payment provider (its checkout pages and API). */
  providerUrl: string;
  ports: Record<ProcessName, number>;
  /** Where each process answers GET /metrics: its METRICS_PORT, or its own port for the HTTP processes. */
  metricsPorts: Record<ProcessName, number>;
  /** The running child of each process; `restart` replaces its entry. */
  children: Map<ProcessName, ChildProcess>;
  /** Last lines written to stderr by a process (across restarts): what to show when it dies. */
  stderrTail(name: ProcessName): string;
  /** SIGKILL to one process, as a crash would: no shutdown code runs. Resolves once it has exited. */
  kill(name: ProcessName): Promise<void>;
  /**
   * Starts an exited process again with the same command, environment (ports, secrets) and log
   * file, and resolves once that process alone is ready (see `isReady`); `readyAfterMs` counts
   * from the spawn. The others see it after their gRPC reconnect backoff: the gateway's /readyz
   * turned 200 about 1.5 s later in the tests, so a drill measures recovery at the gateway.
   */
  restart(name: ProcessName, options?: { readyTimeoutMs?: number }): Promise<{ readyAfterMs: number }>;
  /** SIGTERM to every process, gateway first; resolves with their exit codes. */
  stop(timeoutMs?: number): Promise<Record<string, number | null>>;
}

export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const ports = Object.fromEntries(PROCESSES.map((p) => [p.name, options.ports?.[p.name] ?? p.defaultPort])) as Record<
    ProcessName,
    number
  >;
  const metricsPorts = Object.fromEntries(
    PROCESSES.map((p) => [p.name, options.metricsPorts?.[p.name] ?? p.defaultMetricsPort ?? ports[p.name]]),
  ) as Record<ProcessName, number>;
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });
  const secrets = launchSecrets(options.env);
  // Built once: a restart must reuse the very secrets and ports the other processes already hold.
  const specs = new Map(PROCESSES.map((spec) => [spec.name, launchSpec(spec, ports, metricsPorts, secrets, options)]));
  const tails = new Map(PROCESSES.map((spec) => [spec.name, [] as string[]]));
  const children = new Map<ProcessName, ChildProcess>();
  const start = (name: ProcessName) => children.set(name, launch(specs.get(name)!, tails.get(name)!));

  for (const spec of PROCESSES) start(spec.name);

  const system: System = {
    gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
    providerUrl: `http://127.0.0.1:${ports['sandbox-provider']}`,
    ports,
    metricsPorts,
    children,
    stderrTail: (name) => (tails.get(name) ?? []).join('\n'),
    kill: (name) => killNow(children.get(name)!),
    restart: async (name, restartOptions = {}) => {
      // Two copies on one port would fight over it; a drill kills first, then restarts.
      if (!hasExited(children.get(name)!)) throw new Error(`${name} is still running: kill it before a restart`);
      const spawnedAt = Date.now();
      start(name);
      await waitUntilReady(system, [name], restartOptions.readyTimeoutMs ?? options.readyTimeoutMs ?? 60_000);
      return { readyAfterMs: Date.now() - spawnedAt };
    },
    stop: (timeoutMs = 10_000) => stopChildren(children, timeoutMs),
  };
  try {
    await waitUntilReady(
      system,
      PROCESSES.map((p) => p.name),
      options.readyTimeoutMs ?? 60_000,
    );
  } catch (error) {
    await system.stop(5000);
    throw error;
  }
  return system;
}

function launchSpec(
  spec: ProcessSpec,
  ports: Record<ProcessName, number>,
  metricsPorts: Record<ProcessName, number>,
  secrets: Record<string, string>,
  options: SystemOptions,
): LaunchSpec {
  const entry = path.join(REPO_ROOT, spec.entry);
  if (!existsSync(entry)) throw new Error(`${spec.entry} is missing: run "npx turbo run build" first`);
  return {
    command: process.execPath,
    args: [...(options.nodeArgs ?? []), entry],
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...secrets,
      ...processEnv(spec.name, ports, options),
      ...(spec.defaultMetricsPort === undefined ? {} : { METRICS_PORT: String(metricsPorts[spec.name]) }),
    },
    logFile: options.logDir ? path.join(options.logDir, `${spec.name}.log`) : undefined,
  };
}

/**
 * The secrets the processes share, one random value each per launched system unless given:
 * services prove who they are to auth (service tokens), the queue signs waiting-room tokens that
 * reservation checks, the provider signs webhooks that payment checks, reservation signs tickets.
 */
function launchSecrets(given: Record<string, string> = {}): Record<string, string> {
  const names = ['SERVICE_TOKEN_SECRET', 'QUEUE_TOKEN_SECRET', 'PAYMENT_WEBHOOK_SECRET', 'TICKET_QR_SECRET'];
  return Object.fromEntries(names.map((name) => [name, given[name] ?? randomBytes(32).toString('base64url')]));
}

function processEnv(
  name: ProcessName,
  ports: Record<ProcessName, number>,
  options: SystemOptions,
): Record<string, string> {
  const postgres = new URL(options.postgresUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  postgres.pathname = `/${options.databasePrefix ?? 'ticketing'}_${name}`;
  return {
    PORT: String(ports[name]),
    LOG_LEVEL: options.logLevel ?? 'info',
    DATABASE_URL: postgres.toString(),
    REDIS_URL: options.redisUrl ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `${options.redisKeyPrefix ?? 'ticketing:'}${name}:`,
    NATS_URL: options.natsUrl ?? 'nats://127.0.0.1:4222',
    EVENT_SUBJECT_PREFIX: options.subjectPrefix ?? 'ticketing',
    AUTH_GRPC_URL: `127.0.0.1:${ports.auth}`,
    CATALOG_GRPC_URL: `127.0.0.1:${ports.catalog}`,
    QUEUE_GRPC_URL: `127.0.0.1:${ports.queue}`,
    RESERVATION_GRPC_URL: `127.0.0.1:${ports.reservation}`,
    PAYMENT_GRPC_URL: `127.0.0.1:${ports.payment}`,
    PAYMENT_PROVIDER_URL: `http://127.0.0.1:${ports['sandbox-provider']}`,
    PROVIDER_PUBLIC_URL: `http://127.0.0.1:${ports['sandbox-provider']}`,
    PROVIDER_WEBHOOK_URL: `http://127.0.0.1:${ports.gateway}/api/payments/callback`,
    ...options.env,
    ...options.envFor?.[name],
  };
}

async function stopChildren(
  children: Map<ProcessName, ChildProcess>,
  timeoutMs: number,
): Promise<Record<string, number | null>> {
  const codes: Record<string, number | null> = {};
  // The gateway first, so no new work reaches services that are shutting down.
  const gateway = children.get('gateway');
  if (gateway) codes.gateway = await terminate(gateway, timeoutMs);
  const services = [...children].filter(([name]) => name !== 'gateway');
  await Promise.all(services.map(async ([name, child]) => (codes[name] = await terminate(child, timeoutMs))));
  return codes;
}
