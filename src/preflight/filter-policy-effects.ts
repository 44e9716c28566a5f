/**
 * What a resource policy's fine-grained filter policies (Velero 1.18.3+, filter-policy.ts) take from a backup, as
 * Velero's backup applies them (pkg/backup at v1.18.3):
 * - `namespacedFilterPolicies` are an exclusive allowlist per namespace pattern: in a matching namespace, a kind that
 *   no resource filter lists (resolved through discovery, so `secret`, `Secret` and `secrets` alike) and no
 *   catch-all entry covers is not listed at all (item_collector.go); a listed kind is listed with the filter's
 *   label selectors instead of the backup's, and its items are kept only when their names pass the filter's
 *   names/excludedNames (item_backupper.go);
 * - `clusterScopedFilterPolicy` narrows only the kinds it lists (the others keep the backup's own selectors), the
 *   same way.
 * Pure: the caller gives what the backup keeps without these policies.
 */
import {
  isCatchAll,
  isPresentSelector,
  isRestricting,
  type FilterPolicies,
  type ResourceFilter,
} from './filter-policy.js';
import { CRD, resolveResource } from './resources.js';
import { globMatches } from '../velero/glob.js';
import { shouldInclude } from '../velero/filters.js';

/** One watched type the filter policies leave out (`not-listed`) or narrow (`filtered`). */
export interface FilterPolicyDrop {
  type: string;
  how: 'not-listed' | 'filtered';
  field: 'clusterScopedFilterPolicy' | 'namespacedFilterPolicies';
  /** The namespace patterns of the namespaced policy responsible. */
  namespaces?: string[];
  /** What the filter keeps, for messages (`labelSelector`, `names`...). */
  restriction?: string;
  /** A narrowing that may well keep cert-manager's objects is a warning; a provable loss is an error. */
  severity: 'error' | 'warning';
}

/** Names cert-manager's own cluster-scoped objects carry (its Helm chart and static manifests). */
const CERT_MANAGER_NAMES: Record<string, readonly string[]> = {
  [CRD]: [
    'certificates.cert-manager.io',
    'certificaterequests.cert-manager.io',
    'issuers.cert-manager.io',
    'clusterissuers.cert-manager.io',
    'orders.acme.cert-manager.io',
    'challenges.acme.cert-manager.io',
  ],
  'validatingwebhookconfigurations.admissionregistration.k8s.io': ['cert-manager-webhook'],
  'mutatingwebhookconfigurations.admissionregistration.k8s.io': ['cert-manager-webhook'],
};

/** The canonical type a filter kind resolves to (discovery lower-cases it); the kind itself when unknown. */
function canonicalKind(kind: string): string {
  return resolveResource(kind)?.canonical ?? resolveResource(kind.toLowerCase())?.canonical ?? kind;
}

function filterFor(filters: readonly ResourceFilter[], type: string): ResourceFilter | undefined {
  return filters.find((f) => !isCatchAll(f) && f.kinds.some((k) => canonicalKind(k) === type));
}

function describeRestriction(filter: ResourceFilter): string {
  const parts: string[] = [];
  if (filter.labelSelector) parts.push('a labelSelector');
  if ((filter.orLabelSelectors ?? []).length > 0) parts.push('orLabelSelectors');
  if ((filter.names ?? []).length > 0) parts.push(`names [${(filter.names ?? []).join(', ')}]`);
  if ((filter.excludedNames ?? []).length > 0) parts.push(`excludedNames [${(filter.excludedNames ?? []).join(', ')}]`);
  return parts.join(' and ');
}

function hasSelector(filter: ResourceFilter): boolean {
  return isPresentSelector(filter.labelSelector) || (filter.orLabelSelectors ?? []).some(isPresentSelector);
}

/** Whether the filter's names/excludedNames leave out one of cert-manager's own objects of that type. */
function dropsCertManagerName(filter: ResourceFilter, type: string): boolean {
  const names = CERT_MANAGER_NAMES[type] ?? [];
  const nameFilter = { includes: filter.names ?? [], excludes: filter.excludedNames ?? [] };
  return names.some((name) => !shouldInclude(nameFilter, name));
}

/**
 * Whether a backup that keeps `includedNamespaces` (undefined or `*`: all) may meet a namespace the pattern list
 * matches. Only literal namespace lists are judged; a glob on either side counts as meeting.
 */
function mayMeet(patterns: readonly string[], includedNamespaces: readonly string[] | undefined): boolean {
  if (!includedNamespaces || includedNamespaces.length === 0 || includedNamespaces.some((n) => /[*?[{]/.test(n)))
    return true;
  return includedNamespaces.some((ns) => patterns.some((p) => globMatches(p, ns)));
}

export function filterPolicyDrops(
  policies: FilterPolicies,
  kept: {
    includedNamespaces?: readonly string[];
    namespacedIncluded(type: string): boolean;
    clusterKept(type: string): boolean;
  },
  watched: { namespaced: readonly string[]; cluster: readonly string[] },
): FilterPolicyDrop[] {
  const drops: FilterPolicyDrop[] = [];
  for (const policy of policies.namespacedFilterPolicies ?? []) {
    if (!mayMeet(policy.namespaces, kept.includedNamespaces)) continue;
    const catchAll = policy.resourceFilters.find(isCatchAll);
    for (const type of watched.namespaced) {
      if (!kept.namespacedIncluded(type)) continue;
      const filter = filterFor(policy.resourceFilters, type) ?? catchAll;
      if (!filter)
        drops.push({
          type,
          how: 'not-listed',
          field: 'namespacedFilterPolicies',
          namespaces: policy.namespaces,
          severity: 'error',
        });
      else if (isRestricting(filter))
        drops.push({
          type,
          how: 'filtered',
          field: 'namespacedFilterPolicies',
          namespaces: policy.namespaces,
          restriction: describeRestriction(filter),
          severity: 'warning',
        });
    }
  }
  const clusterFilters = policies.clusterScopedFilterPolicy ?? [];
  for (const type of watched.cluster) {
    if (!kept.clusterKept(type)) continue;
    const filter = filterFor(clusterFilters, type);
    if (!filter || !isRestricting(filter)) continue;
    const dropsOwn = dropsCertManagerName(filter, type);
    // cert-manager's CRDs and webhook configurations have known names: a name filter that keeps them all is harmless.
    if (!dropsOwn && type in CERT_MANAGER_NAMES && !hasSelector(filter)) continue;
    drops.push({
      type,
      how: 'filtered',
      field: 'clusterScopedFilterPolicy',
      restriction: describeRestriction(filter),
      severity: dropsOwn ? 'error' : 'warning',
    });
  }
  return drops;
}
