/**
 * What a backup's resource policy takes away: the cert-manager-relevant types the backup's own filters keep
 * and the filters with the policy merged in (policy.ts) do not, each with the policy entry that causes it.
 * Kept apart from policy.ts because it needs coverage.ts, which itself merges policies through policy.ts.
 */
import type { SourceLocation } from './parse/pflag.js';
import { backupCoverage, type BackupCoverage } from './coverage.js';
import { policyFor, type IncludeExcludePolicy, type PolicyReading, type ScopedPolicyField } from './policy.js';

type PolicyReadingValid = Extract<PolicyReading, { valid: true }>;
import { listMatches, resolveResource } from './resources.js';
import type { LintContext, Subject } from './spec.js';
import { CRD } from './resources.js';
import { filterPolicyDrops } from './filter-policy-effects.js';

export interface PolicyDrop {
  /** Canonical resource name. */
  type: string;
  /**
   * `excluded`: a policy exclude entry names it; `not-included`: a policy include list narrowed "everything";
   * `not-listed`: a namespacedFilterPolicies entry lists neither it nor a catch-all; `filtered`: a filter policy
   * keeps only the objects matching its selectors or names.
   */
  how: 'excluded' | 'not-included' | 'crds-only-with-instances' | 'not-listed' | 'filtered';
  field: ScopedPolicyField | 'clusterScopedFilterPolicy' | 'namespacedFilterPolicies';
  /** The namespace patterns of the namespaced filter policy responsible. */
  namespaces?: string[];
  /** What a filter policy keeps instead (for `filtered`). */
  restriction?: string;
  /** Set when the drop is less than certain (a filter that may still match cert-manager's objects). */
  severity?: 'warning';
  /** The policy entry responsible (for `excluded`). */
  entry?: string;
  location: SourceLocation;
  /** `velero/pol`, for messages. */
  policy: string;
}

/** The types `watched` that the backup keeps without its policy but loses with it (scoped engine only). */
export function policyDrops(
  subject: Subject,
  ctx: LintContext,
  watched: { namespaced: readonly string[]; cluster: readonly string[] },
): PolicyDrop[] {
  const lookup = policyFor(subject, ctx);
  const spec = subject.backup;
  if (lookup.state !== 'seen' || !lookup.reading.valid || !spec) return [];
  const { includeExcludePolicy: policy, filterPolicies, locations, filterLocations } = lookup.reading;
  if (!policy && !filterPolicies) return [];
  const before = backupCoverage(spec, ctx);
  const after = policy ? backupCoverage(spec, ctx, policy) : before;
  // The old-style engine never merges the policy; that combination is resource-policy-invalid's finding.
  if (after.engine !== 'scoped') return [];
  const name = `${lookup.namespace}/${lookup.name}`;
  const fallback = Object.values(locations)[0] ?? Object.values(filterLocations)[0] ?? subject.location;
  const drops = policy ? includeExcludeDrops(policy, before, after, watched, name, fallback, lookup.reading) : [];
  if (filterPolicies)
    for (const { severity, ...d } of filterPolicyDrops(
      filterPolicies,
      {
        ...(spec.includedNamespaces ? { includedNamespaces: spec.includedNamespaces } : {}),
        namespacedIncluded: (t) => after.namespacedIncluded(t),
        clusterKept: (t) => (t === CRD ? !after.crdExcluded : after.clusterDirect(t)),
      },
      watched,
    ))
      drops.push({
        ...d,
        ...(severity === 'warning' ? { severity } : {}),
        location: filterLocations[d.field] ?? fallback,
        policy: name,
      });
  return drops;
}

