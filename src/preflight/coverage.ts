/**
 * Which cert-manager-relevant types a Backup or Restore spec would carry, per velero-cli.md §9 and the
 * reference pseudo-code at the end of §16. Pure functions of the spec and the Velero version.
 */
import type { BackupSpec, LintContext, RestoreSpec } from './spec.js';
import { CRD, NAMESPACES, isAllList, isEmpty, keepScope, listMatches, resolveResource } from './resources.js';
import { versionAtLeast } from './version.js';
import { withPolicy, type IncludeExcludePolicy } from './policy.js';

export function usesOldFilters(spec: BackupSpec | RestoreSpec): boolean {
  return (
    spec.includeClusterResources !== undefined || !isEmpty(spec.includedResources) || !isEmpty(spec.excludedResources)
  );
}

export function usesScopedFilters(spec: BackupSpec): boolean {
  return (
    !isEmpty(spec.includedClusterScopedResources) ||
    !isEmpty(spec.excludedClusterScopedResources) ||
    !isEmpty(spec.includedNamespaceScopedResources) ||
    !isEmpty(spec.excludedNamespaceScopedResources)
  );
}

/** NS_ALL: the namespace filter includes everything (globs other than a lone `*` do not). */
export function namespacesAll(
  spec: { includedNamespaces?: string[]; excludedNamespaces?: string[] },
  ctx?: LintContext,
): boolean {
  const labelled = ctx?.cluster?.namespacesLabelledExcludeFromBackup ?? [];
  return isAllList(spec.includedNamespaces) && isEmpty(spec.excludedNamespaces) && labelled.length === 0;
}

function oldAllowed(spec: BackupSpec | RestoreSpec, canonical: string): boolean {
  if (listMatches(spec.excludedResources, canonical)) return false;
  return isAllList(spec.includedResources) || listMatches(spec.includedResources, canonical);
}

export interface BackupCoverage {
  engine: 'old' | 'scoped';
  /** The cluster-scoped type is collected directly. */
  clusterDirect(canonical: string): boolean;
  /** The namespaced type passes the resource filters (namespace filter aside). */
  namespacedIncluded(canonical: string): boolean;
  /** CRDs are excluded outright (no direct listing, no auto-add). */
  crdExcluded: boolean;
  /** CRDs are added only for types with at least one backed-up item. */
  crdAutoAdd: boolean;
}

/** The spec as the server uses it: v1.17+ appends the CSI auto-excludes on the scoped path (§9.4). */
function serverMutatedBackup(spec: BackupSpec, ctx: LintContext): BackupSpec {
  if (usesOldFilters(spec) || !versionAtLeast(ctx.veleroVersion, '1.17.0')) return spec;
  return {
    ...spec,
    excludedClusterScopedResources: [
      ...(spec.excludedClusterScopedResources ?? []),
      'volumesnapshotcontents.snapshot.storage.k8s.io',
    ],
    excludedNamespaceScopedResources: [
      ...(spec.excludedNamespaceScopedResources ?? []),
      'volumesnapshots.snapshot.storage.k8s.io',
    ],
  };
}

/**
 * What the backup keeps. `policy` is the includeExcludePolicy of its resource-policy ConfigMap (policy.ts), which
 * the scoped engine merges into its filters after the server's own additions.
 */
export function backupCoverage(input: BackupSpec, ctx: LintContext, policy?: IncludeExcludePolicy): BackupCoverage {
  const nsAll = namespacesAll(input, ctx);
  if (usesOldFilters(input)) {
    const icr = input.includeClusterResources;
    const clusterDirect = (t: string) => {
      if (icr === false) return t === NAMESPACES && oldAllowed(input, t);
      if (!oldAllowed(input, t)) return false;
      return t === NAMESPACES || icr === true || nsAll;
    };
    const crdExcluded =
      listMatches(input.excludedResources, CRD) || icr === false || (icr === undefined && !oldAllowed(input, CRD));
    return {
      engine: 'old',
      clusterDirect,
      namespacedIncluded: (t) => oldAllowed(input, t),
      crdExcluded,
      crdAutoAdd: !clusterDirect(CRD) && !crdExcluded,
    };
  }
  const spec = withPolicy(serverMutatedBackup(input, ctx), policy);
  const cInc = keepScope(spec.includedClusterScopedResources, false) ?? [];
  const cExc = keepScope(spec.excludedClusterScopedResources, false) ?? [];
  const nInc = keepScope(spec.includedNamespaceScopedResources, true) ?? [];
  const nExc = keepScope(spec.excludedNamespaceScopedResources, true) ?? [];
  const nsScopedAll = isAllList(nInc) && nExc.length === 0;
  const clusterDirect = (t: string) => {
    if (cExc.includes('*') || listMatches(cExc, t)) return false;
    if (t === NAMESPACES) return true;
    return (
      (cInc.length === 0 && cExc.length === 0 && nsAll && nsScopedAll) || cInc.includes('*') || listMatches(cInc, t)
    );
  };
  const crdExcluded = cExc.includes('*') || listMatches(cExc, CRD);
  return {
    engine: 'scoped',
    clusterDirect,
    namespacedIncluded: (t) => !listMatches(nExc, t) && (isAllList(nInc) || listMatches(nInc, t)),
    crdExcluded,
    crdAutoAdd: !clusterDirect(CRD) && !crdExcluded,
  };
}

export function restoreIncludes(spec: RestoreSpec, canonical: string): boolean {
  return oldAllowed(spec, canonical);
}

/** Entries in a resource list that name a cert-manager type (by alias or glob). */
export function namesCertManager(list: readonly string[] | undefined): boolean {
  if (!list) return false;
  return list.some((e) => {
    const known = resolveResource(e);
    if (known) return known.canonical.endsWith('cert-manager.io');
    return e !== '*' && (e.includes('cert-manager') || listMatches([e], 'certificates.cert-manager.io'));
  });
}
