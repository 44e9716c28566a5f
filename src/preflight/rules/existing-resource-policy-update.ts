import type { Rule } from './types.js';
import { fieldLocation, restoreSpecOf } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV045',
    name: 'existing-resource-policy-update',
    severity: 'warning',
    catalogue: 'C6',
    appliesTo: ['restore create', 'Restore manifests'],
    summary:
      '--existing-resource-policy=update on a restore: live cert-manager objects are patched back to the backup.',
    why: "Where cert-manager already runs (installed by Helm), Velero patches its CRDs, webhook configurations, Deployments and Secrets, including the webhook's CA, back to the backed-up state: a CRD schema downgrade, or a webhook CA mismatch (x509 errors) that blocks every cert-manager write.",
    fix: 'Keep the default (or `none`); exclude the cert-manager installation (CRDs, webhook configurations, the cert-manager namespace) when it is reinstalled separately.',
    links: ['https://velero.io/docs/main/restore-reference/#restore-existing-resource-policy'],
    examples: [
      {
        bad: 'velero restore create --from-backup b --existing-resource-policy=update',
        good: 'velero restore create --from-backup b',
      },
    ],
  },
  check(subject) {
    const spec = restoreSpecOf(subject, 'existingResourcePolicy');
    if (spec?.existingResourcePolicy !== 'update') return [];
    return [
      {
        message:
          'existing-resource-policy=update patches a live cert-manager (CRDs, webhook CA, Deployments, Secrets) back to the backup: CRD downgrade or webhook x509 errors',
        location: fieldLocation(subject, 'existingResourcePolicy'),
      },
    ];
  },
};
