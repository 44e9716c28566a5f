/**
 * What a backup tarball and a restore's create order say about the cert-manager guide's claims: pure
 * functions over the collected data, shared by the e2e assertions and the demo's report.
 */
import type { CreatedObject } from './audit.js';
import { APP_NAMESPACE, CERT_MANAGER_NAMESPACE } from './fixtures.js';
import type { BackupContents } from './tarball.js';

export interface ItemRef {
  /** resource.group as in the backup archive ("secrets", "certificates.cert-manager.io"). */
  resource: string;
  namespace: string;
  name: string;
}

export const describeItem = (item: ItemRef): string =>
  `${item.resource} ${item.namespace ? item.namespace + '/' : ''}${item.name}`;

const EPHEMERAL_RESOURCES = [
  'certificaterequests.cert-manager.io',
  'orders.acme.cert-manager.io',
  'challenges.acme.cert-manager.io',
];
const SHIM_CERTIFICATE: ItemRef = {
  resource: 'certificates.cert-manager.io',
  namespace: APP_NAMESPACE,
  name: 'storefront-tls',
};
const USER_CERTIFICATE: ItemRef = {
  resource: 'certificates.cert-manager.io',
  namespace: APP_NAMESPACE,
  name: 'web',
};
const CLUSTER_ISSUER: ItemRef = {
  resource: 'clusterissuers.cert-manager.io',
  namespace: '',
  name: 'letsencrypt',
};
const CLUSTER_ISSUER_SECRET: ItemRef = {
  resource: 'secrets',
  namespace: CERT_MANAGER_NAMESPACE,
  name: 'letsencrypt-account-key',
};
export const CERT_MANAGER_CRDS = [
  'certificates.cert-manager.io',
  'certificaterequests.cert-manager.io',
  'issuers.cert-manager.io',
  'clusterissuers.cert-manager.io',
  'orders.acme.cert-manager.io',
  'challenges.acme.cert-manager.io',
];

/** Each Secret and the object that uses it: the Secret must be restored first (the guide's ordering rule). */
export const SECRET_BEFORE_USER: { secret: ItemRef; user: ItemRef }[] = [
  { secret: { resource: 'secrets', namespace: APP_NAMESPACE, name: 'web-tls' }, user: USER_CERTIFICATE },
  {
    secret: { resource: 'secrets', namespace: APP_NAMESPACE, name: 'api-tls' },
    user: { resource: 'certificates.cert-manager.io', namespace: APP_NAMESPACE, name: 'api' },
  },
  {
    secret: { resource: 'secrets', namespace: APP_NAMESPACE, name: 'storefront-tls' },
    user: { resource: 'ingresses.networking.k8s.io', namespace: APP_NAMESPACE, name: 'storefront' },
  },
  {
    secret: { resource: 'secrets', namespace: APP_NAMESPACE, name: 'edge-tls' },
    user: { resource: 'gateways.gateway.networking.k8s.io', namespace: APP_NAMESPACE, name: 'edge' },
  },
  {
    secret: { resource: 'secrets', namespace: APP_NAMESPACE, name: 'ca-key-pair' },
    user: { resource: 'issuers.cert-manager.io', namespace: APP_NAMESPACE, name: 'ca-issuer' },
  },
  { secret: CLUSTER_ISSUER_SECRET, user: CLUSTER_ISSUER },
];

const RBAC_RESOURCES = new Set([
  'clusterroles.rbac.authorization.k8s.io',
  'clusterrolebindings.rbac.authorization.k8s.io',
  'roles.rbac.authorization.k8s.io',
  'rolebindings.rbac.authorization.k8s.io',
]);
const WORKLOAD_RESOURCES = new Set(['deployments.apps', 'replicasets.apps', 'pods']);

const resourceOf = (created: Pick<CreatedObject, 'resource' | 'group'>): string =>
  created.group ? `${created.resource}.${created.group}` : created.resource;

/** Position of the successful create of an item in the restore, or -1 when it was not created. */
export function createdAt(creates: CreatedObject[], item: ItemRef): number {
  return (
    creates.find(
      (c) => resourceOf(c) === item.resource && c.namespace === item.namespace && c.name === item.name && c.code < 300,
    )?.index ?? -1
  );
}

export interface BackupFacts {
  ephemeral: ItemRef[];
  shimCertificate: boolean;
  userCertificate: boolean;
  certManagerCrds: string[];
  certManagerRbac: ItemRef[];
  clusterIssuer: boolean;
  clusterIssuerSecret: boolean;
}

const isCertManagerName = (name: string): boolean => name.startsWith('cert-manager');

