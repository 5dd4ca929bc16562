import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESSES } from '@ticketing/system-runner';
import { parse } from 'yaml';
import { ROOT, upstreamsOf, workspaceOf } from './settings';

// docker-compose.yml runs what `npm start` runs, each process after what it needs is healthy,
// the observability stack only on request, and nothing that depends on an unset variable.
interface ComposeService {
  image?: string;
  command?: unknown;
  profiles?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: unknown; disable?: boolean };
  depends_on?: Record<string, { condition?: string }>;
  volumes?: string[];
}
const COMPOSE_TEXT = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(COMPOSE_TEXT, { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const readRepoYaml = <T>(file: string) => parse(readFileSync(path.join(ROOT, file), 'utf8')) as T;

const OBSERVABILITY = ['otel-collector', 'jaeger', 'prometheus', 'grafana'];
/** Docker cannot probe these from inside their images; each says why in docker-compose.yml. */
const NO_HEALTHCHECK = new Set(['otel-collector']);
/** The process serves /metrics on METRICS_PORT when it has one, on its main PORT otherwise. */
const metricsTarget = (name: string) => {
  const env = services[name]?.environment ?? {};
  return `${name}:${env.METRICS_PORT ?? env.PORT}`;
};

describe('docker-compose.yml', () => {
  it('when compared with `npm start`, then every process is a service running the same entry point', () => {
    const missing = PROCESSES.filter((p) => {
      const command = services[p.name]?.command;
      return !Array.isArray(command) || command[0] !== 'node' || command[1] !== p.entry;
    });
    expect(missing.map((p) => p.name)).toEqual([]);
  });

  it('when any service is started, then Docker can tell whether it is healthy', () => {
    const without = Object.entries(services)
      .filter(([name, s]) => !NO_HEALTHCHECK.has(name) && (s.healthcheck?.disable || !s.healthcheck?.test))
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it('when an app starts, then everything its config connects to is already healthy', () => {
    const problems: string[] = [];
    for (const p of PROCESSES) {
      const dependsOn = services[p.name]?.depends_on ?? {};
      for (const upstream of upstreamsOf(workspaceOf(services[p.name]?.command))) {
        const condition = dependsOn[upstream]?.condition;
        if (condition !== 'service_healthy') problems.push(`${p.name} → ${upstream}: ${condition ?? 'missing'}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('when a service waits for another, then that one exists, can report health and runs in the same profiles', () => {
    const problems: string[] = [];
    for (const [name, s] of Object.entries(services)) {
      for (const [upstream, { condition }] of Object.entries(s.depends_on ?? {})) {
        const target = services[upstream];
        if (!target) problems.push(`${name} → ${upstream}: no such service`);
        else if (condition === 'service_healthy' && NO_HEALTHCHECK.has(upstream))
          problems.push(`${name} → ${upstream}: never healthy`);
        else if ((target.profiles ?? []).some((profile) => !(s.profiles ?? []).includes(profile)))
          problems.push(`${name} → ${upstream}: only in profile ${String(target.profiles)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('when no profile is given, then the observability stack stays off; with `observability` it all runs', () => {
    expect(OBSERVABILITY.filter((name) => services[name]?.profiles?.join() !== 'observability')).toEqual([]);
    const profiled = Object.entries(services).filter(([, s]) => s.profiles?.length);
    expect(profiled.map(([name]) => name).sort()).toEqual([...OBSERVABILITY].sort());
  });

  it('when an app starts, then it exports traces only where configured and its metrics port is scraped', () => {
    const prometheus = readRepoYaml<{
      rule_files: string[];
      scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }>;
    }>('deploy/observability/prometheus/prometheus.yml');
    const scraped = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets));
    expect(PROCESSES.map((p) => metricsTarget(p.name)).filter((target) => !scraped.includes(target))).toEqual([]);
    for (const p of PROCESSES) {
      expect([p.name, services[p.name]?.environment?.OTEL_EXPORTER_OTLP_ENDPOINT]).toEqual([
        p.name,
        '${OTEL_EXPORTER_OTLP_ENDPOINT:-}',
      ]);
    }
    // The rules file Prometheus loads is the one mounted from deploy/.
    const mounted = services.prometheus?.volumes?.find((v) => v.includes('alerts.yml')) ?? '';
    expect(prometheus.rule_files).toContain(mounted.split(':')[1]);
  });

  it('when Grafana starts, then it has the Prometheus datasource (uid prometheus) and loads the mounted dashboards', () => {
    const sources = readRepoYaml<{ datasources: Array<{ uid: string; url: string }> }>(
      'deploy/observability/grafana/provisioning/datasources/prometheus.yaml',
    );
    expect(sources.datasources).toEqual([
      expect.objectContaining({ uid: 'prometheus', url: 'http://prometheus:9090' }),
    ]);
    const dashboards = readRepoYaml<{ providers: Array<{ options: { path: string } }> }>(
      'deploy/observability/grafana/provisioning/dashboards/ticketing.yaml',
    );
    const mountPoints = (services.grafana?.volumes ?? []).map((v) => v.split(':')[1]);
    expect(mountPoints).toContain(dashboards.providers[0]?.options.path);
  });

  it('when a file or folder of the repository is mounted, then it exists', () => {
    const missing = Object.values(services)
      .flatMap((s) => s.volumes ?? [])
      .map((volume) => volume.split(':')[0]!)
      .filter((source) => source.startsWith('.') && !existsSync(path.join(ROOT, source)));
    expect(missing).toEqual([]);
  });

  it('when a variable is interpolated, then it has a default or an entry in deploy/docker/env.example', () => {
    const documented = new Set(
      [
        ...readFileSync(path.join(ROOT, 'deploy/docker/env.example'), 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm),
      ].map((m) => m[1]),
    );
    const uses = [...COMPOSE_TEXT.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+][^}]*)?\}|\$([A-Za-z_]\w*)/g)];
    expect(uses.length).toBeGreaterThan(0);
    const undocumented = uses
      .filter(([, braced, modifier, bare]) => bare || !(modifier?.startsWith(':-') || documented.has(braced)))
      .map(([text]) => text);
    expect(undocumented).toEqual([]);
  });

  it('when an image is pulled, then its tag is pinned to a version', () => {
    const unpinned = Object.values(services)
      .map((s) => s.image)
      .filter((image): image is string => image !== undefined && image !== 'ticketing:local')
      .filter((image) => !/:[^:]*\d+\.\d+/.test(image));
    expect(unpinned).toEqual([]);
  });
});
