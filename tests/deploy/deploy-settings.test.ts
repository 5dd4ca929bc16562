import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { OVERLAYS, podTemplateOf, renderOverlay } from './kustomize';
import { ROOT, readBy, readBySome, workspaceOf } from './settings';

// docker-compose.yml and deploy/k8s must name only processes that exist and settings that some
// process reads: a setting nobody reads is a typo or a leftover, and a deployment would carry it
// silently while the real setting keeps its default.

describe('deployment files name only what exists', () => {
  it('when docker-compose.yml is read, then each app service runs a real process and sets only settings it reads', () => {
    const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: false }) as {
      'x-app-env': Record<string, unknown>;
      'x-telemetry-env': Record<string, unknown>;
      services: Record<string, { command?: unknown; environment?: Record<string, unknown> }>;
    };
    const shared = [compose['x-app-env'], compose['x-telemetry-env']].flatMap((env) =>
      Object.keys(env).filter((key) => key !== '<<'),
    );
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

  it.each(OVERLAYS)(
    'when the %s overlay is rendered, then each app container runs a real entry point and sets only settings it reads',
    (overlay) => {
      const problems: string[] = [];
      const objects = renderOverlay(overlay);
      for (const configMap of objects.filter((o) => o.kind === 'ConfigMap'))
        for (const name of Object.keys(configMap.data ?? {}))
          if (!readBySome(name)) problems.push(`${configMap.metadata.name}: ${name}`);
      let apps = 0;
      for (const object of objects) {
        const pod = podTemplateOf(object);
        for (const container of [...(pod?.spec.initContainers ?? []), ...(pod?.spec.containers ?? [])]) {
          // Ours run `node <entry>`; PostgreSQL, Redis and NATS are images with their own commands.
          if (container.command?.[0] !== 'node') continue;
          apps += 1;
          const where = `${object.kind} ${object.metadata.name}/${container.name}`;
          const source = container.command[1]!.replace('/dist/', '/src/').replace(/\.js$/, '.ts');
          if (!existsSync(path.join(ROOT, source))) problems.push(`${where}: no entry point ${source}`);
          const workspace = workspaceOf(container.command);
          for (const { name } of container.env ?? []) if (!readBy(workspace, name)) problems.push(`${where}: ${name}`);
        }
      }
      // 7 servers, 4 migration init containers, 4 migration Jobs.
      expect(apps).toBeGreaterThanOrEqual(15);
      expect(problems).toEqual([]);
    },
  );
});