/** The user-facing aggregated ClusterRoles: bound to no ServiceAccount, needed by no Pod. */
const USER_FACING_ROLES = new Set(['cert-manager-view', 'cert-manager-edit', 'cert-manager-cluster-view']);

/** Which cert-manager component (controller, webhook, cainjector) a workload or an RBAC object belongs to, by the chart's names. */
function componentOf(name: string): 'controller' | 'webhook' | 'cainjector' | undefined {
  if (!isCertManagerName(name) || USER_FACING_ROLES.has(name) || name.includes('startupapicheck')) return undefined;
  if (name.includes('webhook')) return 'webhook';
  if (name.includes('cainjector')) return 'cainjector';
  return 'controller';
}

export function backupFacts(contents: BackupContents): BackupFacts {
  const present = (item: ItemRef) => contents.has(item.resource, item.namespace, item.name);
  return {
    ephemeral: contents.items.filter((i) => EPHEMERAL_RESOURCES.includes(i.resource)),
    shimCertificate: present(SHIM_CERTIFICATE),
    userCertificate: present(USER_CERTIFICATE),
    certManagerCrds: CERT_MANAGER_CRDS.filter((crd) =>
      contents.has('customresourcedefinitions.apiextensions.k8s.io', '', crd),
    ),
    certManagerRbac: contents.items.filter((i) => RBAC_RESOURCES.has(i.resource) && isCertManagerName(i.name)),
    clusterIssuer: present(CLUSTER_ISSUER),
    clusterIssuerSecret: present(CLUSTER_ISSUER_SECRET),
  };
}

export interface OrderCheck {
  first: ItemRef;
  then: ItemRef;
  firstAt: number;
  thenAt: number;
  /** Both created, first before then. */
  ok: boolean;
}

export interface RestoreFacts {
  ephemeralCreated: CreatedObject[];
  shimCertificateCreated: boolean;
  secretOrder: OrderCheck[];
  /**
   * cert-manager RBAC created after a Deployment, ReplicaSet or Pod of the component it is bound to
   * (controller, webhook, cainjector); empty when every component's RBAC came first.
   */
  rbacAfterWorkloads: CreatedObject[];
  /** Creates the API server refused (webhook down, invalid object, ...). */
  failedCreates: CreatedObject[];
}

export function restoreFacts(creates: CreatedObject[]): RestoreFacts {
  const certManagerCreates = creates.filter(
    (c) =>
      c.namespace === CERT_MANAGER_NAMESPACE ||
      ((c.namespace === '' || c.namespace === 'kube-system') && isCertManagerName(c.name)),
  );
  const firstWorkload = new Map<string, number>();
  for (const c of certManagerCreates) {
    if (!WORKLOAD_RESOURCES.has(resourceOf(c)) || c.code >= 300) continue;
    const component = componentOf(c.name);
    if (component && !firstWorkload.has(component)) firstWorkload.set(component, c.index);
  }
  return {
    ephemeralCreated: creates.filter((c) => EPHEMERAL_RESOURCES.includes(resourceOf(c)) && c.code < 300),
    shimCertificateCreated: createdAt(creates, SHIM_CERTIFICATE) >= 0,
    secretOrder: SECRET_BEFORE_USER.map(({ secret, user }) => {
      const firstAt = createdAt(creates, secret);
      const thenAt = createdAt(creates, user);
      return { first: secret, then: user, firstAt, thenAt, ok: firstAt >= 0 && thenAt >= 0 && firstAt < thenAt };
    }),
    rbacAfterWorkloads: certManagerCreates.filter((c) => {
      if (!RBAC_RESOURCES.has(resourceOf(c)) || c.code >= 300) return false;
      const component = componentOf(c.name);
      const first = component ? firstWorkload.get(component) : undefined;
      return first !== undefined && c.index > first;
    }),
    failedCreates: creates.filter((c) => c.code >= 300 && c.code !== 409),
  };
}

/** Lines of a Velero log that came from this project's plugin (Velero tags them with the executable's name). */
export function pluginLogLines(log: string): string[] {
  return log.split('\n').filter((line) => /\bpluginName=velero-plugin-for-cert-manager\b/.test(line));
}

/** Velero's log level field of a log line (logrus text format: level=info). */
export function logLevel(line: string): string | undefined {
  return /\blevel=(\w+)/.exec(line)?.[1];
}

/**
 * Whether the plugin could reach the API server during a run (its actions say so in the logs when it
 * could not). Features built on cluster lookups (plugin configuration, webhook readiness) need it.
 */
export function pluginHadClusterAccess(log: string): boolean {
  return !log.includes('no cluster access configured in this plugin process');
}
