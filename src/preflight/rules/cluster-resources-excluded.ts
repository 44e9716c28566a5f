import { includeExcludePolicyOf } from '../policy.js';
import { backupKeepsCertManager } from '../coverage.js';
import { CLUSTER_ISSUERS, CRD, listMatches } from '../resources.js';
import type { Rule, RuleReport } from './types.js';
import {
  RESOURCE_FIELDS,
  backupSpecOf,
  fieldLocation,
  nameOf,
  setListReport,
  includeClusterResourcesReport,
} from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV022',
    name: 'cluster-resources-excluded',
    severity: 'error',
    catalogue: 'B3',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary:
      'The backup excludes cluster resources outright: include-cluster-resources=false, or CRDs / ClusterIssuers (or `*`) in an exclude list.',
    why: 'With include-cluster-resources=false CRD auto-add is off too: the backup has NO cert-manager CRDs and no ClusterIssuers. Excluding customresourcedefinitions or clusterissuers has the same effect for those types. A restore onto a fresh cluster cannot create any cert-manager object.',
    fix: 'Remove the exclusion; use --include-cluster-resources=true.',
    links: ['https://cert-manager.io/docs/devops-tips/backup/'],
    examples: [
      {
        bad: 'velero backup create b --include-cluster-resources=false',
        good: 'velero backup create b --include-cluster-resources=true',
      },
    ],
  },
  check(subject, ctx) {
    const spec = backupSpecOf(subject, ...RESOURCE_FIELDS);
    if (!spec) return [];
    // Nothing of cert-manager in the backup: nothing of cert-manager to lose.
    if (!backupKeepsCertManager(spec, ctx, includeExcludePolicyOf(subject, ctx))) return [];
    const out: RuleReport[] = [];
    if (spec.includeClusterResources === false) {
      out.push(
        includeClusterResourcesReport(
          subject,
          `${nameOf(subject, 'includeClusterResources', 'include-cluster-resources')}=false: no cert-manager CRDs (auto-add is off too) and no ClusterIssuers are backed up`,
          fieldLocation(subject, 'includeClusterResources'),
        ),
      );
    }
    for (const [field, flag] of [
      ['excludedResources', 'exclude-resources'],
      ['excludedClusterScopedResources', 'exclude-cluster-scoped-resources'],
    ] as const) {
      const list = spec[field];
      if (!list) continue;
      // '*' in the old-style excludes is FailedValidation (conflicting-filters), not an exclusion.
      const effective = field === 'excludedResources' ? list.filter((e) => e !== '*') : list;
      const hit = [CRD, CLUSTER_ISSUERS].filter((t) => listMatches(effective, t));
      if (hit.length === 0) continue;
      out.push(
        setListReport(
          subject,
          field,
          flag,
          list.filter((e) => !hit.some((t) => listMatches([e], t))),
          `${nameOf(subject, field, flag)} excludes ${hit.join(' and ')}${list.includes('*') ? " (through '*')" : ''}: ${hit.includes(CRD) ? 'no cert-manager CRDs are backed up' : 'no ClusterIssuers are backed up'}`,
        ),
      );
    }
    return out;
  },
};
