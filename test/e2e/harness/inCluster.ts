/**
 * Velero as it runs in a Pod, without a Pod: the server (and so every plugin it starts) gets the
 * in-cluster configuration instead of a kubeconfig, exactly the pieces a kubelet gives the Velero Pod:
 *
 * - the ServiceAccount and ClusterRoleBinding that `velero install --dry-run -o yaml` prints, applied as printed;
 * - a bound token for that ServiceAccount from the TokenRequest API (the kubelet's projected token),
 *   with the cluster's CA and the namespace, mounted read-only at
 *   /var/run/secrets/kubernetes.io/serviceaccount/{token,ca.crt,namespace} in a private mount namespace
 *   (`unshare --mount`; the host never sees the mount). /var/run gets a fresh tmpfs there first, as a
 *   container's own /run is, so no directory is created on the host;
 * - KUBERNETES_SERVICE_HOST/PORT naming the test API server (its serving certificate holds IP:127.0.0.1,
 *   test/integration/testenv/pki.ts), and VELERO_NAMESPACE as the Deployment sets it from the Pod's namespace;
 * - no KUBECONFIG, no --kubeconfig, no --namespace (the Deployment's `velero server` has neither), and a
 *   HOME without ~/.kube/config: client-go's loading rules (Velero) and the plugin's (src/kube/client.ts)
 *   can only fall through to the in-cluster configuration.
 *
 * Needs root (mount namespaces and mounts); everything else runs as the suite does.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { Cluster } from './cluster.js';
import { apiRequest, serviceAccountToken } from './kube.js';
import { mustRun } from './proc.js';
import { AWS_PLUGIN } from './versions.js';

/** Where a Pod finds its ServiceAccount credentials (client-go's rest.InClusterConfig, the plugin's client). */
const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The kubelet asks for this lifetime (one hour plus seven seconds) for a Pod's projected token. */
const KUBELET_TOKEN_SECONDS = 3607;

export interface InClusterIdentity {
  /** Holds token, ca.crt and namespace; mounted at SERVICE_ACCOUNT_MOUNT for the server only. */
  serviceAccountDir: string;
  /** `system:serviceaccount:<namespace>:<name>`: how the API server (and its audit log) names the server's requests. */
  username: string;
  /** What a Pod's environment adds: KUBERNETES_SERVICE_HOST/PORT and the Deployment's VELERO_NAMESPACE. */
  env: Record<string, string>;
}

interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  items?: KubeObject[];
  spec?: {
    template?: {
      spec?: {
        serviceAccountName?: string;
        containers?: { name?: string; env?: { name?: string; valueFrom?: { fieldRef?: { fieldPath?: string } } }[] }[];
      };
    };
  };
}

/** The objects of `velero install --dry-run -o yaml` (a List, or several documents). */
function installObjects(output: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of yaml.loadAll(output) as (KubeObject | null)[]) {
    if (!doc) continue;
    if (doc.kind === 'List' || Array.isArray(doc.items)) objects.push(...(doc.items ?? []));
    else objects.push(doc);
  }
  return objects;
}

/** The REST collection an install object is created in (only the kinds the identity needs). */
function collectionPath(object: KubeObject): string {
  const namespace = object.metadata?.namespace;
  if (object.kind === 'ServiceAccount' && namespace) return `/api/v1/namespaces/${namespace}/serviceaccounts`;
  if (object.kind === 'ClusterRoleBinding') return '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings';
  throw new Error(`in-cluster identity: no collection known for ${object.kind ?? '?'} ${object.metadata?.name ?? '?'}`);
}

/**
 * Applies Velero's own identity (from the real CLI's install manifest) to a cluster and writes the Pod's
 * ServiceAccount files for it into workDir. The cluster must already have Velero's namespace.
 */
