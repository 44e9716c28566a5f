/**
 * Every rule, in id order. One file per rule; this list is the registry (docs are generated from it).
 *
 * Retired ids, never reused: CMV035 (namespace-wildcard-expansion-1-18-1) warned that Velero 1.18.1's expansion of
 * the namespace `*` (Velero issue 9869) could cost an old-style backup its cluster-scoped objects. A live 1.18.1
 * showed it does not: the expanded, sorted namespace list equals the API server's (sorted) listing, so the filter
 * still counts as everything and ClusterIssuers, CRDs and webhook configurations are collected
 * (test/e2e/velero-1-18-1-wildcard.test.ts). What 1.18.1 really changed is speed: one list call per namespace.
 */
import { rule as allowlistWithoutCrds } from './allowlist-without-crds.js';
import { rule as apiGroupVersionsDisabled } from './api-group-versions-disabled.js';
import { rule as backupLabelSelector } from './backup-label-selector.js';
import { rule as boolFlagSeparateValue } from './bool-flag-separate-value.js';
import { rule as clusterResourceNamespaceExcluded } from './cluster-resource-namespace-excluded.js';
import { rule as clusterResourcesExcluded } from './cluster-resources-excluded.js';
import { rule as commandValidationFails } from './command-validation-fails.js';
import { rule as conflictingFilters } from './conflicting-filters.js';
import { rule as durationUnitUnsupported } from './duration-unit-unsupported.js';
import { rule as ephemeralKindsBackedUp } from './ephemeral-kinds-backed-up.js';
import { rule as existingResourcePolicyUpdate } from './existing-resource-policy-update.js';
import { rule as flagNeedsArgument } from './flag-needs-argument.js';
import { rule as fromScheduleIgnoresFlags } from './from-schedule-ignores-flags.js';
import { rule as installHasNoServerFlags } from './install-has-no-server-flags.js';
import { rule as installOutputWithoutDryRun } from './install-output-without-dry-run.js';
import { rule as invalidFlagValue } from './invalid-flag-value.js';
import { rule as listItemWhitespaceOrEmpty } from './list-item-whitespace-or-empty.js';
import { rule as mixedFilterFamilies } from './mixed-filter-families.js';
import { rule as namespaceFilterDropsClusterResources } from './namespace-filter-drops-cluster-resources.js';
import { rule as namespaceFlagNotAFilter } from './namespace-flag-not-a-filter.js';
import { rule as namespaceGlob } from './namespace-glob.js';
import { rule as namespaceMappingCertManager } from './namespace-mapping-cert-manager.js';
import { rule as nonCanonicalResourceName } from './non-canonical-resource-name.js';
import { rule as pluginAddWithoutConfirm } from './plugin-add-without-confirm.js';
import { rule as pluginChangeRestartsVelero } from './plugin-change-restarts-velero.js';
import { rule as pluginConfigMisplaced } from './plugin-config-misplaced.js';
import { rule as pluginImageNotPinned } from './plugin-image-not-pinned.js';
import { rule as rbacRestoredAfterPods } from './rbac-restored-after-pods.js';
import { rule as repeatedListFlag } from './repeated-list-flag.js';
import { rule as resourcePolicyConfigmap } from './resource-policy-configmap.js';
import { rule as resourcePolicyDropsCertManagerObjects } from './resource-policy-drops-cert-manager-objects.js';
import { rule as resourcePolicyDropsClusterResources } from './resource-policy-drops-cluster-resources.js';
import { rule as resourcePolicyInvalid } from './resource-policy-invalid.js';
import { rule as resourceScopeMismatch } from './resource-scope-mismatch.js';
import { rule as restoreAllowlistMissingCrdsOrSecrets } from './restore-allowlist-missing-crds-or-secrets.js';
import { rule as restoreClusterResourcesFalse } from './restore-cluster-resources-false.js';
import { rule as restoreEphemeralKinds } from './restore-ephemeral-kinds.js';
import { rule as restoreExcludesSecrets } from './restore-excludes-secrets.js';
import { rule as restoreFromSchedulePartiallyFailed } from './restore-from-schedule-partially-failed.js';
import { rule as restoreLabelSelector } from './restore-label-selector.js';
import { rule as restoreNamespaceFilterDropsClusterResources } from './restore-namespace-filter-drops-cluster-resources.js';
import { rule as restorePrioritiesSecretsOrder } from './restore-priorities-secrets-order.js';
import { rule as restoreShimCertificates } from './restore-shim-certificates.js';
import { rule as restoreStatusResources } from './restore-status-resources.js';
import { rule as restoreWithoutSource } from './restore-without-source.js';
import { rule as scheduleAnnotationsDropped } from './schedule-annotations-dropped.js';
import { rule as scheduleMissingCron } from './schedule-missing-cron.js';
import { rule as scopedEngineDropsClusterResources } from './scoped-engine-drops-cluster-resources.js';
import { rule as scopedFilterDropsClusterResources } from './scoped-filter-drops-cluster-resources.js';
import { rule as secretsNotBackedUp } from './secrets-not-backed-up.js';
import { rule as suppressionWithoutReason } from './suppression-without-reason.js';
import { rule as unknownFlagOrCommand } from './unknown-flag-or-command.js';
import { rule as unknownSubcommand } from './unknown-subcommand.js';
import { rule as unresolvedShellExpansion } from './unresolved-shell-expansion.js';
import { rule as valueFlagSwallowsFlag } from './value-flag-swallows-flag.js';
import { rule as wrongArgumentCount } from './wrong-argument-count.js';
import type { Rule } from './types.js';
// Rules of audit, cluster mode and doctor: metadata only here (their findings come from those commands).
import { AUDIT_RULES } from '../audit/rules.js';
import { CLUSTER_RULES } from '../cluster/rules.js';
import { DOCTOR_RULES } from '../doctor/rules.js';

