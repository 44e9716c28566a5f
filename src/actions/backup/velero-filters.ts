/**
 * Would the Backup's own filters leave this namespaced item out? Velero's include/exclude evaluation
 * (src/velero) applied to what an additional item is checked against: its namespace and its resource. Used
 * only to warn about, or to force in, Secrets cert-manager needs; Velero still makes the decision.
 *
 * Resource entries need discovery to resolve; this models it for the kinds the actions ask about (Secrets,
 * ServiceAccounts) and for the cluster-scoped kinds a namespaced list drops. Anything else stays verbatim
 * and is matched as a glob, as Velero does with an entry discovery cannot resolve.
 */
import type { ResourceIdentifier, VeleroRequestObject } from '../../host/action.js';
import { ALL_TYPES, groupResource } from '../../certmanager/kinds.js';
import { exclusionOf, resourceFilter, type IncludesExcludes } from '../../velero/filters.js';

function stringList(spec: Record<string, unknown> | undefined, field: string): string[] {
  const value = spec?.[field];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** Plural and singular names (matched lower-cased, as discovery does) of the core kinds the actions return. */
const NAMESPACED_CORE: Readonly<Record<string, string>> = {
  secret: 'secrets',
  secrets: 'secrets',
  serviceaccount: 'serviceaccounts',
  serviceaccounts: 'serviceaccounts',
};
/** Short names: discovery compares them case-sensitively, before lower-casing. */
const SHORT_NAMES: Readonly<Record<string, string>> = { sa: 'serviceaccounts' };

/** Canonical names of cluster-scoped kinds someone may put in a namespaced list, where Velero drops them. */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  ...ALL_TYPES.filter((type) => !type.namespaced).map(groupResource),
  'namespaces',
  'nodes',
  'persistentvolumes',
  'customresourcedefinitions.apiextensions.k8s.io',
  'storageclasses.storage.k8s.io',
  'clusterroles.rbac.authorization.k8s.io',
  'clusterrolebindings.rbac.authorization.k8s.io',
  'validatingwebhookconfigurations.admissionregistration.k8s.io',
  'mutatingwebhookconfigurations.admissionregistration.k8s.io',
]);
/** Each of them by its canonical name and by its bare plural (which discovery resolves without a group). */
const CLUSTER_SCOPED_BY_NAME: ReadonlyMap<string, string> = new Map(
  [...CLUSTER_SCOPED].flatMap((canonical) => [
    [canonical.split('.')[0] ?? canonical, canonical],
    [canonical, canonical],
  ]),
);

/**
 * What discovery would make of an entry, for the kinds above: `schema.ParseGroupResource` splits at the first
 * dot, the resource part is compared lower-cased, the group part as written.
 */
function resolveEntry(entry: string): string {
  const dot = entry.indexOf('.');
  const resource = dot < 0 ? entry : entry.slice(0, dot);
  const group = dot < 0 ? '' : entry.slice(dot + 1);
  if (group === '') {
    const core = SHORT_NAMES[resource] ?? NAMESPACED_CORE[resource.toLowerCase()];
    if (core !== undefined) return core;
  }
  const lowered = group === '' ? resource.toLowerCase() : `${resource.toLowerCase()}.${group}`;
  return CLUSTER_SCOPED_BY_NAME.get(lowered) ?? entry;
}

/** The scoped lists hold one scope: an entry that resolves to a cluster-scoped kind is dropped. */
function resolveNamespaceScoped(entry: string): string {
  const resolved = resolveEntry(entry);
  return CLUSTER_SCOPED.has(resolved) ? '' : resolved;
}

/**
 * Why the Backup's filters would drop this namespaced item, or undefined when they keep it. The
 * `velero.io/exclude-from-backup` label is not considered: that needs the object, which this plugin
 * does not read for Secrets.
 */
export function filterExclusionReason(backup: VeleroRequestObject, id: ResourceIdentifier): string | undefined {
  const spec = backup.spec;
  const groupResource = id.group === '' ? id.resource : `${id.resource}.${id.group}`;
  if (id.namespace !== '') {
    const namespaces: IncludesExcludes = {
      includes: stringList(spec, 'includedNamespaces'),
      excludes: stringList(spec, 'excludedNamespaces'),
    };
    const exclusion = exclusionOf(namespaces, id.namespace);
    if (exclusion === 'excluded') return `namespace ${id.namespace} is in the backup's excluded namespaces`;
    if (exclusion === 'not-included') return `namespace ${id.namespace} is not in the backup's included namespaces`;
  }
  // Velero uses one family or the other (mixing them fails validation); checking both covers either.
  const resources = [
    {
      includeField: 'includedResources',
      excludeField: 'excludedResources',
      filter: resourceFilter(
        stringList(spec, 'includedResources'),
        stringList(spec, 'excludedResources'),
        resolveEntry,
        'old',
      ),
    },
    {
      includeField: 'includedNamespaceScopedResources',
      excludeField: 'excludedNamespaceScopedResources',
      filter: resourceFilter(
        stringList(spec, 'includedNamespaceScopedResources'),
        stringList(spec, 'excludedNamespaceScopedResources'),
        resolveNamespaceScoped,
        'scoped',
      ),
    },
  ];
  for (const { includeField, excludeField, filter } of resources) {
    const exclusion = exclusionOf(filter, groupResource);
    if (exclusion === 'excluded') return `${groupResource} are in the backup's ${excludeField}`;
    if (exclusion === 'not-included') return `${groupResource} are not in the backup's ${includeField}`;
  }
  return undefined;
}
