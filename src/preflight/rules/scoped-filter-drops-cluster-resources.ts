import { namespacesAll, usesOldFilters, usesScopedFilters } from '../coverage.js';
import { isEmpty } from '../resources.js';
import type { Rule, RuleReport } from './types.js';
import { NAMESPACE_FIELDS, RESOURCE_FIELDS, backupSpecOf, canEdit, fieldLocation, setLastUseEdit } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV023',
    name: 'scoped-filter-drops-cluster-resources',
    severity: 'warning',
    catalogue: 'B4',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary:
      'Scoped filters (a namespaced include/exclude, or a cluster exclude) without --include-cluster-scoped-resources.',
    why: 'By the code, any namespaced scoped filter, or a cluster-scoped exclude, switches off the automatic inclusion of cluster-scoped types: only namespaces are kept. `--exclude-cluster-scoped-resources=storageclasses` therefore drops ClusterIssuers, webhook configurations and CRDs without instances too, contrary to the docs.',
    fix: "Add `--include-cluster-scoped-resources='*'` and keep the exclusions.",
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
    if (!isEmpty(spec.includedClusterScopedResources) || (spec.excludedClusterScopedResources ?? []).includes('*'))
      return [];
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
    return [report];
  },
};
