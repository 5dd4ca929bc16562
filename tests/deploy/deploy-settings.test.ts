import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

// docker-compose.yml and deploy/k8s must name only processes that exist and settings that some
// process reads: a setting nobody reads is a typo or a leftover, and a deployment would carry it
// silently while the real setting keeps its default.
const ROOT = path.resolve(__dirname, '../..');
/** Read by Node or by libraries, not by a config schema of ours. */
const RUNTIME_SETTINGS = new Set(['NODE_ENV']);

/** `node services/payment/dist/main.js` → `services/payment`. */
function workspaceOf(command: unknown): string {
  const entry = Array.isArray(command) ? String(command[1] ?? '') : '';
  return entry.replace(/\/dist\/main\.js$/, '');
}

const settingsCache = new Map<string, Set<string>>();
/** The settings a process's config schema declares (`NAME: env.…` keys of its config.ts). */
function settingsOf(workspace: string): Set<string> {
  let settings = settingsCache.get(workspace);
  if (!settings) {
    const source = readFileSync(path.join(ROOT, workspace, 'src', 'config.ts'), 'utf8');
    settings = new Set([...source.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!));
    settingsCache.set(workspace, settings);
  }
  return settings;
}

const WORKSPACES = ['gateway', ...readdirSync(path.join(ROOT, 'services')).map((name) => `services/${name}`)];
const readBySome = (name: string) => RUNTIME_SETTINGS.has(name) || WORKSPACES.some((w) => settingsOf(w).has(name));
const readBy = (workspace: string, name: string) => RUNTIME_SETTINGS.has(name) || settingsOf(workspace).has(name);

describe('deployment files name only what exists', () => {
  it('when docker-compose.yml is read, then each app service runs a real process and sets only settings it reads', () => {
    const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: false }) as {
      'x-app-env': Record<string, unknown>;
      services: Record<string, { command?: unknown; environment?: Record<string, unknown> }>;
    };
    const shared = Object.keys(compose['x-app-env']).filter((key) => key !== '<<');
    const problems: string[] = shared.filter((name) => !readBySome(name)).map((name) => `x-app-env: ${name}`);
    // Ours run `node <entry>`; PostgreSQL, Redis and NATS are images with their own commands.
    const apps = Object.entries(compose.services).filter(
      ([, service]) => Array.isArray(service.command) && service.command[0] === 'node',
    );
    expect(apps.length).toBeGreaterThanOrEqual(7);
    for (const [name, service] of apps) {
      const workspace = workspaceOf(service.command);
      if (!existsSync(path.join(ROOT, workspace, 'src', 'main.ts'))) problems.push(`${name}: no process ${workspace}`);
      else
        for (const key of Object.keys(service.environment ?? {}).filter((k) => k !== '<<'))
          if (!readBy(workspace, key)) problems.push(`${name}: ${key}`);
    }
    expect(problems).toEqual([]);
  });

  it('when the Kubernetes base is read, then each Deployment runs a real process and sets only settings it reads', () => {
    const base = path.join(ROOT, 'deploy', 'k8s', 'base');
    const problems: string[] = [];
    const kustomization = parse(readFileSync(path.join(base, 'kustomization.yaml'), 'utf8')) as {
      resources: string[];
      configMapGenerator: Array<{ literals: string[] }>;
    };
    for (const literal of kustomization.configMapGenerator.flatMap((generator) => generator.literals)) {
      const name = literal.split('=')[0]!;
      if (!readBySome(name)) problems.push(`ticketing-config: ${name}`);
    }
    for (const app of kustomization.resources) {
      const documents = parseAllDocuments(readFileSync(path.join(base, app, 'deployment.yaml'), 'utf8'));
      for (const document of documents.map((d) => d.toJS() as DeploymentDocument)) {
        for (const container of document.spec.template.spec.containers) {
          const workspace = workspaceOf(container.command);
          if (!existsSync(path.join(ROOT, workspace, 'src', 'main.ts')))
            problems.push(`${app}: no process ${workspace}`);
          else
            for (const { name } of container.env ?? []) if (!readBy(workspace, name)) problems.push(`${app}: ${name}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

interface DeploymentDocument {
  spec: { template: { spec: { containers: Array<{ command: string[]; env?: Array<{ name: string }> }> } } };
}
