import { restoreIncludes } from '../coverage.js';
import { INGRESSES } from '../resources.js';
import type { Rule } from './types.js';
import { restoreSpecOf } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV048',
    name: 'restore-shim-certificates',
    severity: 'info',
    catalogue: 'C9',
    appliesTo: ['restore create', 'Restore manifests'],
    summary: 'Certificates and Ingresses restored together: ingress-shim Certificates lose their owner.',
    why: 'Velero strips ownerReferences, so cert-manager no longer treats a restored ingress-shim Certificate as owned by its Ingress; it is neither updated nor cleaned up with it.',
    fix: 'Restore in two steps (first `--exclude-resources certificates.cert-manager.io`, then the rest), or keep ingress-shim Certificates out of the backup.',
    links: ['https://cert-manager.io/docs/devops-tips/backup/'],
    plugin:
      'The plugin skips ingress-shim and gateway-shim Certificates at backup and restore, so the shim recreates them.',
    examples: [
      {
        bad: 'velero restore create --from-backup b',
        good: 'velero restore create --from-backup b --exclude-resources=challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io,certificates.cert-manager.io   # then restore Certificates in a second step',
      },
    ],
  },
  check(subject) {
    const spec = restoreSpecOf(subject, 'includedResources', 'excludedResources');
    if (!spec || !restoreIncludes(spec, 'certificates.cert-manager.io') || !restoreIncludes(spec, INGRESSES)) return [];
    return [
      {
        message:
          'Certificates and Ingresses are restored together: ingress-shim Certificates come back without their owner reference',
        location: subject.location,
      },
    ];
  },
};
