import type { Rule } from './types.js';
import { backupSpecOf, fieldLocation } from './helpers.js';
import { policyFor } from '../policy.js';

export const rule: Rule = {
  meta: {
    id: 'CMV030',
    name: 'resource-policy-configmap',
    severity: 'info',
    catalogue: 'B11',
    versions:
      'includeExcludePolicy: Velero 1.17.0 and later; clusterScopedFilterPolicy and namespacedFilterPolicies: 1.18.3 and later',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary:
      'The backup uses a resource-policy ConfigMap that is not among the inputs (or is not a ConfigMap), so its policy was not checked.',
    why: "A policy's includeExcludePolicy can exclude Secrets or CRDs and narrow the include lists, its namespacedFilterPolicies (1.18.3+) keep only the kinds they list in their namespaces, its clusterScopedFilterPolicy (1.18.3+) narrows CRDs or ClusterIssuers by label or name, and each is FailedValidation together with old-style filters. When the ConfigMap's manifest is among the inputs (same name, Velero's namespace), the preflight reads the policy instead (CMV032-CMV034); a resourcePolicy whose kind is not `configmap` is ignored by Velero altogether.",
    fix: 'Lint the ConfigMap too: run the preflight over the file that defines it together with the backup.',
    links: ['https://velero.io/docs/main/resource-filtering/#resource-policies'],
    examples: [
      {
        bad: 'velero backup create b --resource-policies-configmap policy',
        good: 'velero-cm-preflight backup.sh policy-configmap.yaml   # lint the command together with its ConfigMap',
      },
      { bad: 'velero-cm-preflight backup.yaml', good: 'velero-cm-preflight backup.yaml resource-policy.yaml' },
    ],
  },
  check(subject, ctx) {
    if (!backupSpecOf(subject)) return [];
    const lookup = policyFor(subject, ctx);
    const location = fieldLocation(subject, 'resourcePolicy');
    if (lookup.state === 'other-kind')
      return [
        {
          message: `resourcePolicy names "${lookup.name}" with kind "${lookup.kind}": Velero only reads kind configmap and ignores this policy without a warning`,
          location,
          fix: 'resourcePolicy: {kind: configmap, name: ...}',
        },
      ];
    if (lookup.state !== 'not-seen') return [];
    return [
      {
        message: `resource policy ConfigMap ${lookup.namespace}/${lookup.name} may narrow what is backed up (Secrets, CRDs); it is not among the inputs, so its policy was not seen or checked`,
        location,
      },
    ];
  },
};
