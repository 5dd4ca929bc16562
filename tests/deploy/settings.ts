import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What the deployment tests know about the processes: which settings each reads, whom each calls. */
export const ROOT = path.resolve(__dirname, '../..');

/** Read by Node or by shared libraries, not by a config schema of ours. */
export const RUNTIME_SETTINGS = new Set([
  'NODE_ENV',
  // Every process reads these through packages/telemetry, before its own config is loaded.
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_TRACES_SAMPLER_ARG',
]);

export const WORKSPACES = ['gateway', ...readdirSync(path.join(ROOT, 'services')).map((name) => `services/${name}`)];

const settingsCache = new Map<string, Set<string>>();
/** The settings a process's config schema declares (`NAME: env.…` keys of its config.ts). */
export function settingsOf(workspace: string): Set<string> {
  let settings = settingsCache.get(workspace);
  if (!settings) {
    const source = readFileSync(path.join(ROOT, workspace, 'src', 'config.ts'), 'utf8');
    settings = new Set([...source.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!));
    settingsCache.set(workspace, settings);
  }
  return settings;
}

export const readBySome = (name: string) =>
  RUNTIME_SETTINGS.has(name) || WORKSPACES.some((w) => settingsOf(w).has(name));
export const readBy = (workspace: string, name: string) =>
  RUNTIME_SETTINGS.has(name) || settingsOf(workspace).has(name);

/** `node services/payment/dist/main.js` → `services/payment`. */
export function workspaceOf(command: unknown): string {
  const entry = Array.isArray(command) ? String(command[1] ?? '') : '';
  return entry.replace(/\/dist\/(main|migrate)\.js$/, '');
}

const INFRA_SETTINGS: Record<string, string> = { DATABASE_URL: 'postgres', REDIS_URL: 'redis', NATS_URL: 'nats' };
/**
 * What a process connects to, by the settings its config declares: DATABASE_URL → postgres,
 * REDIS_URL → redis, NATS_URL → nats, PAYMENT_GRPC_URL → payment. HTTP peers (the provider's
 * webhooks, payment's provider calls) are left out: those calls are retried, not needed at start.
 */
export function upstreamsOf(workspace: string): string[] {
  return [...settingsOf(workspace)].flatMap((name) => {
    const grpc = /^([A-Z]+)_GRPC_URL$/.exec(name);
    if (grpc) return [grpc[1]!.toLowerCase()];
    return INFRA_SETTINGS[name] ? [INFRA_SETTINGS[name]] : [];
  });
}
