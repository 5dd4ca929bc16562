import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** How a process is started; kept whole so a restart runs exactly what the first start ran. */
export interface LaunchSpec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Appended to (never truncated), so a restarted process's output follows the killed one's. */
  logFile?: string;
}

const TAIL_LINES = 20;

/**
 * Spawns one process and pipes its output. `tail` keeps its last stderr lines, kept by the caller
 * across restarts, for the error shown when it dies.
 */
export function launch(spec: LaunchSpec, tail: string[]): ChildProcess {
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: a Ctrl-C in the terminal reaches only the runner, which then stops
    // each process once, gateway first (a second signal would mean "exit now" to them).
    detached: true,
  });
  // Without a listener a failed spawn or signal is an 'error' event that would crash the runner;
  // the exit (or the readiness wait's timeout) is what callers act on.
  child.on('error', (error) => keepTail(tail, `${spec.command}: ${error.message}`));
  child.stderr.on('data', (chunk: Buffer) => keepTail(tail, chunk.toString()));
  if (spec.logFile) {
    const log = createWriteStream(spec.logFile, { flags: 'a' });
    log.on('error', (error) => keepTail(tail, `log ${spec.logFile}: ${error.message}`));
    // Two streams feed one file: neither may end it, or the other's last lines would be written after its end.
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('close', () => log.end());
  } else {
    child.stdout.resume();
  }
  return child;
}

function keepTail(tail: string[], text: string): void {
  tail.push(...text.split('\n').filter(Boolean));
  tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGKILL, as a crash or the OOM killer would: no shutdown code runs. Resolves once it has exited. */
export function killNow(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** SIGTERM, then SIGKILL after `timeoutMs`; resolves with the exit code (null when killed by a signal). */
export function terminate(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (hasExited(child)) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}
