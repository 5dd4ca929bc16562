import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PROCESSES, REPO_ROOT, type ProcessName } from './processes';

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
  children: Map<ProcessName, ChildProcess>;
  /** Last lines written to stderr by a process: what to show when it dies. */
  stderrTail(name: ProcessName): string;
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
  const children = new Map<ProcessName, ChildProcess>();
  const tails = new Map<ProcessName, string[]>();
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });
  const secrets = launchSecrets(options.env);

  for (const spec of PROCESSES) {
    const entry = path.join(REPO_ROOT, spec.entry);
    if (!existsSync(entry)) throw new Error(`${spec.entry} is missing: run "npx turbo run build" first`);
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...secrets,
        ...processEnv(spec.name, ports, options),
        ...(spec.defaultMetricsPort === undefined ? {} : { METRICS_PORT: String(metricsPorts[spec.name]) }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group: a Ctrl-C in the terminal reaches only the runner, which then stops
      // each process once, gateway first (a second signal would mean "exit now" to them).
      detached: true,
    });
    children.set(spec.name, child);
    tails.set(spec.name, []);
    child.stderr.on('data', (chunk: Buffer) => {
      const lines = tails.get(spec.name)!;
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      lines.splice(0, Math.max(0, lines.length - 20));
    });
    if (options.logDir) {
      const log = createWriteStream(path.join(options.logDir, `${spec.name}.log`), { flags: 'a' });
      child.stdout.pipe(log);
      child.stderr.pipe(log);
    } else {
      child.stdout.resume();
    }
  }

  const system: System = {
    gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
    providerUrl: `http://127.0.0.1:${ports['sandbox-provider']}`,
    ports,
    metricsPorts,
    children,
    stderrTail: (name) => (tails.get(name) ?? []).join('\n'),
    stop: (timeoutMs = 10_000) => stopChildren(children, timeoutMs),
  };
  try {
    await waitUntilReady(system, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await system.stop(5000);
    throw error;
  }
  return system;
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

async function waitUntilReady(system: System, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const [name, child] of system.children) {
      if (child.exitCode !== null) {
        throw new Error(`${name} exited with code ${child.exitCode} while starting:\n${system.stderrTail(name)}`);
      }
    }
    // The gateway's readiness covers the gRPC services; the provider is a plain HTTP process.
    if ((await answersOk(`${system.gatewayUrl}/readyz`)) && (await answersOk(`${system.providerUrl}/healthz`))) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the system was not ready within ${timeoutMs} ms (${system.gatewayUrl}/readyz)`);
}

async function answersOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false; // not listening yet
  }
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

function terminate(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}
