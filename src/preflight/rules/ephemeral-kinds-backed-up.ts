import { includeExcludePolicyOf } from '../policy.js';
import { backupCoverage } from '../coverage.js';
import { EPHEMERAL } from '../resources.js';
import { versionAtLeast } from '../version.js';
import type { Rule } from './types.js';
import { RESOURCE_FIELDS, backupSpecOf, fixNeedsScopedFilters, mergeList, setListReport } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV027',
    name: 'ephemeral-kinds-backed-up',
    severity: 'warning',
    catalogue: 'B8',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary: 'Orders, Challenges or CertificateRequests are not excluded from the backup.',
    why: 'They are point-in-time objects and their status is not restored, so restoring them causes needless re-issuance or stale ACME orders; restored CertificateRequests carry identity fields the webhook set for someone else. cert-manager recommends excluding them.',
    fix: '`--exclude-resources challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io` (or the same list in --exclude-namespace-scoped-resources with scoped filters).',
    links: ['https://cert-manager.io/docs/devops-tips/backup/'],
    plugin:
      'The plugin marks Orders, Challenges and CertificateRequests to be skipped at backup (honoured by Velero 1.18.1+) and skips them at restore on every version.',
    examples: [
      {
        bad: 'velero backup create b --include-cluster-resources=true',
        good: 'velero backup create b --include-cluster-resources=true --exclude-resources challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io',
      },
    ],
  },
  check(subject, ctx) {
    const spec = backupSpecOf(subject, ...RESOURCE_FIELDS);
    if (!spec) return [];
    const cov = backupCoverage(spec, ctx, includeExcludePolicyOf(subject, ctx));
    const kept = EPHEMERAL.filter((t) => cov.namespacedIncluded(t));
    if (kept.length === 0) return [];
    const [field, flag] = fixNeedsScopedFilters(subject)
      ? (['excludedNamespaceScopedResources', 'exclude-namespace-scoped-resources'] as const)
      : (['excludedResources', 'exclude-resources'] as const);
    return [
      setListReport(
        subject,
        field,
        flag,
        mergeList(spec[field], kept),
        `${kept.join(', ')} ${kept.length === 1 ? 'is' : 'are'} backed up: restoring them causes needless re-issuance and stale ACME orders`,
        { locationFields: ['includedResources'] },
      ),
    ];
  },
  pluginHandles(_subject, ctx) {
    // The restore-side skip covers older Velero too, so the plugin handles it on every version.
    return versionAtLeast(ctx.veleroVersion, '1.0.0');
  },
};
