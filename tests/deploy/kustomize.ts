import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './settings';

// kubectl (v1.27+, whose built-in kustomize is v5) renders the overlays. On this project's machines
// it is /usr/bin/kubectl from the machine image; Debian's own kubernetes-client (1.20) is too old.
// KUBECTL names another binary. docs/decisions.md, "Deployment", says why there is no fallback.
const KUBECTL = process.env.KUBECTL ?? 'kubectl';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

export interface Container {
  name: string;
  command?: string[];
  env?: Array<{ name: string; value?: string }>;
  ports?: Array<{ name?: string; containerPort: number }>;
  readinessProbe?: object;
  livenessProbe?: object;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean };
}

export interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: {
    containers: Container[];
    initContainers?: Container[];
    securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  };
}

const rendered = new Map<string, K8sObject[]>();
/** Every object `kubectl kustomize deploy/k8s/overlays/<name>` prints. */
export function renderOverlay(name: string): K8sObject[] {
  let objects = rendered.get(name);
  if (!objects) {
    let text: string;
    try {
      text = execFileSync(KUBECTL, ['kustomize', path.join(ROOT, 'deploy', 'k8s', 'overlays', name)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const { stderr, code } = error as { stderr?: string; code?: string };
      throw new Error(
        code === 'ENOENT'
          ? `${KUBECTL} not found: these tests need kubectl 1.27 or newer (set KUBECTL to its path)`
          : `kubectl kustomize overlays/${name} failed: ${stderr ?? String(error)}`,
        { cause: error },
      );
    }
    objects = parseAllDocuments(text).map((document) => document.toJS() as K8sObject);
    rendered.set(name, objects);
  }
  return objects;
}

/** The pod template of a Deployment, StatefulSet or Job; undefined for other kinds. */
export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  return ['Deployment', 'StatefulSet', 'Job'].includes(object.kind)
    ? (object.spec?.template as PodTemplate)
    : undefined;
}

export const OVERLAYS = ['dev', 'prod'];
