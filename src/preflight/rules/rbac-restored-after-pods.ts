import { restoreIncludes } from '../coverage.js';
import { formatVersion, versionAtLeast } from '../version.js';
import type { Rule } from './types.js';
import { restoreSpecOf } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV061',
    name: 'rbac-restored-after-pods',
    severity: 'info',
    catalogue: 'D2',
    versions: 'Velero before 1.18.0',
    appliesTo: ['restore create', 'Restore manifests'],
    summary: 'Before Velero 1.18 RBAC is restored after Pods.',
    why: 'RBAC types are not in the default high-priority list before v1.18.0, so they restore alphabetically after pods: the cert-manager controller and webhook start without permissions and can stay stuck until RBAC arrives.',
    fix: 'Upgrade to Velero 1.18+, restore RBAC first in a separate restore, or add RBAC to the server priorities.',
    links: ['https://cert-manager.io/docs/devops-tips/backup/'],
    plugin: 'The plugin records the RBAC each cert-manager Deployment needs and restores it first.',
    examples: [
      {
        bad: 'velero restore create --from-backup b   # on Velero 1.17',
        good: 'velero restore create rbac --from-backup b --include-resources roles,rolebindings,clusterroles,clusterrolebindings,serviceaccounts --include-cluster-resources=true   # first, then the rest',
      },
    ],
  },
  check(subject, ctx) {
    const spec = restoreSpecOf(subject, 'includedResources', 'excludedResources');
    if (!spec || versionAtLeast(ctx.veleroVersion, '1.18.0') || !restoreIncludes(spec, 'pods')) return [];
    return [
      {
        message: `Velero ${formatVersion(ctx.veleroVersion)} restores RBAC after pods: cert-manager pods may start without permissions`,
        location: subject.location,
      },
    ];
  },
};
