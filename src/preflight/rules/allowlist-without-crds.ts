import { namesCertManager, namespacesAll, usesOldFilters } from '../coverage.js';
import { CRD, isAllList, listMatches } from '../resources.js';
import type { Rule, RuleReport } from './types.js';
import {
  NAMESPACE_FIELDS,
  RESOURCE_FIELDS,
  backupSpecOf,
  canEdit,
  fieldLocation,
  mergeList,
  nameOf,
  setLastUseEdit,
} from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV024',
    name: 'allowlist-without-crds',
    severity: 'error',
    catalogue: 'B5',
    versions: 'Velero 1.11.0 and later',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary:
      'An --include-resources allowlist naming cert-manager types but not customresourcedefinitions, with include-cluster-resources unset.',
    why: 'Since v1.11 CRD auto-add is off for such allowlists: the backup holds cert-manager objects but NO cert-manager CRDs, so they cannot be restored onto a fresh cluster. With a namespace filter, listed clusterissuers are not collected either unless include-cluster-resources=true.',
    fix: 'Add customresourcedefinitions.apiextensions.k8s.io to the list and set --include-cluster-resources=true, or drop the allowlist.',
    links: ['https://github.com/vmware-tanzu/velero/blob/main/pkg/backup/backup.go'],
    plugin: 'The plugin adds all six cert-manager CRDs as must-include additional items.',
    examples: [
      {
        bad: 'velero backup create b --include-resources certificates.cert-manager.io,issuers.cert-manager.io,secrets',
        good: 'velero backup create b --include-resources certificates.cert-manager.io,issuers.cert-manager.io,secrets,customresourcedefinitions.apiextensions.k8s.io --include-cluster-resources=true',
      },
    ],
  },
  check(subject, ctx) {
    const spec = backupSpecOf(subject, ...NAMESPACE_FIELDS, ...RESOURCE_FIELDS);
    if (!spec || !usesOldFilters(spec) || spec.includeClusterResources !== undefined) return [];
    const inc = spec.includedResources;
    if (isAllList(inc) || !namesCertManager(inc) || listMatches(inc, CRD)) return [];
    const wanted = mergeList(inc, [CRD]).join(',');
    const report: RuleReport = {
      message: `${nameOf(subject, 'includedResources', 'include-resources')} names cert-manager types but not ${CRD}: CRD auto-add is off for allowlists, so no cert-manager CRDs are backed up${namespacesAll(spec, ctx) ? '' : ', and with the namespace filter no ClusterIssuers either'}`,
      location: fieldLocation(subject, 'includedResources'),
      fix:
        subject.origin === 'command'
          ? `--include-resources=${wanted} --include-cluster-resources=true`
          : `add ${CRD} to includedResources and set includeClusterResources: true`,
    };
    if (canEdit(subject, 'include-resources'))
      report.edits = [
        ...setLastUseEdit(subject, 'include-resources', wanted),
        ...setLastUseEdit(subject, 'include-cluster-resources', 'true'),
      ];
    else if (subject.origin === 'manifest')
      report.specChanges = { includedResources: mergeList(inc, [CRD]), includeClusterResources: true };
    return [report];
  },
};
