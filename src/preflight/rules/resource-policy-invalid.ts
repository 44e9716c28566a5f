import type { Rule, RuleReport } from './types.js';
import { backupSpecOf, fieldLocation } from './helpers.js';
import { usesOldFilters } from '../coverage.js';
import { policyFor } from '../policy.js';

export const rule: Rule = {
  meta: {
    id: 'CMV032',
    name: 'resource-policy-invalid',
    severity: 'error',
    catalogue: 'B11',
    versions:
      'all; includeExcludePolicy is an unknown key before Velero 1.17.0, clusterScopedFilterPolicy and namespacedFilterPolicies before 1.18.3',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests, with the policy ConfigMap'],
    summary:
      'The resource-policy ConfigMap the backup names (found among the inputs, or missing from the cluster with --cluster) is one Velero rejects, or its includeExcludePolicy or filter policies meet old-style filters.',
    why: "Velero reads the policy when the backup starts: a ConfigMap without exactly one data key, YAML it cannot decode strictly (an unknown or misspelt key, includeExcludePolicy before 1.17, clusterScopedFilterPolicy or namespacedFilterPolicies before 1.18.3), a version other than v1, an unknown volume action, `*` or an entry both included and excluded in includeExcludePolicy, a filter policy that fails Velero's checks (a cluster-scoped catch-all, a kind listed twice, a namespace pattern twice, labelSelector with orLabelSelectors, a bad selector or name glob), or an includeExcludePolicy or filter policy together with --include-resources / --exclude-resources / --include-cluster-resources all mark the backup FailedValidation: nothing is backed up, cert-manager included, and a Schedule fails the same way every time.",
    fix: 'Correct the policy as the message says (or drop includeExcludePolicy and use the scoped filter flags), and lint the ConfigMap again.',
    links: ['https://velero.io/docs/main/resource-filtering/#resource-policies'],
    examples: [
      {
        bad: 'velero-cm-preflight backup.yaml pol.yaml   # the Backup sets includeClusterResources and names pol, whose policy has an includeExcludePolicy',
        good: "velero-cm-preflight backup.yaml pol.yaml   # the Backup sets includedClusterScopedResources: ['*'] instead",
      },
    ],
  },
  check(subject, ctx) {
    const spec = backupSpecOf(subject);
    if (!spec) return [];
    const lookup = policyFor(subject, ctx);
    if (lookup.state === 'missing')
      return [
        {
          message: `resource policy ConfigMap ${lookup.namespace}/${lookup.name} does not exist in the cluster: Velero marks ${subject.kind === 'schedule' ? 'every backup of the schedule' : 'the backup'} FailedValidation ("fail to get ResourcePolicies") and backs up nothing`,
          location: fieldLocation(subject, 'resourcePolicy'),
          fix: `create ConfigMap ${lookup.name} in ${lookup.namespace} first, or correct the name`,
        },
      ];
    if (lookup.state !== 'seen') return [];
    const where = `resource policy ConfigMap ${lookup.namespace}/${lookup.name}`;
    const { reading } = lookup;
    if (!reading.valid)
      return [
        {
          message: `${where} is invalid: Velero marks ${subject.kind === 'schedule' ? 'every backup of the schedule' : 'the backup'} FailedValidation and backs up nothing: ${reading.message}`,
          location: reading.location,
          fix: reading.fix ?? 'correct the policy (Velero decodes it strictly: version v1, known keys only)',
        },
      ];
    const parts = [
      ...(reading.includeExcludePolicy ? ['an includeExcludePolicy'] : []),
      ...(reading.filterPolicies?.clusterScopedFilterPolicy ? ['a clusterScopedFilterPolicy'] : []),
      ...(reading.filterPolicies?.namespacedFilterPolicies ? ['namespacedFilterPolicies'] : []),
    ];
    if (parts.length === 0 || !usesOldFilters(spec)) return [];
    const report: RuleReport = {
      message: `${where} has ${parts.join(' and ')}, which Velero refuses together with the old filter parameters (include-resources, exclude-resources, include-cluster-resources): the backup ends FailedValidation and backs up nothing`,
      location: fieldLocation(
        subject,
        'includeClusterResources',
        'includedResources',
        'excludedResources',
        'resourcePolicy',
      ),
      fix: `use the scoped filters (--include-cluster-scoped-resources, --exclude-namespace-scoped-resources ...) instead of the old ones, or drop ${parts.join(' and ')} from the policy`,
    };
    return [report];
  },
};
