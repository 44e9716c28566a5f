/**
 * Where a ClusterIssuer's Secrets live: cert-manager resolves every ClusterIssuer Secret reference in
 * the controller's `--cluster-resource-namespace` (the Helm chart sets it to cert-manager's own
 * namespace; the binary defaults to kube-system).
 *
 * Precedence: the plugin configuration's `clusterResourceNamespace`, then what the live controller
 * Deployment says (ClusterLookups), then the configured `certManagerNamespace`, then `cert-manager`
 * (the documented install namespace), the last two with a warning once per run.
 */
import type { ActionLogger } from '../host/action.js';
import { DEFAULT_CERT_MANAGER_NAMESPACE } from '../certmanager/installation.js';
import type { PluginConfig } from '../config/plugin-config.js';
import type { RunScope } from './run-scope.js';

export interface ResolvedNamespace {
  namespace: string;
  source:
    | 'plugin-config'
    | 'controller-flag'
    | 'controller-namespace'
    | 'default'
    | 'cert-manager-namespace-config'
    | 'fallback';
}

export async function resolveClusterResourceNamespace(
  scope: RunScope,
  config: PluginConfig,
  log: ActionLogger,
): Promise<ResolvedNamespace> {
  if (config.clusterResourceNamespace) return { namespace: config.clusterResourceNamespace, source: 'plugin-config' };
  const lookup = await scope.installation(log);
  if (lookup.status === 'found') {
    const { clusterResourceNamespace, clusterResourceNamespaceSource } = lookup.installation;
    return { namespace: clusterResourceNamespace, source: clusterResourceNamespaceSource };
  }
  const why =
    lookup.status === 'absent'
      ? 'no cert-manager controller Deployment was found'
      : `the cluster could not be asked (${lookup.reason})`;
  if (config.certManagerNamespace) {
    scope.warnOnce(
      'crn-fallback',
      log,
      `${why}; resolving ClusterIssuer Secrets in the configured certManagerNamespace ${config.certManagerNamespace}`,
    );
    return { namespace: config.certManagerNamespace, source: 'cert-manager-namespace-config' };
  }
  scope.warnOnce(
    'crn-fallback',
    log,
    `${why}; resolving ClusterIssuer Secrets in namespace ${DEFAULT_CERT_MANAGER_NAMESPACE}. Set clusterResourceNamespace in the plugin configuration if that is wrong`,
  );
  return { namespace: DEFAULT_CERT_MANAGER_NAMESPACE, source: 'fallback' };
}
