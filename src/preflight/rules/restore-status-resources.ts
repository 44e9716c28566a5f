import { namesCertManager } from '../coverage.js';
import type { Rule, RuleReport } from './types.js';
import { fieldLocation, removeFlagEdits, restoreSpecOf } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV049',
    name: 'restore-status-resources',
    severity: 'info',
    catalogue: 'C10',
    appliesTo: ['restore create', 'Restore manifests'],
    summary:
      'Restoring status of cert-manager types, or --status-exclude-resources without --status-include-resources.',
    why: 'Stale Certificate, Order or CertificateRequest status can mislead the controllers. A lone --status-exclude-resources is silently dropped by the CLI.',
    fix: 'Usually leave status out; give both flags when you need them.',
    links: ['https://velero.io/docs/main/restore-reference/#restore-status-field-of-objects'],
    examples: [
      {
        bad: 'velero restore create --from-backup b --status-include-resources certificates.cert-manager.io',
        good: 'velero restore create --from-backup b --status-include-resources deployments.apps --exclude-resources=challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io,certificates.cert-manager.io',
      },
    ],
  },
  check(subject) {
    const spec = restoreSpecOf(subject, 'restoreStatus.includedResources', 'restoreStatus.excludedResources');
    if (!spec) return [];
    const out: RuleReport[] = [];
    const inc = spec.restoreStatus?.includedResources;
    if (inc && (inc.includes('*') || namesCertManager(inc)))
      out.push({
        message:
          'status of cert-manager objects is restored: stale Certificate/Order status can mislead the controllers',
        location: fieldLocation(subject, 'restoreStatus.includedResources'),
      });
    if (spec.statusExcludesDropped)
      out.push({
        message: '--status-exclude-resources without --status-include-resources is dropped by velero',
        location: fieldLocation(subject, 'restoreStatus.excludedResources'),
        fix: 'remove --status-exclude-resources',
        edits: removeFlagEdits(subject, 'status-exclude-resources'),
      });
    return out;
  },
};
