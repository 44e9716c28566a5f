/**
 * Where cert-manager runs and which cluster resource namespace its controller uses, from the live
 * Deployments. Recognition comes from src/certmanager (chart labels, then images); the controller's
 * `--cluster-resource-namespace` is read with Kubernetes' `$(VAR)` expansion (the chart passes
 * `$(POD_NAMESPACE)`), and without the flag the binary's default `kube-system` applies.
 */
import { recognizeCertManagerWorkload } from '../../certmanager/installation.js';
import type { KubeObject } from '../audit/findings.js';
import { at } from '../checked.js';

export interface LiveCertManager {
  namespace: string;
  clusterResourceNamespace: string;
  source: 'controller-flag' | 'binary-default' | 'controller-namespace';
}

const BINARY_DEFAULT = 'kube-system';

interface Container {
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath?: string } } }[];
}

function clusterResourceNamespaceOf(deployment: KubeObject): string | undefined {
  const containers =
    (deployment.spec as { template?: { spec?: { containers?: Container[] } } } | undefined)?.template?.spec
      ?.containers ?? [];
  for (const container of containers) {
    const argv = [...(container.command ?? []), ...(container.args ?? [])];
    let raw: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const m = /^--?cluster-resource-namespace(?:=(.*))?$/.exec(at(argv, i));
      if (m) raw = m[1] ?? argv[i + 1];
    }
    if (raw === undefined) continue;
    const vars = new Map<string, string>();
    for (const env of container.env ?? []) {
      if (env.value !== undefined) vars.set(env.name, env.value);
      else if (env.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace')
        vars.set(env.name, deployment.metadata.namespace ?? '');
    }
    return raw.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string | undefined) =>
      name === undefined ? '$' : (vars.get(name) ?? whole),
    );
  }
  return undefined;
}

export function findCertManager(deployments: readonly KubeObject[]): LiveCertManager | undefined {
  const recognized = deployments.flatMap((d) => {
    const w = recognizeCertManagerWorkload(d);
    return w ? [{ d, w }] : [];
  });
  if (recognized.length === 0) return undefined;
  const controller = recognized.find((x) => x.w.component === 'controller');
  if (!controller)
    return {
      namespace: at(recognized, 0).w.namespace,
      clusterResourceNamespace: at(recognized, 0).w.namespace,
      source: 'controller-namespace',
    };
  const flag = clusterResourceNamespaceOf(controller.d);
  return flag
    ? { namespace: controller.w.namespace, clusterResourceNamespace: flag, source: 'controller-flag' }
    : { namespace: controller.w.namespace, clusterResourceNamespace: BINARY_DEFAULT, source: 'binary-default' };
}
