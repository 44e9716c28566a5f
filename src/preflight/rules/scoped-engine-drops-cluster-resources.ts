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
      'A backup with no resource filters on Velero 1.17 or later: ClusterIssuers, webhook configurations and unused CRDs are left out.',
    why: "You might expect a backup without filters to hold everything. Since Velero 1.17 it does not hold cluster-wide objects by default: Velero quietly adds two CSI snapshot types to the backup's exclude lists, and with any exclude present it stops collecting cluster-scoped objects on its own. The backup still holds namespaces, the CRDs of types that have objects in it, and the ClusterRoles its ServiceAccounts use, but not ClusterIssuers, cert-manager's webhook configurations, StorageClasses or the CRDs of types with no objects (Orders and Challenges are often absent). Restored into an empty cluster, Certificates then point at ClusterIssuers that do not exist. Read in the Velero 1.17 and 1.18 code (the project's Velero notes record it seen on a live 1.18.1); `--include-cluster-resources=true` costs nothing and removes the doubt.",
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
    const message = `on Velero ${ctx.veleroVersion.major}.${ctx.veleroVersion.minor} a backup without filters does not hold cluster-wide objects: ClusterIssuers, cert-manager's webhook configurations and the CRDs of types with no objects are left out, so a restore into an empty cluster lacks them`;
    return [includeClusterResourcesReport(subject, message, subject.location)];
  },
};
