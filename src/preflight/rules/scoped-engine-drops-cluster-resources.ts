import { includeExcludePolicyOf } from '../policy.js';
import { backupKeepsCertManager } from '../coverage.js';
import { namespacesAll, usesOldFilters, usesScopedFilters } from '../coverage.js';
import { versionAtLeast } from '../version.js';
import type { Rule } from './types.js';
import { NAMESPACE_FIELDS, RESOURCE_FIELDS, backupSpecOf, includeClusterResourcesReport } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV021',
    name: 'scoped-engine-drops-cluster-resources',
    severity: 'warning',
    catalogue: 'B2',
    versions: 'Velero 1.17.0 and later',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary:
      'A backup with no resource filter flags at all on Velero 1.17+: by the code, cluster-scoped types are no longer collected directly.',
    why: 'Since v1.17 the server appends the CSI snapshot types to the scoped exclude lists of every backup that uses the scoped engine (which is every backup without old-style flags). The "full backup includes every cluster-scoped type" rule needs empty cluster lists, so ClusterIssuers, webhook configurations and CRDs without instances are not collected. Read from the code and not yet confirmed on a live cluster; the fix costs nothing.',
    fix: '`--include-cluster-resources=true` (or `--include-cluster-scoped-resources=*`).',
    links: ['https://github.com/vmware-tanzu/velero/blob/main/pkg/controller/backup_controller.go'],
    plugin:
      'The plugin adds the cert-manager CRDs, referenced ClusterIssuers, RBAC and webhook configurations as additional items.',
    examples: [
      { bad: 'velero backup create full', good: 'velero backup create full --include-cluster-resources=true' },
    ],
  },
  check(subject, ctx) {
    const spec = backupSpecOf(subject, ...NAMESPACE_FIELDS, ...RESOURCE_FIELDS);
    if (
      !spec ||
      !versionAtLeast(ctx.veleroVersion, '1.17.0') ||
      usesOldFilters(spec) ||
      usesScopedFilters(spec) ||
      !namespacesAll(spec, ctx)
    )
      return [];
    // Nothing of cert-manager in the backup: nothing of cert-manager to lose.
    if (!backupKeepsCertManager(spec, ctx, includeExcludePolicyOf(subject, ctx))) return [];
    const message = `on Velero ${ctx.veleroVersion.major}.${ctx.veleroVersion.minor} a backup without resource filters uses the scoped engine, whose server-added CSI excludes stop the automatic collection of cluster-scoped types: ClusterIssuers, webhook configurations and CRDs without instances may be missing`;
    return [includeClusterResourcesReport(subject, message, subject.location)];
  },
};
