import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectNats } from '@ticketing/nats-kit';
import { freePort } from '@ticketing/testing';
import { hasExited, killNow, launch, terminate, type LaunchSpec } from './child-process';

export interface NatsServerOptions {
  /** Default: a free port. */
  port?: number;
  /** JetStream's store; default a new temporary directory, removed by `stop`. A given one is left in place. */
  storeDir?: string;
  /** Where the server's output goes (appended); without it only its last lines are kept. */
  logFile?: string;
  readyTimeoutMs?: number;
}

export interface NatsServer {
  url: string;
  port: number;
  storeDir: string;
  /** SIGKILL: JetStream gets no chance to flush, as in a crash. Resolves once it has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port and store, so streams, consumers and their positions come back. */
  restart(): Promise<void>;
  /** SIGTERM, then removes the store when it was a temporary one. */
  stop(): Promise<void>;
}

/**
 * A NATS JetStream server of the caller's own, for drills that kill the broker: the machine's shared
 * one (scripts/infra.sh) serves every other test and `npm start`, so it is never the one killed.
 */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServer> {
  const port = options.port ?? (await freePort());
  const storeDir = options.storeDir ?? mkdtempSync(path.join(tmpdir(), 'nats-js-'));
  const url = `nats://127.0.0.1:${port}`;
  const spec: LaunchSpec = {
    command: natsServerBinary(),
    args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
    env: process.env,
    logFile: options.logFile,
  };
  const tail: string[] = [];
  const timeoutMs = options.readyTimeoutMs ?? 15_000;
  const start = async (): Promise<ChildProcess> => {
    const child = launch(spec, tail);
    try {
      await untilJetStreamAnswers(url, child, tail, timeoutMs);
    } catch (error) {
      await killNow(child);
      throw error;
    }
    return child;
  };

  let child = await start();
  return {
    url,
    port,
    storeDir,
    kill: () => killNow(child),
    restart: async () => {
      if (!hasExited(child)) throw new Error(`nats-server on ${port} is still running: kill it before a restart`);
      child = await start();
    },
    stop: async () => {
      await terminate(child, 5000);
      if (options.storeDir === undefined) rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

/** Where scripts/infra.sh finds it: on PATH, or where Debian's package puts it. */
function natsServerBinary(): string {
  const candidates = (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'nats-server'));
  const found = [...candidates, '/usr/sbin/nats-server'].find((file) => existsSync(file));
  if (!found) throw new Error('nats-server is not installed: run scripts/infra.sh (it installs it)');
  return found;
}

/** Ready once a client connects and JetStream answers, which is what the services check at boot. */
async function untilJetStreamAnswers(url: string, child: ChildProcess, tail: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited(child)) throw new Error(`nats-server exited while starting:\n${tail.join('\n')}`);
    try {
      await (await connectNats(url, 'readiness-probe')).close();
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`nats-server on ${url} not ready in ${timeoutMs} ms`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
