import type { Rule } from './types.js';
import { backupSpecOf } from './helpers.js';
import { describeDrop, fixForDrop, groupDrops, policyDrops } from '../policy-effects.js';
import { CERT_MANAGER_CLUSTER_TYPES, CRD } from '../resources.js';

/** cert-manager's cluster side, and the RBAC its components run with. */
const WATCHED = {
  namespaced: ['serviceaccounts', 'roles.rbac.authorization.k8s.io', 'rolebindings.rbac.authorization.k8s.io'],
  cluster: CERT_MANAGER_CLUSTER_TYPES,
};

export const rule: Rule = {
  meta: {
    id: 'CMV034',
    name: 'resource-policy-drops-cluster-resources',
    severity: 'error',
    catalogue: 'B3, B11',
    versions: 'Velero 1.17.0 and later (includeExcludePolicy); 1.18.3 and later (filter policies)',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests, with the policy ConfigMap'],
    summary:
      "The backup's resource policy (its includeExcludePolicy, or from Velero 1.18.3 its clusterScopedFilterPolicy and namespacedFilterPolicies) leaves out CRDs, ClusterIssuers, webhook configurations or RBAC that the backup's own filters keep.",
    why: "Velero merges the policy's includeExcludePolicy into the backup's scoped filters, the backup's own lists first. A policy exclude of `customresourcedefinitions` removes every CRD, even those Velero would add for backed-up objects, so cert-manager's objects cannot be restored into a fresh cluster; an exclude (or a narrowing include list) of ClusterIssuers, webhook configurations, ClusterRoles, Roles or ServiceAccounts leaves cert-manager without its issuers, its admission webhook or its permissions after a restore. From Velero 1.18.3 a clusterScopedFilterPolicy entry for one of these kinds keeps only the objects matching its label selectors and names (an error when its names leave out cert-manager's own CRDs or webhook configuration, a warning otherwise), and a namespacedFilterPolicies entry that does not list ServiceAccounts, Roles or RoleBindings drops them in its namespaces.",
    fix: "Remove the entry from the policy's excludes, or add the type to the backup's own --include-cluster-scoped-resources (it wins over the policy).",
    links: ['https://velero.io/docs/main/resource-filtering/#resource-policies'],
    plugin:
      'The plugin adds the cert-manager CRDs, referenced ClusterIssuers, RBAC and webhook configurations as must-include additional items, past the filters.',
    examples: [
      {
        bad: "velero-cm-preflight backup.sh pol.yaml   # velero backup create b --resource-policies-configmap pol; pol: clusterScopedFilterPolicy: {resourceFilters: [{kinds: [customresourcedefinitions], names: ['*.example.com']}]}",
        good: "velero-cm-preflight backup.sh pol.yaml   # the same with names: ['*.example.com', '*.cert-manager.io']",
      },
      {
        bad: 'velero-cm-preflight backup.sh pol.yaml   # velero backup create b --include-cluster-scoped-resources=clusterissuers.cert-manager.io --resource-policies-configmap pol; pol: includeExcludePolicy: {excludedClusterScopedResources: [crd]}',
        good: "velero-cm-preflight backup.sh pol.yaml   # the same with --include-cluster-scoped-resources='*' (the backup's list wins)",
      },
    ],
  },
  check(subject, ctx) {
    if (!backupSpecOf(subject)) return [];
    return groupDrops(policyDrops(subject, ctx, WATCHED)).map((d) => ({
      message: `resource policy ${d.policy} leaves ${d.types.map((t) => (t === CRD ? 'cert-manager CRDs' : t)).join(', ')} out of the ${subject.kind}${subject.name ? ` ${subject.name}` : ''}: ${describeDrop(d)}`,
      location: d.location,
      ...(d.severity ? { severity: d.severity } : {}),
      fix: fixForDrop(d),
    }));
  },
};
