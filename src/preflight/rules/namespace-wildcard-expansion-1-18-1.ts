import { includeExcludePolicyOf } from '../policy.js';
import { backupCoverage, usesOldFilters, usesScopedFilters } from '../coverage.js';
import { CLUSTER_ISSUERS, isEmpty } from '../resources.js';
import type { Rule } from './types.js';
import { NAMESPACE_FIELDS, RESOURCE_FIELDS, backupSpecOf, includeClusterResourcesReport } from './helpers.js';

/** A namespace entry Velero 1.18.1 expands against the live namespaces (ShouldExpandWildcards: `*`, `?` or `[`). */
const WILDCARD = /[*?[]/;

export const rule: Rule = {
  meta: {
    id: 'CMV035',
    name: 'namespace-wildcard-expansion-1-18-1',
    severity: 'warning',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    versions: 'Velero 1.18.1 only (fixed in 1.18.2)',
    summary:
      'On Velero 1.18.1, an old-style backup of all namespaces without include-cluster-resources: the namespace `*` is expanded and the backup may be treated as namespace-filtered.',
    why: 'Velero 1.18.1 expands every wildcard in the namespace includes, the lone `*` too (Velero issue 9869; 1.18.0 and 1.18.2+ leave `*` alone). After the expansion the namespace filter counts as "everything" only when the expanded, sorted list equals the namespace list exactly as the server listed it. When it does not, a backup on the old-style filters with include-cluster-resources unset collects no cluster-scoped types: no ClusterIssuers, no webhook configurations, only the CRDs of types with backed-up objects. The `velero` CLI always sends `*` when --include-namespaces is not given. Read from the v1.18.1 code; whether a live 1.18.1 server lists namespaces in sorted order has not been verified here, so this is a warning about what may happen, and `--include-cluster-resources=true` makes the question moot.',
    fix: '`--include-cluster-resources=true` (or upgrade to Velero 1.18.2 or later).',
    links: ['https://github.com/vmware-tanzu/velero/issues/9869', 'https://cert-manager.io/docs/devops-tips/backup/'],
    plugin:
      'The plugin adds the cert-manager CRDs, referenced ClusterIssuers, RBAC and webhook configurations as additional items.',
    examples: [
      {
        bad: 'velero backup create b --exclude-resources challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io',
        good: 'velero backup create b --include-cluster-resources=true --exclude-resources challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io',
      },
    ],
  },
  check(subject, ctx) {
    const v = ctx.veleroVersion;
    if (v.major !== 1 || v.minor !== 18 || v.patch !== 1) return [];
    const spec = backupSpecOf(subject, ...NAMESPACE_FIELDS, ...RESOURCE_FIELDS);
    if (!spec || !usesOldFilters(spec) || usesScopedFilters(spec) || spec.includeClusterResources !== undefined)
      return [];
    // Excluded namespaces make the filter partial on every version: CMV020 speaks for those.
    if (!isEmpty(spec.excludedNamespaces)) return [];
    // The CLI sends its default `*`; a manifest without includedNamespaces sends nothing and nothing is expanded.
    const includes = spec.includedNamespaces ?? (subject.origin === 'command' ? ['*'] : []);
    if (!includes.includes('*') || includes.some((n) => !WILDCARD.test(n))) return [];
    // Only what the backup would collect on 1.18.0 or 1.18.2 can be lost: ClusterIssuers must pass its resource filters.
    if (!backupCoverage(spec, ctx, includeExcludePolicyOf(subject, ctx)).clusterDirect(CLUSTER_ISSUERS)) return [];
    return [
      includeClusterResourcesReport(
        subject,
        "on Velero 1.18.1 the namespace include '*' is expanded into the list of namespaces (Velero issue 9869): unless that list matches the server's namespace listing exactly, this backup counts as namespace-filtered and, with include-cluster-resources unset, keeps no ClusterIssuers, no webhook configurations and only the CRDs of types with backed-up objects",
        subject.fieldLocations.includedNamespaces ?? subject.location,
      ),
    ];
  },
};
