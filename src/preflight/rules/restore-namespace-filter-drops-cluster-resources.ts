import { restoreKeepsCertManager } from '../coverage.js';
import { namespacesAll } from '../coverage.js';
import type { Rule } from './types.js';
import { describeNamespaces, fieldLocation, restoreSpecOf, includeClusterResourcesReport } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV040',
    name: 'restore-namespace-filter-drops-cluster-resources',
    severity: 'error',
    catalogue: 'C1',
    appliesTo: ['restore create', 'Restore manifests'],
    summary: 'A namespace-filtered restore without --include-cluster-resources=true.',
    why: 'Velero skips every cluster-scoped item when only some namespaces are restored, including the CRDs of the CRD-first pass: no CRDs, no ClusterIssuers, no webhook configurations, no ClusterRoles. On a fresh cluster the cert-manager objects fail to restore and Certificates hang on missing ClusterIssuers.',
    fix: '`--include-cluster-resources=true`, or pre-install cert-manager with Helm and restore only the namespaced objects.',
    links: ['https://velero.io/docs/main/restore-reference/'],
    examples: [
      {
        bad: 'velero restore create --from-backup b --include-namespaces app,cert-manager',
        good: 'velero restore create --from-backup b --include-namespaces app,cert-manager --include-cluster-resources=true',
      },
    ],
  },
  check(subject) {
    const spec = restoreSpecOf(subject, 'includedNamespaces', 'excludedNamespaces', 'includeClusterResources');
    if (!spec || namespacesAll(spec) || spec.includeClusterResources !== undefined) return [];
    // Nothing of cert-manager in the restore: nothing of cert-manager to lose.
    if (!restoreKeepsCertManager(spec)) return [];
    return [
      includeClusterResourcesReport(
        subject,
        `the restore ${describeNamespaces(spec)}: without include-cluster-resources=true no CRDs, ClusterIssuers, webhook configurations or ClusterRoles are restored`,
        fieldLocation(subject, 'includedNamespaces', 'excludedNamespaces'),
      ),
    ];
  },
};
