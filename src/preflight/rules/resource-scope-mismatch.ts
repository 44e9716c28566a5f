import { resolveResource } from '../resources.js';
import { policyFor } from '../policy.js';
import type { LintContext, Subject } from '../spec.js';
import type { Rule, RuleReport } from './types.js';
import { RESOURCE_FIELDS, backupSpecOf, fieldLocation, nameOf } from './helpers.js';

const SCOPED: [
  field:
    | 'includedClusterScopedResources'
    | 'excludedClusterScopedResources'
    | 'includedNamespaceScopedResources'
    | 'excludedNamespaceScopedResources',
  flag: string,
  namespaced: boolean,
][] = [
  ['includedClusterScopedResources', 'include-cluster-scoped-resources', false],
  ['excludedClusterScopedResources', 'exclude-cluster-scoped-resources', false],
  ['includedNamespaceScopedResources', 'include-namespace-scoped-resources', true],
  ['excludedNamespaceScopedResources', 'exclude-namespace-scoped-resources', true],
];

export const rule: Rule = {
  meta: {
    id: 'CMV029',
    name: 'resource-scope-mismatch',
    severity: 'warning',
    catalogue: 'B10',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary:
      'A type in the scoped flag of the wrong scope: clusterissuers or CRDs in a *-namespace-scoped-* flag, certificates, issuers or secrets in a *-cluster-scoped-* flag.',
    why: 'Velero drops the entry silently. If that empties an include list, the list means "everything" again: `--include-namespace-scoped-resources clusterissuers.cert-manager.io` alone backs up every namespaced type and no ClusterIssuer.',
    fix: 'Move the entry to the flag of its scope.',
    links: ['https://velero.io/docs/main/resource-filtering/'],
    examples: [
      {
        bad: 'velero backup create b --include-namespace-scoped-resources clusterissuers.cert-manager.io',
        good: 'velero backup create b --include-cluster-scoped-resources clusterissuers.cert-manager.io',
      },
    ],
  },
  check(subject, ctx) {
    const spec = backupSpecOf(subject, ...RESOURCE_FIELDS);
    if (!spec) return [];
    const out: RuleReport[] = [];
    for (const [field, flag, namespaced] of SCOPED) {
      const list = spec[field];
      if (!list) continue;
      const wrong = list.filter((e) => {
        const known = resolveResource(e);
        return known !== undefined && known.namespaced !== namespaced;
      });
      if (wrong.length === 0) continue;
      const emptied = wrong.length === list.length && field.startsWith('included');
      out.push({
        message: `${nameOf(subject, field, flag)}: ${wrong.join(', ')} ${wrong.length === 1 ? 'is' : 'are'} ${namespaced ? 'cluster-scoped' : 'namespaced'} and silently dropped${emptied ? '; the list becomes empty, which means "all"' : ''}`,
        location: fieldLocation(subject, field),
        fix: `move ${wrong.join(', ')} to ${nameOf(subject, field.replace(namespaced ? 'Namespace' : 'Cluster', namespaced ? 'Cluster' : 'Namespace'), flag.replace(namespaced ? 'namespace' : 'cluster', namespaced ? 'cluster' : 'namespace'))}`,
      });
    }
    out.push(...policyScopeMismatches(subject, ctx));
    return out;
  },
};

/** The same mistake in the includeExcludePolicy of the backup's resource policy, which Velero resolves alike. */
function policyScopeMismatches(subject: Subject, ctx: LintContext): RuleReport[] {
  const lookup = policyFor(subject, ctx);
  if (lookup.state !== 'seen' || !lookup.reading.valid) return [];
  const { includeExcludePolicy: policy, entryLocations } = lookup.reading;
  const out: RuleReport[] = [];
  for (const [field, , namespaced] of SCOPED) {
    (policy?.[field] ?? []).forEach((entry, index) => {
      const known = resolveResource(entry);
      if (known === undefined || known.namespaced === namespaced) return;
      out.push({
        message: `resource policy ${lookup.namespace}/${lookup.name}, ${field}: ${entry} is ${namespaced ? 'cluster-scoped' : 'namespaced'} and silently dropped`,
        location: entryLocations[field]?.[index] ?? subject.location,
        fix: `move ${entry} to ${field.replace(namespaced ? 'Namespace' : 'Cluster', namespaced ? 'Cluster' : 'Namespace')} in the policy`,
      });
    });
  }
  return out;
}
