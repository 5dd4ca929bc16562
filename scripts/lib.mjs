// Steps shared by `npm start` and `npm test`: a fresh clone needs nothing done by hand.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function step(message) {
  process.stdout.write(`\n> ${message}\n`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    process.stderr.write(`\n"${command} ${args.join(' ')}" failed with exit code ${result.status ?? result.signal}\n`);
    process.exit(result.status || 1);
  }
}

/** Installs dependencies when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  step('installing dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

export function ensureInfrastructure() {
  step('checking PostgreSQL, Redis and NATS JetStream (scripts/infra.sh)');
  run('bash', [path.join(ROOT, 'scripts', 'infra.sh')]);
}

export function build() {
  step('building every workspace (turbo run build)');
  run(process.execPath, [
    path.join(ROOT, 'node_modules', 'turbo', 'bin', 'turbo'),
    'run',
    'build',
    '--output-logs=errors-only',
  ]);
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}
