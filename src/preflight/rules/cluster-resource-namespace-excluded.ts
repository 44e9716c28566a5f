import { backupCoverage } from '../coverage.js';
import { CLUSTER_ISSUERS, isAllList, listMatches } from '../resources.js';
import type { Rule, RuleReport } from './types.js';
import {
  NAMESPACE_FIELDS,
  RESOURCE_FIELDS,
  backupSpecOf,
  canEdit,
  fieldLocation,
  mergeList,
  nameOf,
  removeFlagEdits,
  setLastUseEdit,
} from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV026',
    name: 'cluster-resource-namespace-excluded',
    severity: 'warning',
    catalogue: 'B7',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary:
      "ClusterIssuers are backed up but cert-manager's cluster resource namespace (default `cert-manager`) is filtered out.",
    why: "A ClusterIssuer's ACME account key, CA key pair and DNS01 credentials live in the cluster resource namespace. Without them a restored ACME ClusterIssuer registers a new account and a CA ClusterIssuer is broken.",
    fix: 'Include the cluster resource namespace (pass --cluster-resource-namespace to the preflight if cert-manager uses another one).',
    links: ['https://cert-manager.io/docs/configuration/#cluster-resource-namespace'],
    examples: [
      {
        bad: 'velero backup create b --include-namespaces app --include-cluster-resources=true',
        good: 'velero backup create b --include-namespaces app,cert-manager --include-cluster-resources=true',
      },
    ],
  },
  check(subject, ctx) {
    const spec = backupSpecOf(subject, ...NAMESPACE_FIELDS, ...RESOURCE_FIELDS);
    if (!spec) return [];
    if (!backupCoverage(spec, ctx).clusterDirect(CLUSTER_ISSUERS)) return [];
    const crn = ctx.clusterResourceNamespace;
    const out: RuleReport[] = [];
    const inc = spec.includedNamespaces;
    if (!isAllList(inc) && !listMatches(inc, crn)) {
      const wanted = mergeList(inc, [crn]).join(',');
      const report: RuleReport = {
        message: `ClusterIssuers are backed up but ${nameOf(subject, 'includedNamespaces', 'include-namespaces')} leaves out "${crn}", where their ACME account keys, CA key pairs and DNS01 credentials live`,
        location: fieldLocation(subject, 'includedNamespaces'),
        fix: `${nameOf(subject, 'includedNamespaces', 'include-namespaces')}=${wanted}`,
      };
      if (canEdit(subject, 'include-namespaces')) report.edits = setLastUseEdit(subject, 'include-namespaces', wanted);
      out.push(report);
    }
    const exc = spec.excludedNamespaces;
    if (exc && listMatches(exc, crn)) {
      const kept = exc.filter((e) => !listMatches([e], crn));
      const report: RuleReport = {
        message: `ClusterIssuers are backed up but ${nameOf(subject, 'excludedNamespaces', 'exclude-namespaces')} excludes "${crn}", where their ACME account keys, CA key pairs and DNS01 credentials live`,
        location: fieldLocation(subject, 'excludedNamespaces'),
        fix: kept.length
          ? `${nameOf(subject, 'excludedNamespaces', 'exclude-namespaces')}=${kept.join(',')}`
          : 'remove the namespace exclusion',
      };
      if (canEdit(subject, 'exclude-namespaces'))
        report.edits = kept.length
          ? setLastUseEdit(subject, 'exclude-namespaces', kept.join(','))
          : removeFlagEdits(subject, 'exclude-namespaces');
      out.push(report);
    }
    return out;
  },
};
