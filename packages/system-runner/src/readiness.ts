import type { ChildProcess } from 'node:child_process';
import { checkHealth } from '@ticketing/grpc-kit';
import { hasExited } from './child-process';
import type { ProcessName } from './processes';

/**
 * Whether one process answers its own readiness check: the gateway's /readyz (which also needs every
 * gRPC service), the provider's /healthz, and for a gRPC service the standard health check on its
 * port. A service serves gRPC last in its start, after migrations, NATS and consumers, so SERVING
 * means it is fully up.
 */
export async function isReady(name: ProcessName, ports: Record<ProcessName, number>): Promise<boolean> {
  if (name === 'gateway') return answersOk(`http://127.0.0.1:${ports.gateway}/readyz`);
  if (name === 'sandbox-provider') return answersOk(`http://127.0.0.1:${ports[name]}/healthz`);
  return checkHealth(`127.0.0.1:${ports[name]}`, '', 1000);
}

export interface Watched {
  children: Map<ProcessName, ChildProcess>;
  ports: Record<ProcessName, number>;
  stderrTail(name: ProcessName): string;
}

/** Polls until every one of `names` is ready; fails at once when one of them exits. */
export async function waitUntilReady(system: Watched, names: readonly ProcessName[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const name of names) {
      const child = system.children.get(name);
      if (child && hasExited(child)) {
        const how = child.exitCode !== null ? `with code ${child.exitCode}` : `on ${child.signalCode}`;
        throw new Error(`${name} exited ${how} while starting:\n${system.stderrTail(name)}`);
      }
    }
    const ready = await Promise.all(names.map((name) => isReady(name, system.ports)));
    if (ready.every(Boolean)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${names.join(', ')} not ready within ${timeoutMs} ms`);
}

async function answersOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false; // not listening yet
  }
}
