import { includeExcludePolicyOf } from '../policy.js';
import {
  backupCoverage,
  coverageKeepsCertManager,
  namespacesAll,
  usesOldFilters,
  usesScopedFilters,
} from '../coverage.js';
import { CERT_MANAGER_CLUSTER_TYPES, CLUSTER_ISSUERS, CRD } from '../resources.js';
import type { Rule, RuleReport } from './types.js';
import {
  NAMESPACE_FIELDS,
  RESOURCE_FIELDS,
  backupSpecOf,
  canEdit,
  describeNamespaces,
  fieldLocation,
  mergeList,
  removeFlagEdits,
  setLastUseEdit,
  includeClusterResourcesReport,
} from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV020',
    name: 'namespace-filter-drops-cluster-resources',
    severity: 'error',
    catalogue: 'B1',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary:
      'A namespace-filtered backup (--include-namespaces other than *, or any --exclude-namespaces) without cluster-scoped resources.',
    why: "With any namespace filter Velero stops collecting cluster-scoped types automatically. ClusterIssuers are not backed up; CRDs are auto-added only for types with at least one backed-up item, so the ClusterIssuer CRD and, when none are in flight, the Order/Challenge/CertificateRequest CRDs are missing; cert-manager's webhook configurations and ClusterRoles are dropped. Restored onto a fresh cluster, Certificates never become Ready or are re-issued against the wrong issuer.",
    fix: '`--include-cluster-resources=true` (old-style filters), or with scoped filters `--include-cluster-scoped-resources=customresourcedefinitions.apiextensions.k8s.io,clusterissuers.cert-manager.io,...` (or `*`).',
    links: ['https://cert-manager.io/docs/devops-tips/backup/', 'https://velero.io/docs/main/resource-filtering/'],
    plugin:
      'The plugin adds the cert-manager CRDs (must-include), the ClusterIssuers that backed-up Certificates reference, and cert-manager RBAC and webhook configurations as additional items, which bypass the namespace rule.',
    examples: [
      {
        bad: 'velero backup create b --include-namespaces cert-manager,app',
        good: 'velero backup create b --include-namespaces cert-manager,app --include-cluster-resources=true',
      },
      {
        bad: 'velero backup create b --exclude-namespaces kube-system',
        good: 'velero backup create b --exclude-namespaces kube-system --include-cluster-resources=true',
      },
    ],
  },
  check(subject, ctx) {
    const spec = backupSpecOf(subject, ...NAMESPACE_FIELDS, ...RESOURCE_FIELDS);
    if (!spec || namespacesAll(spec, ctx)) return [];
    // Nothing of cert-manager in the backup: nothing of cert-manager to lose.
    const cov = backupCoverage(spec, ctx, includeExcludePolicyOf(subject, ctx));
    if (!coverageKeepsCertManager(cov)) return [];
    const where = describeNamespaces(spec) || 'namespaces are excluded by label';
    const loc = fieldLocation(subject, 'includedNamespaces', 'excludedNamespaces');
    if (usesOldFilters(spec) || !usesScopedFilters(spec)) {
      if (spec.includeClusterResources !== undefined) return [];
      return [
        includeClusterResourcesReport(
          subject,
          `the backup ${where} and does not set include-cluster-resources: ClusterIssuers, cert-manager's webhook configurations and the CRDs of types without backed-up instances (ClusterIssuer, Order, Challenge, CertificateRequest) are not backed up`,
          loc,
        ),
      ];
    }
    const missing = [CRD, CLUSTER_ISSUERS].filter((t) => !cov.clusterDirect(t));
    if (missing.length === 0) return [];
    const wanted = mergeList(spec.includedClusterScopedResources, CERT_MANAGER_CLUSTER_TYPES).join(',');
    // Velero refuses an include beside a `*` exclude of the same scope (ValidateScopedIncludesExcludes), so the
    // fix that adds cert-manager's cluster types also drops that exclude: the include list alone keeps the rest out.
    const dropExcludeAll = spec.excludedClusterScopedResources?.includes('*') ?? false;
    const report: RuleReport = {
      message: `the backup ${where} and its cluster-scoped includes do not cover ${missing.join(', ')}: they are not backed up (CRDs only for types with backed-up instances)`,
      location: fieldLocation(subject, 'includedClusterScopedResources', 'includedNamespaces', 'excludedNamespaces'),
      fix:
        subject.origin === 'command'
          ? `--include-cluster-scoped-resources=${wanted}${dropExcludeAll ? ' instead of --exclude-cluster-scoped-resources=*' : ''}`
          : `includedClusterScopedResources: [${wanted}]${dropExcludeAll ? ' and no excludedClusterScopedResources' : ''}`,
    };
    if (
      canEdit(subject, 'include-cluster-scoped-resources') &&
      (!dropExcludeAll || canEdit(subject, 'exclude-cluster-scoped-resources'))
    )
      report.edits = [
        ...setLastUseEdit(subject, 'include-cluster-scoped-resources', wanted),
        ...(dropExcludeAll ? removeFlagEdits(subject, 'exclude-cluster-scoped-resources') : []),
      ];
    else if (subject.origin === 'manifest')
      report.specChanges = {
        includedClusterScopedResources: mergeList(spec.includedClusterScopedResources, CERT_MANAGER_CLUSTER_TYPES),
        ...(dropExcludeAll ? { excludedClusterScopedResources: null } : {}),
      };
    return [report];
  },
};