export const RULES: readonly Rule[] = [
  allowlistWithoutCrds,
  apiGroupVersionsDisabled,
  backupLabelSelector,
  boolFlagSeparateValue,
  clusterResourceNamespaceExcluded,
  clusterResourcesExcluded,
  commandValidationFails,
  conflictingFilters,
  durationUnitUnsupported,
  ephemeralKindsBackedUp,
  existingResourcePolicyUpdate,
  flagNeedsArgument,
  fromScheduleIgnoresFlags,
  installHasNoServerFlags,
  installOutputWithoutDryRun,
  invalidFlagValue,
  listItemWhitespaceOrEmpty,
  mixedFilterFamilies,
  namespaceFilterDropsClusterResources,
  namespaceFlagNotAFilter,
  namespaceGlob,
  namespaceMappingCertManager,
  nonCanonicalResourceName,
  pluginAddWithoutConfirm,
  pluginChangeRestartsVelero,
  pluginConfigMisplaced,
  pluginImageNotPinned,
  rbacRestoredAfterPods,
  repeatedListFlag,
  resourcePolicyConfigmap,
  resourcePolicyDropsCertManagerObjects,
  resourcePolicyDropsClusterResources,
  resourcePolicyInvalid,
  resourceScopeMismatch,
  restoreAllowlistMissingCrdsOrSecrets,
  restoreClusterResourcesFalse,
  restoreEphemeralKinds,
  restoreExcludesSecrets,
  restoreFromSchedulePartiallyFailed,
  restoreLabelSelector,
  restoreNamespaceFilterDropsClusterResources,
  restorePrioritiesSecretsOrder,
  restoreShimCertificates,
  restoreStatusResources,
  restoreWithoutSource,
  scheduleAnnotationsDropped,
  scheduleMissingCron,
  scopedEngineDropsClusterResources,
  scopedFilterDropsClusterResources,
  secretsNotBackedUp,
  suppressionWithoutReason,
  unknownFlagOrCommand,
  unknownSubcommand,
  unresolvedShellExpansion,
  valueFlagSwallowsFlag,
  wrongArgumentCount,
  ...AUDIT_RULES,
  ...CLUSTER_RULES,
  ...DOCTOR_RULES,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** A rule by id (CMV020) or name (namespace-filter-drops-cluster-resources), case-insensitive. */
export function findRule(idOrName: string): Rule | undefined {
  const key = idOrName.trim().toLowerCase();
  return RULES.find((r) => r.meta.id.toLowerCase() === key || r.meta.name === key);
}
