/**
 * Offline model of Velero's resource-name resolution (velero-cli.md §8), for the types that matter to
 * cert-manager. Without a cluster the preflight cannot ask discovery, so it knows the canonical
 * `plural.group` names, their scope, and the aliases discovery would map to them. Glob matching and
 * include/exclude evaluation are Velero's own, in src/velero.
 */
import { ALL_TYPES, CLUSTER_ISSUER, CRD_NAMES, groupResource } from '../certmanager/kinds.js';
import { includesEverything, matchesAnyEntry } from '../velero/filters.js';

export const CRD = 'customresourcedefinitions.apiextensions.k8s.io';
export const SECRETS = 'secrets';
export const NAMESPACES = 'namespaces';
export const CLUSTER_ISSUERS = groupResource(CLUSTER_ISSUER);
const VALIDATING_WEBHOOKS = 'validatingwebhookconfigurations.admissionregistration.k8s.io';
const MUTATING_WEBHOOKS = 'mutatingwebhookconfigurations.admissionregistration.k8s.io';
const CLUSTER_ROLES = 'clusterroles.rbac.authorization.k8s.io';
const CLUSTER_ROLE_BINDINGS = 'clusterrolebindings.rbac.authorization.k8s.io';
export const INGRESSES = 'ingresses.networking.k8s.io';
/** The cluster-scoped types cert-manager needs back after a restore: its CRDs, ClusterIssuers, webhook
 * configurations and the ClusterRoles and bindings its components run with. */
export const CERT_MANAGER_CLUSTER_TYPES: readonly string[] = [
  CRD,
  CLUSTER_ISSUERS,
  VALIDATING_WEBHOOKS,
  MUTATING_WEBHOOKS,
  CLUSTER_ROLES,
  CLUSTER_ROLE_BINDINGS,
];
const CERT_MANAGER_RESOURCES: readonly string[] = CRD_NAMES;
export const EPHEMERAL = [
  'challenges.acme.cert-manager.io',
  'orders.acme.cert-manager.io',
  'certificaterequests.cert-manager.io',
] as const;

interface Known {
  canonical: string;
  namespaced: boolean;
}

const KNOWN = new Map<string, Known>();
function add(canonical: string, namespaced: boolean, aliases: string[]) {
  const known = { canonical, namespaced };
  KNOWN.set(canonical, known);
  for (const a of aliases) KNOWN.set(a, known);
}
for (const t of ALL_TYPES) {
  const singular = t.kind.toLowerCase();
  const aliases = [t.resource, singular, t.kind, `${singular}.${t.group}`];
  if (t.kind === 'Certificate') aliases.push('cert', 'certs');
  if (t.kind === 'CertificateRequest') aliases.push('cr', 'crs');
  add(groupResource(t), t.namespaced, aliases);
}
add(CRD, false, ['customresourcedefinitions', 'customresourcedefinition', 'crd', 'crds', 'CustomResourceDefinition']);
add(SECRETS, true, ['secret', 'Secret', 'Secrets']);
add(NAMESPACES, false, ['namespace', 'ns', 'Namespace']);
add('configmaps', true, ['configmap', 'cm', 'ConfigMap']);
add('serviceaccounts', true, ['serviceaccount', 'sa', 'ServiceAccount']);
add('persistentvolumes', false, ['persistentvolume', 'pv', 'PersistentVolume']);
add('persistentvolumeclaims', true, ['persistentvolumeclaim', 'pvc', 'PersistentVolumeClaim']);
add('pods', true, ['pod', 'po', 'Pod']);
add('services', true, ['service', 'svc', 'Service']);
add('events', true, ['event', 'ev']);
add('storageclasses.storage.k8s.io', false, ['storageclasses', 'storageclass', 'sc']);
add(VALIDATING_WEBHOOKS, false, ['validatingwebhookconfigurations', 'validatingwebhookconfiguration']);
add(MUTATING_WEBHOOKS, false, ['mutatingwebhookconfigurations', 'mutatingwebhookconfiguration']);
add(CLUSTER_ROLES, false, ['clusterroles', 'clusterrole', 'ClusterRole']);
add(CLUSTER_ROLE_BINDINGS, false, ['clusterrolebindings', 'clusterrolebinding', 'ClusterRoleBinding']);
add('roles.rbac.authorization.k8s.io', true, ['roles', 'role', 'Role']);
add('rolebindings.rbac.authorization.k8s.io', true, ['rolebindings', 'rolebinding', 'RoleBinding']);
add('deployments.apps', true, ['deployments', 'deployment', 'deploy', 'Deployment']);
add(INGRESSES, true, ['ingresses', 'ingress', 'ing', 'Ingress']);
add('volumesnapshots.snapshot.storage.k8s.io', true, []);
add('volumesnapshotcontents.snapshot.storage.k8s.io', false, []);

/** What discovery would resolve a list entry to, when the preflight knows it; undefined for unknown names and globs. */
export function resolveResource(entry: string): Known | undefined {
  return KNOWN.get(entry);
}

/** The canonical spelling the linter recommends for an entry, if the entry is a known non-canonical alias. */
export function canonicalFor(entry: string): string | undefined {
  const known = KNOWN.get(entry);
  return known && known.canonical !== entry ? known.canonical : undefined;
}

export function isCertManagerResource(canonical: string): boolean {
  return CERT_MANAGER_RESOURCES.includes(canonical);
}

/**
 * Whether a Velero include/exclude list matches a canonical resource: entries resolve like discovery
 * would (aliases to canonical), unresolvable entries are used as globs against the canonical name, and the
 * list matches as Velero's glob set does (src/velero/filters.ts).
 */
export function listMatches(list: readonly string[] | undefined, canonical: string): boolean {
  if (!list) return false;
  return matchesAnyEntry(
    list.map((entry) => resolveResource(entry)?.canonical ?? entry),
    canonical,
  );
}

/** No list, an empty one, or only `*`: Velero's "include everything" for an include list. */
export function isAllList(list: readonly string[] | undefined): boolean {
  return includesEverything({ includes: list ?? [], excludes: [] });
}

export function isEmpty(list: readonly string[] | undefined): boolean {
  return !list || list.length === 0;
}

/** Drops entries of a scoped list whose known scope does not match (velero-cli.md §8 step 8). */
export function keepScope(list: readonly string[] | undefined, namespaced: boolean): string[] | undefined {
  if (!list) return undefined;
  return list.filter((entry) => {
    const known = resolveResource(entry);
    return !known || known.namespaced === namespaced;
  });
}
