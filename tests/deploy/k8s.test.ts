import { existsSync } from 'node:fs';
import path from 'node:path';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { PROCESSES } from '@ticketing/system-runner';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { OVERLAYS, podTemplateOf, renderOverlay, type Container, type K8sObject } from './kustomize';
import { ROOT, upstreamsOf, workspaceOf } from './settings';

// Both overlays, as `kubectl kustomize` renders them, checked against the Kubernetes schemas and
// against what the processes really need: probes, limits, non-root, and who may call whom.
type Model = new (data: never) => { validate(): void };
const MODELS: Record<string, Model> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
};

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}
interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
}
interface IngressRule {
  from?: Peer[];
  ports?: Array<{ port: number | string }>;
}

function matches(selector: Selector, labels: Record<string, string>): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return values.includes(labels[key] ?? '');
    if (operator === 'NotIn') return !values.includes(labels[key] ?? '');
    if (operator === 'Exists') return key in labels;
    return !(key in labels);
  });
  return byLabel && byExpression;
}

const processOfWorkspace = new Map(PROCESSES.map((p) => [workspaceOf(['node', p.entry]), p.name]));
/** Processes whose config declares a setting that makes them connect to `upstream`. */
const callersOf = (upstream: string) =>
  [...processOfWorkspace].filter(([workspace]) => upstreamsOf(workspace).includes(upstream)).map(([, name]) => name);
const dbProcesses = PROCESSES.filter((p) => p.database).map((p) => p.name);

