import { includeExcludePolicyOf } from '../policy.js';
import {
  excludedByName,
  backupKeepsCertManager,
  namespacesAll,
  usesOldFilters,
  usesScopedFilters,
} from '../coverage.js';
import { CERT_MANAGER_CLUSTER_CONFIG, CRD, isEmpty, listMatches } from '../resources.js';
import type { Rule, RuleReport } from './types.js';
import {
  NAMESPACE_FIELDS,
  RESOURCE_FIELDS,
  backupSpecOf,
  canEdit,
  fieldLocation,
  mergeList,
  setLastUseEdit,
  setListReport,
} from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV023',
    name: 'scoped-filter-drops-cluster-resources',
    severity: 'warning',
    catalogue: 'B4',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary:
      'Scoped filters that keep cert-manager objects but not its cluster-scoped configuration: a namespaced include/exclude or a cluster exclude without --include-cluster-scoped-resources, or a cluster-scoped allowlist without ClusterIssuers, webhook configurations and CRDs.',
    why: 'By the code, any namespaced scoped filter, or a cluster-scoped exclude, switches off the automatic inclusion of cluster-scoped types: only namespaces are kept. `--exclude-cluster-scoped-resources=storageclasses` therefore drops ClusterIssuers, webhook configurations and CRDs without instances too, contrary to the docs. An explicit `--include-cluster-scoped-resources` list keeps only the types it names: `storageclasses,clusterroles` leaves ClusterIssuers and the webhook configurations out.',
    fix: "Add `--include-cluster-scoped-resources='*'` and keep the exclusions; to an explicit cluster-scoped list, add clusterissuers.cert-manager.io, customresourcedefinitions.apiextensions.k8s.io and the two webhook configuration types.",
    links: ['https://github.com/vmware-tanzu/velero/blob/main/pkg/util/collections/includes_excludes.go'],
    plugin:
      'The plugin adds the cert-manager CRDs, referenced ClusterIssuers, RBAC and webhook configurations as additional items.',
    examples: [
      {
        bad: 'velero backup create b --exclude-namespace-scoped-resources events',
        good: "velero backup create b --exclude-namespace-scoped-resources events --include-cluster-scoped-resources='*'",
      },
    ],
  },
  check(subject, ctx) {
    const spec = backupSpecOf(subject, ...NAMESPACE_FIELDS, ...RESOURCE_FIELDS);
    if (!spec || usesOldFilters(spec) || !usesScopedFilters(spec) || !namespacesAll(spec, ctx)) return [];
    // Nothing of cert-manager in the backup: nothing of cert-manager to lose.
    if (!backupKeepsCertManager(spec, ctx, includeExcludePolicyOf(subject, ctx))) return [];
    if ((spec.excludedClusterScopedResources ?? []).includes('*')) return [];
    const clusterIncludes = spec.includedClusterScopedResources ?? [];
    if (clusterIncludes.includes('*')) return [];
    if (!isEmpty(clusterIncludes)) {
      // An explicit cluster allowlist keeps only what it names: say which of cert-manager's cluster types it leaves out,
      // and fix by adding them to the list (the user's other entries stay). Types an exclude list or the resource
      // policy leaves out on purpose are reported by CMV022 and CMV034.
      const policy = includeExcludePolicyOf(subject, ctx);
      const policyExcludes = policy?.excludedClusterScopedResources ?? [];
      const missing = CERT_MANAGER_CLUSTER_CONFIG.filter(
        (t) => !listMatches(clusterIncludes, t) && !excludedByName(spec, t) && !listMatches(policyExcludes, t),
      );
      if (missing.length === 0) return [];
      const crdNote = missing.includes(CRD) ? ' (CRDs only for types with backed-up objects)' : '';
      return [
        setListReport(
          subject,
          'includedClusterScopedResources',
          'include-cluster-scoped-resources',
          mergeList(spec.includedClusterScopedResources, missing),
          `the cluster-scoped allowlist keeps only what it names: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not backed up${crdNote}, so a restore lacks what cert-manager needs to work`,
        ),
      ];
    }
    const report: RuleReport = {
      message:
        'scoped filters without include-cluster-scoped-resources: Velero keeps no cluster-scoped type except namespaces, so ClusterIssuers, webhook configurations and CRDs without instances are not backed up',
      location: fieldLocation(
        subject,
        'excludedClusterScopedResources',
        'includedNamespaceScopedResources',
        'excludedNamespaceScopedResources',
      ),
      fix:
        subject.origin === 'command'
          ? "--include-cluster-scoped-resources='*'"
          : "includedClusterScopedResources: ['*']",
    };
    if (canEdit(subject)) report.edits = setLastUseEdit(subject, 'include-cluster-scoped-resources', '*');
    else if (subject.origin === 'manifest') report.specChanges = { includedClusterScopedResources: ['*'] };
    return [report];
  },
};