function includeExcludeDrops(
  policy: IncludeExcludePolicy,
  before: BackupCoverage,
  after: BackupCoverage,
  watched: { namespaced: readonly string[]; cluster: readonly string[] },
  name: string,
  fallback: SourceLocation,
  { entryLocations, locations }: Pick<PolicyReadingValid, 'entryLocations' | 'locations'>,
): PolicyDrop[] {
  const drop = (type: string, namespaced: boolean, how: PolicyDrop['how']): PolicyDrop => {
    const [incField, excField] = namespaced
      ? (['includedNamespaceScopedResources', 'excludedNamespaceScopedResources'] as const)
      : (['includedClusterScopedResources', 'excludedClusterScopedResources'] as const);
    const entry = entryNaming(policy, excField, type);
    if (how !== 'crds-only-with-instances' && entry)
      return {
        type,
        how: 'excluded',
        field: excField,
        entry: entry.entry,
        location: entryLocations[excField]?.[entry.index] ?? locations[excField] ?? fallback,
        policy: name,
      };
    return { type, how, field: incField, location: locations[incField] ?? fallback, policy: name };
  };
  const drops: PolicyDrop[] = [];
  for (const type of watched.namespaced)
    if (before.namespacedIncluded(type) && !after.namespacedIncluded(type))
      drops.push(
        drop(type, true, entryNaming(policy, 'excludedNamespaceScopedResources', type) ? 'excluded' : 'not-included'),
      );
  for (const type of watched.cluster) {
    if (type === CRD && !before.crdExcluded && after.crdExcluded) drops.push(drop(type, false, 'excluded'));
    else if (before.clusterDirect(type) && !after.clusterDirect(type))
      drops.push(
        drop(
          type,
          false,
          type === CRD && !after.crdExcluded
            ? 'crds-only-with-instances'
            : entryNaming(policy, 'excludedClusterScopedResources', type)
              ? 'excluded'
              : 'not-included',
        ),
      );
  }
  return drops;
}

/** The first entry of a policy list that names `type` (by alias or glob), with its index. */
function entryNaming(
  policy: IncludeExcludePolicy,
  field: ScopedPolicyField,
  type: string,
): { entry: string; index: number } | undefined {
  const list = policy[field] ?? [];
  const index = list.findIndex((entry) => listMatches([resolveResource(entry)?.canonical ?? entry], type));
  const entry = list[index];
  return entry === undefined ? undefined : { entry, index };
}

/** Drops with one cause (the same policy entry, or the same narrowing list), their types together. */
export interface PolicyDropGroup extends Omit<PolicyDrop, 'type'> {
  types: string[];
}

export function groupDrops(drops: readonly PolicyDrop[]): PolicyDropGroup[] {
  const groups = new Map<string, PolicyDropGroup>();
  for (const { type, ...cause } of drops) {
    const key = [
      cause.how,
      cause.field,
      cause.entry ?? '',
      (cause.namespaces ?? []).join(','),
      cause.restriction ?? '',
      cause.severity ?? '',
    ].join('\u0000');
    const group = groups.get(key);
    if (group) group.types.push(type);
    else groups.set(key, { ...cause, types: [type] });
  }
  return [...groups.values()];
}

/** Why the policy drops them, for messages. */
export function describeDrop(d: PolicyDropGroup): string {
  if (d.how === 'not-listed')
    return `its namespacedFilterPolicies entry for namespaces ${d.namespaces?.join(', ') ?? ''} lists neither ${d.types.length === 1 ? 'that kind' : 'those kinds'} nor a catch-all, so Velero does not collect ${d.types.length === 1 ? 'it' : 'them'} there`;
  if (d.how === 'filtered')
    return `its ${d.field}${d.namespaces ? ` entry for namespaces ${d.namespaces.join(', ')}` : ''} keeps only the objects matching ${d.restriction ?? 'its filter'}; the others are left out`;
  if (d.how === 'excluded') return `its ${d.field} lists ${d.entry ?? d.types.join(', ')}`;
  if (d.how === 'crds-only-with-instances')
    return `its ${d.field} no longer covers CRDs, so only those of types with backed-up objects are kept`;
  return `its ${d.field} narrows the backup's "everything" to the policy's list`;
}

/** The fix, said on the policy (the backup's own lists win over it, so that is a fix too). */
export function fixForDrop(d: PolicyDropGroup): string {
  if (d.how === 'not-listed')
    return `add ${d.types.join(', ')} to the kinds of a resourceFilters entry of that namespacedFilterPolicies entry in ${d.policy} (or add a catch-all entry, kinds: ['*'])`;
  if (d.how === 'filtered')
    return `make sure cert-manager's ${d.types.join(', ')} match the filter of ${d.field} in ${d.policy}, or drop ${d.types.length === 1 ? 'that kind' : 'those kinds'} from it`;
  if (d.how === 'excluded') return `remove ${d.entry ?? d.types.join(', ')} from ${d.field} in ${d.policy}`;
  return `add ${d.types.join(', ')} to ${d.field} in ${d.policy}, or list ${d.types.length === 1 ? 'it' : 'them'} in the backup's own ${d.field} (the backup's lists win over the policy)`;
}
