import type { Rule } from './types.js';
import { fieldLocation, restoreSpecOf } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV044',
    name: 'restore-label-selector',
    severity: 'warning',
    catalogue: 'C5',
    appliesTo: ['restore create', 'Restore manifests'],
    summary: 'A label selector on a restore: it filters CRDs, Secrets and ClusterIssuers too.',
    why: 'Unlabelled cert-manager CRDs, Secrets and issuers are not restored; Certificates come back without their Secrets or issuers.',
    fix: 'Drop the selector, or restore cert-manager in a separate restore without it.',
    links: ['https://velero.io/docs/main/resource-filtering/'],
    examples: [
      {
        bad: 'velero restore create --from-backup b -l app=shop',
        good: 'velero restore create --from-backup b --include-namespaces shop --exclude-resources=challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io,certificates.cert-manager.io',
      },
    ],
  },
  check(subject) {
    const spec = restoreSpecOf(subject, 'labelSelector', 'orLabelSelectors');
    if (!spec || (spec.labelSelector === undefined && spec.orLabelSelectors === undefined)) return [];
    return [
      {
        message:
          'the label selector applies to CRDs, Secrets and ClusterIssuers too: unlabelled cert-manager objects are not restored',
        location: fieldLocation(subject, 'labelSelector', 'orLabelSelectors'),
      },
    ];
  },
};
