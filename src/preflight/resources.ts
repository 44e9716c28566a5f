/**
 * Offline model of Velero's resource-name resolution (velero-cli.md §8), for the types that matter to
 * cert-manager. Without a cluster the preflight cannot ask discovery, so it knows the canonical
 * `plural.group` names, their scope, and the aliases discovery would map to them. Glob matching and
 * include/exclude evaluation are Velero's own, in src/velero.
 */
import { ALL_TYPES, CLUSTER_ISSUER, CRD_NAMES, groupResource } from '../certmanager/kinds.js';
import { includesEverything, matchesAnyEntry } from '../velero/filters.js';
import { editDistance } from './suggest.js';

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
/** cert-manager's own cluster-scoped configuration, without the RBAC (Velero brings ClusterRoles along with the
 * ServiceAccounts that use them): what an explicit cluster-scoped allowlist must name. */
export const CERT_MANAGER_CLUSTER_CONFIG: readonly string[] = [
  CRD,
  CLUSTER_ISSUERS,
  VALIDATING_WEBHOOKS,
  MUTATING_WEBHOOKS,
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
  /** Served by every Kubernetes API server (so discovery resolves it on any source or target cluster). */
  builtIn: boolean;
}

/** One API type as discovery publishes it: plural, singular, short names (case-sensitive), group and scope. */
interface ApiType extends Known {
  plural: string;
  singular: string;
  group: string;
  shortNames: readonly string[];
}

const TYPES: ApiType[] = [];
function add(
  group: string,
  plural: string,
  singular: string,
  namespaced: boolean,
  shortNames: readonly string[] = [],
  builtIn = true,
) {
  const canonical = group === '' ? plural : `${plural}.${group}`;
  TYPES.push({ canonical, namespaced, builtIn, plural, singular, group, shortNames });
}
for (const t of ALL_TYPES) {
  const shortNames =
    t.kind === 'Certificate' ? ['cert', 'certs'] : t.kind === 'CertificateRequest' ? ['cr', 'crs'] : [];
  add(t.group, t.resource, t.kind.toLowerCase(), t.namespaced, shortNames, false);
}
// The built-in types of a Kubernetes API server (core group first: discovery settles an unqualified name found in
// several groups in favour of the core group). Singulars are the lower-cased Kind, as the REST mapper derives them.
for (const [plural, singular, namespaced, shortNames] of [
  ['pods', 'pod', true, ['po']],
  ['services', 'service', true, ['svc']],
  ['configmaps', 'configmap', true, ['cm']],
  ['secrets', 'secret', true, []],
  ['serviceaccounts', 'serviceaccount', true, ['sa']],
  ['persistentvolumeclaims', 'persistentvolumeclaim', true, ['pvc']],
  ['persistentvolumes', 'persistentvolume', false, ['pv']],
  ['namespaces', 'namespace', false, ['ns']],
  ['nodes', 'node', false, ['no']],
  ['events', 'event', true, ['ev']],
  ['endpoints', 'endpoints', true, ['ep']],
  ['limitranges', 'limitrange', true, ['limits']],
  ['resourcequotas', 'resourcequota', true, ['quota']],
  ['replicationcontrollers', 'replicationcontroller', true, ['rc']],
  ['podtemplates', 'podtemplate', true, []],
] as const)
  add('', plural, singular, namespaced, shortNames);
