import { restoreIncludes } from '../coverage.js';
import { EPHEMERAL } from '../resources.js';
import type { Rule } from './types.js';
import { mergeList, restoreSpecOf, setListReport } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV047',
    name: 'restore-ephemeral-kinds',
    severity: 'warning',
    catalogue: 'C8',
    appliesTo: ['restore create', 'Restore manifests'],
    summary: 'A restore that does not exclude Orders, Challenges and CertificateRequests.',
    why: 'If the backup holds them, restoring them (without their status) causes needless re-issuance or stale ACME orders.',
    fix: '`--exclude-resources challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io`',
    links: ['https://cert-manager.io/docs/devops-tips/backup/'],
    plugin: "The plugin's restore action skips Orders, Challenges and CertificateRequests.",
    examples: [
      {
        bad: 'velero restore create --from-backup b',
        good: 'velero restore create --from-backup b --exclude-resources challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io',
      },
    ],
  },
  check(subject) {
    const spec = restoreSpecOf(subject, 'includedResources', 'excludedResources');
    if (!spec) return [];
    const kept = EPHEMERAL.filter((t) => restoreIncludes(spec, t));
    if (kept.length === 0) return [];
    return [
      setListReport(
        subject,
        'excludedResources',
        'exclude-resources',
        mergeList(spec.excludedResources, kept),
        `${kept.join(', ')} ${kept.length === 1 ? 'is' : 'are'} restored if the backup has them: needless re-issuance and stale ACME orders`,
      ),
    ];
  },
};
