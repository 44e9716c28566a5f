import type { Rule } from './types.js';
import { backupSpecOf, fieldLocation } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV028',
    name: 'backup-label-selector',
    severity: 'warning',
    catalogue: 'B9',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary: 'A label selector (-l / --or-selector) on a backup: it filters Secrets, CRDs and ClusterIssuers too.',
    why: 'Secrets cert-manager creates carry only the labels of Certificate.spec.secretTemplate, so they are usually not selected; with no namespace filter CRD auto-add is off and only labelled CRDs are kept. The restore then re-issues everything or cannot create the CRs.',
    fix: 'Drop the selector, back up cert-manager with a separate unfiltered backup, or make sure Secrets (secretTemplate.labels), Issuers and CRDs carry the label.',
    links: ['https://cert-manager.io/docs/usage/certificate/#creating-certificate-resources'],
    examples: [
      {
        bad: 'velero backup create b -l app=shop',
        good: 'velero backup create b --include-namespaces shop,cert-manager --include-cluster-resources=true --exclude-resources=challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io',
      },
    ],
  },
  check(subject) {
    const spec = backupSpecOf(subject, 'labelSelector', 'orLabelSelectors');
    if (!spec || (spec.labelSelector === undefined && spec.orLabelSelectors === undefined)) return [];
    return [
      {
        message:
          'the label selector applies to Secrets, CRDs and ClusterIssuers too: cert-manager Secrets, CRDs and issuers without the label are not backed up',
        location: fieldLocation(subject, 'labelSelector', 'orLabelSelectors'),
        fix: 'drop the selector or label the cert-manager objects (Certificate.spec.secretTemplate.labels for Secrets)',
      },
    ];
  },
};