for (const [group, plural, singular, namespaced, shortNames] of [
  ['apps', 'deployments', 'deployment', true, ['deploy']],
  ['apps', 'replicasets', 'replicaset', true, ['rs']],
  ['apps', 'statefulsets', 'statefulset', true, ['sts']],
  ['apps', 'daemonsets', 'daemonset', true, ['ds']],
  ['apps', 'controllerrevisions', 'controllerrevision', true, []],
  ['batch', 'jobs', 'job', true, []],
  ['batch', 'cronjobs', 'cronjob', true, ['cj']],
  ['autoscaling', 'horizontalpodautoscalers', 'horizontalpodautoscaler', true, ['hpa']],
  ['policy', 'poddisruptionbudgets', 'poddisruptionbudget', true, ['pdb']],
  ['networking.k8s.io', 'ingresses', 'ingress', true, ['ing']],
  ['networking.k8s.io', 'networkpolicies', 'networkpolicy', true, ['netpol']],
  ['networking.k8s.io', 'ingressclasses', 'ingressclass', false, []],
  ['rbac.authorization.k8s.io', 'roles', 'role', true, []],
  ['rbac.authorization.k8s.io', 'rolebindings', 'rolebinding', true, []],
  ['rbac.authorization.k8s.io', 'clusterroles', 'clusterrole', false, []],
  ['rbac.authorization.k8s.io', 'clusterrolebindings', 'clusterrolebinding', false, []],
  ['storage.k8s.io', 'storageclasses', 'storageclass', false, ['sc']],
  ['storage.k8s.io', 'csidrivers', 'csidriver', false, []],
  ['storage.k8s.io', 'csinodes', 'csinode', false, []],
  ['storage.k8s.io', 'volumeattachments', 'volumeattachment', false, []],
  ['storage.k8s.io', 'csistoragecapacities', 'csistoragecapacity', true, []],
  ['apiextensions.k8s.io', 'customresourcedefinitions', 'customresourcedefinition', false, ['crd', 'crds']],
  ['admissionregistration.k8s.io', 'validatingwebhookconfigurations', 'validatingwebhookconfiguration', false, []],
  ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations', 'mutatingwebhookconfiguration', false, []],
  ['admissionregistration.k8s.io', 'validatingadmissionpolicies', 'validatingadmissionpolicy', false, []],
  ['admissionregistration.k8s.io', 'validatingadmissionpolicybindings', 'validatingadmissionpolicybinding', false, []],
  ['apiregistration.k8s.io', 'apiservices', 'apiservice', false, []],
  ['scheduling.k8s.io', 'priorityclasses', 'priorityclass', false, ['pc']],
  ['coordination.k8s.io', 'leases', 'lease', true, []],
  ['discovery.k8s.io', 'endpointslices', 'endpointslice', true, []],
  ['node.k8s.io', 'runtimeclasses', 'runtimeclass', false, []],
  ['certificates.k8s.io', 'certificatesigningrequests', 'certificatesigningrequest', false, ['csr']],
  ['flowcontrol.apiserver.k8s.io', 'flowschemas', 'flowschema', false, []],
  ['flowcontrol.apiserver.k8s.io', 'prioritylevelconfigurations', 'prioritylevelconfiguration', false, []],
] as const)
  add(group, plural, singular, namespaced, shortNames);
// The CSI snapshot types are CRDs (external-snapshotter), present only where a CSI snapshot controller is installed.
add('snapshot.storage.k8s.io', 'volumesnapshots', 'volumesnapshot', true, ['vs'], false);
add('snapshot.storage.k8s.io', 'volumesnapshotcontents', 'volumesnapshotcontent', false, ['vsc', 'vscs'], false);
add('snapshot.storage.k8s.io', 'volumesnapshotclasses', 'volumesnapshotclass', false, ['vsclass', 'vsclasses'], false);

/** Whether a group written in an entry selects the type's group: exactly, or as a prefix (`cert-manager` for `cert-manager.io`). */
function groupMatches(written: string, group: string): boolean {
  return written === '' || group === written || group.startsWith(written);
}

/**
 * What discovery would resolve a list entry to, when the preflight knows the type (velero-cli.md §8): the entry is
 * split at its first dot into resource and group; a short name matches case-sensitively, then the lower-cased resource
 * matches a plural or singular; the group is not lower-cased. Undefined for unknown names and globs.
 */
export function resolveResource(entry: string): Known | undefined {
  const dot = entry.indexOf('.');
  const resource = dot < 0 ? entry : entry.slice(0, dot);
  const group = dot < 0 ? '' : entry.slice(dot + 1);
  const byShortName = TYPES.find((t) => t.shortNames.includes(resource) && groupMatches(group, t.group));
  if (byShortName) return byShortName;
  const lower = resource.toLowerCase();
  return TYPES.find((t) => (t.plural === lower || t.singular === lower) && groupMatches(group, t.group));
}

/** The canonical spelling of an entry that resolves to a known type under another spelling. */
export function canonicalFor(entry: string): string | undefined {
  const known = resolveResource(entry);
  return known && known.canonical !== entry ? known.canonical : undefined;
}

/**
 * For an entry discovery would not resolve (and that is no glob): the canonical name it was most likely meant to be,
 * when it is one edit or two away from a known spelling (`deploymnets`, `PVC`, `Secrets.v1`...). Undefined when the
 * entry is plausibly a custom type the preflight does not know.
 */
export function likelyTypo(entry: string): string | undefined {
  // Entries with spaces around them are CMV008's (Velero does not trim); globs are matched, not resolved.
  if (resolveResource(entry) || /[*?[\]\s]/.test(entry) || entry === '') return undefined;
  const lower = entry.toLowerCase();
  const dot = lower.indexOf('.');
  const resource = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? '' : lower.slice(dot + 1);
  let best: { canonical: string; d: number } | undefined;
  for (const t of TYPES) {
    if (group !== '' && !groupMatches(group, t.group.toLowerCase()) && editDistance(group, t.group) > 2) continue;
    for (const spelling of [t.plural, t.singular, ...t.shortNames]) {
      // Short spellings are too close to everything: only a case slip counts for them.
      const limit = spelling.length <= 4 ? 0 : spelling.length <= 8 ? 1 : 2;
      const d = editDistance(resource, spelling);
      if (d <= limit && (!best || d < best.d)) best = { canonical: t.canonical, d };
    }
  }
  return best?.canonical;
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
