import type { Rule } from './types.js';
import { backupSpecOf, fieldLocation } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV030',
    name: 'resource-policy-configmap',
    severity: 'info',
    catalogue: 'B11',
    versions: 'includeExcludePolicy: Velero 1.17.0 and later',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary: 'The backup uses a resource-policy ConfigMap, which the offline check cannot see.',
    why: "A policy's includeExcludePolicy can exclude Secrets or CRDs and narrow the include lists, and it is FailedValidation together with old-style filters.",
    fix: 'Lint the ConfigMap too: run the preflight over the file that defines it.',
    links: ['https://velero.io/docs/main/resource-filtering/#resource-policies'],
    examples: [{ bad: 'velero backup create b --resource-policies-configmap policy' }],
  },
  check(subject) {
    const spec = backupSpecOf(subject);
    if (!spec?.resourcePolicy?.name) return [];
    return [
      {
        message: `resource policy ConfigMap "${spec.resourcePolicy.name}" may narrow what is backed up (Secrets, CRDs); it was not checked`,
        location: fieldLocation(subject, 'resourcePolicy'),
      },
    ];
  },
};
