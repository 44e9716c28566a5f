import { restoreKeepsCertManager } from '../coverage.js';
import type { Rule } from './types.js';
import { fieldLocation, restoreSpecOf, includeClusterResourcesReport } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV041',
    name: 'restore-cluster-resources-false',
    severity: 'error',
    catalogue: 'C2',
    appliesTo: ['restore create', 'Restore manifests'],
    summary: 'A restore with include-cluster-resources=false.',
    why: 'No cluster-scoped item is restored, CRDs included: on a cluster without cert-manager the Certificates, Issuers and ClusterIssuers cannot be created.',
    fix: 'Remove it (or set it to true), unless cert-manager is installed separately first.',
    links: ['https://velero.io/docs/main/restore-reference/'],
    examples: [
      {
        bad: 'velero restore create --from-backup b --include-cluster-resources=false',
        good: 'velero restore create --from-backup b --include-cluster-resources=true',
      },
    ],
  },
  check(subject) {
    const spec = restoreSpecOf(subject, 'includeClusterResources');
    if (spec?.includeClusterResources !== false) return [];
    // Nothing of cert-manager in the restore: nothing of cert-manager to lose.
    if (!restoreKeepsCertManager(spec)) return [];
    return [
      includeClusterResourcesReport(
        subject,
        'include-cluster-resources=false: no CRDs, ClusterIssuers or webhook configurations are restored',
        fieldLocation(subject, 'includeClusterResources'),
      ),
    ];
  },
};