describe.each(OVERLAYS)('the %s overlay', (overlay) => {
  const objects = () => renderOverlay(overlay);
  const ofKind = <T = K8sObject>(kind: string) => objects().filter((o) => o.kind === kind) as T[];
  const pods = () =>
    objects().flatMap((o) => {
      const pod = podTemplateOf(o);
      return pod ? [{ owner: `${o.kind} ${o.metadata.name}`, ...pod }] : [];
    });
  const policies = () =>
    ofKind<K8sObject & { spec: { podSelector: Selector; ingress?: IngressRule[] } }>('NetworkPolicy');
  /** App names a policy lets in on `port`, from pods of this namespace. */
  const allowedOn = (target: string, port: string) =>
    policies()
      .filter((p) =>
        pods().some((pod) => pod.metadata.labels.app === target && matches(p.spec.podSelector, pod.metadata.labels)),
      )
      .flatMap((p) => p.spec.ingress ?? [])
      .filter((rule) => rule.ports?.some((p) => p.port === port))
      .flatMap((rule) => rule.from ?? [])
      .filter((peer) => peer.podSelector && !peer.namespaceSelector)
      .flatMap((peer) => pods().filter((pod) => matches(peer.podSelector!, pod.metadata.labels)))
      .map((pod) => pod.metadata.labels.app!)
      .filter((app, i, all) => all.indexOf(app) === i)
      .sort();

  it('when each object is built with its kubernetes-models class, then it validates against its schema', () => {
    const problems: string[] = [];
    for (const object of objects()) {
      const where = `${object.kind} ${object.metadata.name}`;
      const model = MODELS[`${object.apiVersion}/${object.kind}`];
      if (!model) problems.push(`${where}: no schema known for ${object.apiVersion}`);
      else
        try {
          new model(object as never).validate();
        } catch (error) {
          problems.push(`${where}: ${(error as Error).message}`);
        }
    }
    expect(problems).toEqual([]);
    expect(objects().length).toBeGreaterThan(30);
  });

  it('when a pod runs, then every container has probes (servers), requests and limits, and runs as non-root', () => {
    const problems: string[] = [];
    for (const pod of pods()) {
      const server = !pod.owner.startsWith('Job');
      if (pod.spec.securityContext?.runAsNonRoot !== true) problems.push(`${pod.owner}: runAsNonRoot`);
      const containers: Array<[Container, boolean]> = [
        ...(pod.spec.initContainers ?? []).map((c): [Container, boolean] => [c, false]),
        ...pod.spec.containers.map((c): [Container, boolean] => [c, server]),
      ];
      for (const [c, needsProbes] of containers) {
        const where = `${pod.owner}/${c.name}`;
        if (needsProbes && !(c.readinessProbe && c.livenessProbe)) problems.push(`${where}: probes`);
        for (const kind of ['requests', 'limits'] as const)
          if (!c.resources?.[kind]?.cpu || !c.resources[kind].memory) problems.push(`${where}: ${kind}`);
        if (c.securityContext?.allowPrivilegeEscalation !== false) problems.push(`${where}: privilege escalation`);
        if (c.securityContext?.readOnlyRootFilesystem !== true) problems.push(`${where}: writable root`);
      }
    }
    expect(pods().length).toBeGreaterThanOrEqual(11);
    expect(problems).toEqual([]);
  });

  it('when a migration Job runs, then it runs the migrate entry point of a service with a database', () => {
    const jobs = ofKind('Job').map((job) => {
      const command = podTemplateOf(job)!.spec.containers[0]!.command ?? [];
      const source = String(command[1]).replace('/dist/', '/src/').replace(/\.js$/, '.ts');
      return `${job.metadata.name}: ${command.join(' ')} ${existsSync(path.join(ROOT, source)) ? '' : '(missing)'}`;
    });
    expect(jobs.sort()).toEqual(
      dbProcesses.map((name) => `${name}-migrate: node services/${name}/dist/migrate.js `).sort(),
    );
  });

  it('when a NetworkPolicy selects pods or lets pods in, then those pods exist and name the ports it opens', () => {
    const problems: string[] = [];
    for (const policy of policies()) {
      const selected = pods().filter((pod) => matches(policy.spec.podSelector, pod.metadata.labels));
      if (selected.length === 0) problems.push(`${policy.metadata.name}: selects no pod`);
      for (const rule of policy.spec.ingress ?? []) {
        for (const peer of rule.from ?? [])
          if (
            peer.podSelector &&
            !peer.namespaceSelector &&
            !pods().some((p) => matches(peer.podSelector!, p.metadata.labels))
          )
            problems.push(`${policy.metadata.name}: a peer matches no pod`);
        const named = (rule.ports ?? []).map((p) => p.port).filter((port) => typeof port === 'string');
        for (const port of named)
          if (!selected.some((pod) => pod.spec.containers.some((c) => c.ports?.some((p) => p.name === port))))
            problems.push(`${policy.metadata.name}: no selected pod has port ${String(port)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('when traffic arrives from outside the namespace, then only the gateway and the sandbox provider take it', () => {
    const denyAll = policies().filter((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress?.length);
    expect(denyAll).toHaveLength(1);
    const open = policies()
      .filter((p) => p.spec.ingress?.some((rule) => !rule.from?.length))
      .flatMap((p) => pods().filter((pod) => matches(p.spec.podSelector, pod.metadata.labels)))
      .map((pod) => pod.metadata.labels.app);
    expect(open.sort()).toEqual(['gateway', 'sandbox-provider']);
  });

  it.each(PROCESSES.filter((p) => p.name !== 'gateway' && p.name !== 'sandbox-provider').map((p) => p.name))(
    'when %s is called over gRPC, then exactly the processes whose config names it may reach it',
    (service) => {
      expect(allowedOn(service, 'grpc')).toEqual(callersOf(service).sort());
    },
  );

  it('when a service serves metrics, then its Service exposes the port and a ServiceMonitor scrapes it', () => {
    const services = ofKind<K8sObject & { spec: { selector: Record<string, string>; ports: Array<{ name: string }> } }>(
      'Service',
    );
    const monitors = ofKind<K8sObject & { spec: { selector: Selector; endpoints: Array<{ port: string }> } }>(
      'ServiceMonitor',
    );
    const scraped = PROCESSES.map((p) => {
      const monitor = monitors.find((m) => m.spec.selector.matchLabels?.app === p.name);
      const service = services.find((s) => s.spec.selector.app === p.name);
      const port = monitor?.spec.endpoints[0]?.port;
      const exposed = service?.spec.ports.some((sp) => sp.name === port);
      return `${p.name}: ${port ?? 'no ServiceMonitor'}${exposed ? '' : ' (not on the Service)'}`;
    });
    const expected = PROCESSES.map(
      (p) => `${p.name}: ${p.name === 'gateway' || p.name === 'sandbox-provider' ? 'http' : 'metrics'}`,
    );
    expect(scraped).toEqual(expected);
    // The port named metrics is the one the process listens on.
    const mismatched = ofKind('Deployment').flatMap((d) =>
      podTemplateOf(d)!.spec.containers.filter((c) => {
        const env = c.env?.find((e) => e.name === 'METRICS_PORT');
        return env && c.ports?.find((p) => p.name === 'metrics')?.containerPort !== Number(env.value);
      }),
    );
    expect(mismatched).toEqual([]);
  });

  it('when pods are evicted or load rises, then every app has a PodDisruptionBudget and gateway and reservation scale', () => {
    const budgets = ofKind<K8sObject & { spec: { selector: Selector } }>('PodDisruptionBudget');
    const covered = PROCESSES.filter((p) => budgets.some((b) => matches(b.spec.selector, { app: p.name })));
    expect(covered.map((p) => p.name)).toEqual(PROCESSES.map((p) => p.name));
    const deployments = ofKind('Deployment').map((d) => d.metadata.name);
    const scaled = ofKind<K8sObject & { spec: { scaleTargetRef: { kind: string; name: string } } }>(
      'HorizontalPodAutoscaler',
    ).filter((h) => h.spec.scaleTargetRef.kind === 'Deployment' && deployments.includes(h.spec.scaleTargetRef.name));
    expect(scaled.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual(['gateway', 'reservation']);
  });
});

describe('PostgreSQL, Redis and NATS', () => {
  const infra = { postgres: 'postgres', redis: 'redis', nats: 'client' };

  it('when the dev overlay is rendered, then each is a StatefulSet with a Service, probes and (data kept) a volume claim', () => {
    const objects = renderOverlay('dev');
    const shape = Object.keys(infra).map((name) => {
      const set = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === name);
      const container = podTemplateOf(set ?? { apiVersion: '', kind: '', metadata: { name } })?.spec.containers[0];
      return {
        name,
        service: objects.some((o) => o.kind === 'Service' && o.metadata.name === name),
        probes: Boolean(container?.readinessProbe && container.livenessProbe),
        claims: ((set?.spec?.volumeClaimTemplates as unknown[] | undefined) ?? []).length,
      };
    });
    // Redis keeps nothing across restarts, as in docker-compose.yml (the waiting room is rebuilt).
    expect(shape).toEqual([
      { name: 'postgres', service: true, probes: true, claims: 1 },
      { name: 'redis', service: true, probes: true, claims: 0 },
      { name: 'nats', service: true, probes: true, claims: 1 },
    ]);
  });

  it.each(Object.entries(infra))(
    'when dev %s is reached, then only the processes that connect to it (and migration runs) get in',
    (name, port) => {
      const objects = renderOverlay('dev');
      const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === name);
      const rules = (policy?.spec?.ingress ?? []) as IngressRule[];
      const peers = rules.filter((r) => r.ports?.some((p) => p.port === port)).flatMap((r) => r.from ?? []);
      const pods = objects.flatMap((o) => {
        const pod = podTemplateOf(o);
        return pod ? [pod.metadata.labels] : [];
      });
      const allowed = pods.filter((labels) =>
        peers.some((peer) => peer.podSelector && matches(peer.podSelector, labels)),
      );
      const migrations = name === 'postgres' ? dbProcesses.map((p) => `${p}-migrate`) : [];
      expect(allowed.map((labels) => labels.app).sort()).toEqual([...callersOf(name), ...migrations].sort());
    },
  );

  it('when the prod overlay is rendered, then none runs in the cluster: the apps get managed ones from a Secret', () => {
    const objects = renderOverlay('prod');
    expect(objects.filter((o) => o.kind === 'StatefulSet')).toEqual([]);
    const fromSecret = objects
      .filter((o) => o.kind === 'Deployment')
      .filter((d) =>
        podTemplateOf(d)!.spec.containers.every((c) =>
          (c as { envFrom?: Array<{ secretRef?: { name: string } }> }).envFrom?.some(
            (source) => source.secretRef?.name === 'ticketing-endpoints',
          ),
        ),
      );
    expect(fromSecret).toHaveLength(PROCESSES.length);
  });
});
