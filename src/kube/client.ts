/**
 * The Kubernetes client, loaded on first use: @kubernetes/client-node is large, and most plugin
 * processes (ListPlugins, AppliesTo) never need it, so it is imported lazily and start-up stays fast.
 *
 * Configuration is looked up the way Velero's own client does (clientcmd's loading rules): an explicit
 * path, then KUBECONFIG, then ~/.kube/config, then the in-cluster ServiceAccount (how the plugin runs
 * inside the Velero Pod).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import { ClusterAccessError } from './types.js';

export type KubeConfigSource = 'explicit' | 'KUBECONFIG' | 'home' | 'in-cluster';

const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** What a log line says about where the plugin's cluster configuration came from (no credentials in it). */
export function describeConnection(connection: { source: KubeConfigSource; server: string }): string {
  const from: Record<KubeConfigSource, string> = {
    explicit: 'the kubeconfig file given to it',
    KUBECONFIG: 'the kubeconfig in $KUBECONFIG',
    home: 'the kubeconfig in ~/.kube/config',
    'in-cluster': `the in-cluster configuration (the Pod's ServiceAccount token in ${dirname(IN_CLUSTER_TOKEN)})`,
  };
  return `cluster access through ${from[connection.source]}, API server ${connection.server}`;
}

export interface KubeApis {
  source: KubeConfigSource;
  server: string;
  core: k8s.CoreV1Api;
  apps: k8s.AppsV1Api;
  rbac: k8s.RbacAuthorizationV1Api;
  admission: k8s.AdmissionregistrationV1Api;
  discovery: k8s.DiscoveryV1Api;
}

export interface LoadOptions {
  /** A kubeconfig file to use instead of the lookup order (tests, tools). */
  kubeconfigPath?: string;
  env?: NodeJS.ProcessEnv;
}

export async function loadKubeApis(options: LoadOptions = {}): Promise<KubeApis> {
  const env = options.env ?? process.env;
  // Only the parts the plugin uses (see ./client-node.ts): a third of the package's code.
  const client = await import('./client-node.js');
  const kc = new client.KubeConfig();
  let source: KubeConfigSource;
  try {
    const homeConfig = join(homedir(), '.kube', 'config');
    if (options.kubeconfigPath) {
      kc.loadFromFile(options.kubeconfigPath);
      source = 'explicit';
    } else if (env.KUBECONFIG) {
      // Handles a list of files like kubectl does.
      kc.loadFromDefault();
      source = 'KUBECONFIG';
    } else if (existsSync(homeConfig)) {
      kc.loadFromFile(homeConfig);
      source = 'home';
    } else if (env.KUBERNETES_SERVICE_HOST && existsSync(IN_CLUSTER_TOKEN)) {
      kc.loadFromCluster();
      source = 'in-cluster';
    } else {
      throw new ClusterAccessError(
        'no Kubernetes configuration: not running in a Pod (no KUBERNETES_SERVICE_HOST and ServiceAccount token), KUBECONFIG unset and no ~/.kube/config',
        'not-configured',
      );
    }
  } catch (err) {
    if (err instanceof ClusterAccessError) throw err;
    throw new ClusterAccessError(
      `cannot load the Kubernetes configuration: ${(err as Error).message}`,
      'not-configured',
      { cause: err },
    );
  }
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new ClusterAccessError('the Kubernetes configuration names no current cluster', 'not-configured');
  return {
    source,
    server,
    core: kc.makeApiClient(client.CoreV1Api),
    apps: kc.makeApiClient(client.AppsV1Api),
    rbac: kc.makeApiClient(client.RbacAuthorizationV1Api),
    admission: kc.makeApiClient(client.AdmissionregistrationV1Api),
    discovery: kc.makeApiClient(client.DiscoveryV1Api),
  };
}