export async function prepareInClusterIdentity(
  velero: string,
  cluster: Cluster,
  namespace: string,
  workDir: string,
  cliEnv: NodeJS.ProcessEnv,
): Promise<InClusterIdentity> {
  if (process.getuid?.() !== 0)
    throw new Error(
      'e2e: Velero in-cluster mode mounts the ServiceAccount token in a private mount namespace and needs root',
    );
  // Provider flags only so that install prints its usual set; --no-secret: the object store's credentials
  // stay the suite's file (the Deployment would mount them from a Secret).
  const manifest = await mustRun(
    velero,
    [
      'install',
      '--dry-run',
      '-o',
      'yaml',
      '--kubeconfig',
      cluster.kubeconfig,
      '--namespace',
      namespace,
      '--provider',
      'aws',
      '--bucket',
      'velero',
      '--no-secret',
      '--use-volume-snapshots=false',
      '--plugins',
      `velero/velero-plugin-for-aws:${AWS_PLUGIN.version}`,
    ],
    { env: cliEnv, timeoutMs: 120_000 },
  );
  const objects = installObjects(manifest);
  const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata?.name === 'velero');
  const podSpec = deployment?.spec?.template?.spec;
  const serviceAccount = podSpec?.serviceAccountName;
  if (!podSpec || !serviceAccount)
    throw new Error(
      'in-cluster identity: `velero install --dry-run` printed no velero Deployment with a ServiceAccount',
    );
  const identityObjects = objects.filter(
    (o) =>
      (o.kind === 'ServiceAccount' && o.metadata?.name === serviceAccount) ||
      (o.kind === 'ClusterRoleBinding' && o.metadata?.name?.startsWith('velero')),
  );
  if (identityObjects.length !== 2)
    throw new Error(
      `in-cluster identity: expected the velero ServiceAccount and ClusterRoleBinding in the install manifest, found ${identityObjects.map((o) => `${o.kind ?? '?'}/${o.metadata?.name ?? '?'}`).join(', ') || 'neither'}`,
    );
  for (const object of identityObjects) {
    const created = await apiRequest(cluster.endpoint, 'POST', collectionPath(object), object);
    if (created.status !== 201 && created.status !== 409)
      throw new Error(
        `in-cluster identity: creating ${object.kind ?? '?'} ${object.metadata?.name ?? '?'}: HTTP ${created.status}`,
      );
  }

  // The Deployment's environment as the kubelet resolves it: only fieldRefs to the Pod's namespace are expected.
  const env: Record<string, string> = {};
  for (const variable of podSpec.containers?.find((c) => c.name === 'velero')?.env ?? []) {
    if (variable.name && variable.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace')
      env[variable.name] = namespace;
  }
  if (env.VELERO_NAMESPACE !== namespace)
    throw new Error('in-cluster identity: the install manifest no longer sets VELERO_NAMESPACE from the Pod');
  const server = new URL(cluster.endpoint.server);
  env.KUBERNETES_SERVICE_HOST = server.hostname;
  env.KUBERNETES_SERVICE_PORT = server.port || '443';

  if (!cluster.endpoint.ca) throw new Error(`in-cluster identity: ${cluster.kubeconfig} names no cluster CA`);
  const serviceAccountDir = join(workDir, 'serviceaccount');
  mkdirSync(serviceAccountDir, { recursive: true });
  const token = await serviceAccountToken(cluster.endpoint, namespace, serviceAccount, KUBELET_TOKEN_SECONDS);
  writeFileSync(join(serviceAccountDir, 'token'), token, { mode: 0o600 });
  writeFileSync(join(serviceAccountDir, 'ca.crt'), cluster.endpoint.ca);
  writeFileSync(join(serviceAccountDir, 'namespace'), namespace);
  return { serviceAccountDir, username: `system:serviceaccount:${namespace}:${serviceAccount}`, env };
}

/**
 * The command that runs `command args` with the identity mounted at SERVICE_ACCOUNT_MOUNT in its own mount
 * namespace. unshare and sh exec into the command, so the returned process is the command itself (its pid
 * is the server's: stopping it and finding its plugin children work unchanged).
 */
export function inClusterCommand(
  identity: InClusterIdentity,
  command: string,
  args: string[],
): { command: string; args: string[] } {
  const runDir = realpathSync('/var/run');
  const mountPoint = join(runDir, SERVICE_ACCOUNT_MOUNT.slice('/var/run/'.length));
  const script = [
    'set -e',
    'mount -t tmpfs -o mode=0755,size=1m tmpfs "$1"',
    'mkdir -p "$2"',
    'mount --bind -o ro "$3" "$2"',
    'shift 3',
    'exec "$@"',
  ].join('\n');
  return {
    command: 'unshare',
    args: [
      '--mount',
      '--propagation',
      'private',
      '--',
      '/bin/sh',
      '-c',
      script,
      'velero-in-cluster',
      runDir,
      mountPoint,
      identity.serviceAccountDir,
      command,
      ...args,
    ],
  };
}
