/**
 * Which cert-manager-relevant types a Backup or Restore spec would carry, per velero-cli.md §9 and the
 * reference pseudo-code at the end of §16. Pure functions of the spec and the Velero version. Every include/exclude
 * decision is Velero's own (src/velero/filters.ts); this module only says which lists apply and how discovery would
 * resolve their entries.
 */
import type { BackupSpec, LintContext, RestoreSpec } from './spec.js';
import { CLUSTER_ISSUERS, CRD, NAMESPACES, isAllList, isEmpty, listMatches, resolveResource } from './resources.js';
import { ALL_TYPES, CRD_NAMES, groupResource } from '../certmanager/kinds.js';
import {
  exclusionOf,
  includesEverything,
  matchesAnyEntry,
  resourceFilter,
  shouldInclude,
  type IncludesExcludes,
} from '../velero/filters.js';
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

/** Discovery as the preflight models it: a known alias becomes its canonical name, anything else stays verbatim. */
function resolveKnown(entry: string): string {
  return resolveResource(entry)?.canonical ?? entry;
}

/** The scoped lists hold one scope each: an entry known to be of the other scope is dropped (''). */
function resolveInScope(namespaced: boolean) {
  return (entry: string): string => {
    const known = resolveResource(entry);
    if (!known) return entry;
    return known.namespaced === namespaced ? known.canonical : '';
  };
}

/** includedResources/excludedResources as Velero builds them (a `*` among the excludes is ignored). */
function oldResourceFilter(spec: BackupSpec | RestoreSpec): IncludesExcludes {
  return resourceFilter(spec.includedResources ?? [], spec.excludedResources ?? [], resolveKnown, 'old');
}

/** One pair of scoped lists as Velero builds them. */
function scopedResourceFilter(
  includes: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  namespaced: boolean,
): IncludesExcludes {
  return resourceFilter(includes ?? [], excludes ?? [], resolveInScope(namespaced), 'scoped');
}

/** The scoped engine's exclude test: a `*` excludes everything whatever else the list holds. */
function scopedExcludes(filter: IncludesExcludes, canonical: string): boolean {
  return filter.excludes.includes('*') || exclusionOf(filter, canonical) === 'excluded';
}

/**
 * A `*` among excludedResources: Velero's filter would ignore it, but its validation rejects the whole Backup or
 * Restore before any filter runs (FailedValidation, CMV013), so nothing at all is kept.
 */
function oldListsRejected(spec: BackupSpec | RestoreSpec): boolean {
  return (spec.excludedResources ?? []).includes('*');
}

function oldAllowed(spec: BackupSpec | RestoreSpec, canonical: string): boolean {
  return !oldListsRejected(spec) && shouldInclude(oldResourceFilter(spec), canonical);
}

/**
 * Whether the spec's own exclude lists (excludedResources, excludedClusterScopedResources) leave the type out by
 * name, whichever engine is in use; server additions and resource policies aside.
 */
export function excludedByName(spec: BackupSpec, canonical: string): boolean {
  return (
    oldListsRejected(spec) ||
    exclusionOf(oldResourceFilter(spec), canonical) === 'excluded' ||
    scopedExcludes(scopedResourceFilter([], spec.excludedClusterScopedResources, false), canonical)
  );
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
      oldListsRejected(input) ||
      exclusionOf(oldResourceFilter(input), CRD) === 'excluded' ||
      icr === false ||
      (icr === undefined && !oldAllowed(input, CRD));
    return {
      engine: 'old',
      clusterDirect,
      namespacedIncluded: (t) => oldAllowed(input, t),
      crdExcluded,
      crdAutoAdd: !clusterDirect(CRD) && !crdExcluded,
    };
  }
  const spec = withPolicy(serverMutatedBackup(input, ctx), policy);
  const clusterFilter = scopedResourceFilter(
    spec.includedClusterScopedResources,
    spec.excludedClusterScopedResources,
    false,
  );
  const namespacedFilter = scopedResourceFilter(
    spec.includedNamespaceScopedResources,
    spec.excludedNamespaceScopedResources,
    true,
  );
  // Neither cluster list given, and everything namespaced is kept: a full backup, cluster types included.
  const fullBackup =
    clusterFilter.includes.length === 0 &&
    clusterFilter.excludes.length === 0 &&
    nsAll &&
    includesEverything(namespacedFilter);
  const clusterDirect = (t: string) => {
    if (scopedExcludes(clusterFilter, t)) return false;
    if (t === NAMESPACES || fullBackup) return true;
    // Unlike the namespaced list, an empty cluster include list includes nothing.
    return clusterFilter.includes.includes('*') || matchesAnyEntry(clusterFilter.includes, t);
  };
  const crdExcluded = scopedExcludes(clusterFilter, CRD);
  return {
    engine: 'scoped',
    clusterDirect,
    namespacedIncluded: (t) => !scopedExcludes(namespacedFilter, t) && shouldInclude(namespacedFilter, t),
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

const CERT_MANAGER_NAMESPACED: readonly string[] = ALL_TYPES.filter((t) => t.namespaced).map(groupResource);

/**
 * Whether a backup can hold any cert-manager object at all: a namespaced cert-manager type passes its resource filters,
 * or ClusterIssuers are collected. An allowlist such as `deployments,configmaps` holds none, so no cert-manager hazard
 * follows from what it leaves out (and widening it would change what the user asked for).
 */
export function backupKeepsCertManager(spec: BackupSpec, ctx: LintContext, policy?: IncludeExcludePolicy): boolean {
  return coverageKeepsCertManager(backupCoverage(spec, ctx, policy));
}

/** backupKeepsCertManager for a coverage already computed. */
export function coverageKeepsCertManager(cov: BackupCoverage): boolean {
  return cov.clusterDirect(CLUSTER_ISSUERS) || CERT_MANAGER_NAMESPACED.some((t) => cov.namespacedIncluded(t));
}

/** Whether a restore's resource filters let any cert-manager type through. */
export function restoreKeepsCertManager(spec: RestoreSpec): boolean {
  return CRD_NAMES.some((t) => restoreIncludes(spec, t));
}
