import { includeExcludePolicyOf } from '../policy.js';
import { backupCoverage } from '../coverage.js';
import { CLUSTER_ISSUERS, isAllList, listMatches } from '../resources.js';
import type { Rule, RuleReport } from './types.js';
import { NAMESPACE_FIELDS, RESOURCE_FIELDS, backupSpecOf, mergeList, nameOf, setListReport } from './helpers.js';

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
    if (!backupCoverage(spec, ctx, includeExcludePolicyOf(subject, ctx)).clusterDirect(CLUSTER_ISSUERS)) return [];
    const crn = ctx.clusterResourceNamespace;
    const out: RuleReport[] = [];
    const inc = spec.includedNamespaces;
    if (!isAllList(inc) && !listMatches(inc, crn)) {
      out.push(
        setListReport(
          subject,
          'includedNamespaces',
          'include-namespaces',
          mergeList(inc, [crn]),
          `ClusterIssuers are backed up but ${nameOf(subject, 'includedNamespaces', 'include-namespaces')} leaves out "${crn}", where their ACME account keys, CA key pairs and DNS01 credentials live`,
        ),
      );
    }
    const exc = spec.excludedNamespaces;
    if (exc && listMatches(exc, crn)) {
      out.push(
        setListReport(
          subject,
          'excludedNamespaces',
          'exclude-namespaces',
          exc.filter((e) => !listMatches([e], crn)),
          `ClusterIssuers are backed up but ${nameOf(subject, 'excludedNamespaces', 'exclude-namespaces')} excludes "${crn}", where their ACME account keys, CA key pairs and DNS01 credentials live`,
          { whenEmpty: 'remove the namespace exclusion' },
        ),
      );
    }
    return out;
  },
};
