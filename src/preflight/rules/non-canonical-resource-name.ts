import { canonicalFor } from '../resources.js';
import type { Rule, RuleReport } from './types.js';
import { listFields, nameOf, setListReport } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV010',
    name: 'non-canonical-resource-name',
    severity: 'warning',
    catalogue: 'A5',
    appliesTo: ['backup create', 'schedule create', 'restore create', 'Backup, Schedule and Restore manifests'],
    summary:
      'A resource list entry that is not the canonical lower-case `plural.group` (short names, Kinds, singulars, group-less names).',
    why: "Velero resolves names through discovery. On a restore it uses the TARGET cluster's discovery before any CRD from the backup is restored, so on a fresh cluster `cert`, `Certificate` or `certificates` resolve to nothing and then match nothing, silently. On a backup, names depend on the source cluster and may be ambiguous.",
    fix: 'Use canonical names: certificates.cert-manager.io, certificaterequests.cert-manager.io, issuers.cert-manager.io, clusterissuers.cert-manager.io, orders.acme.cert-manager.io, challenges.acme.cert-manager.io, secrets, customresourcedefinitions.apiextensions.k8s.io.',
    links: ['https://cert-manager.io/docs/devops-tips/backup/'],
    examples: [
      {
        bad: 'velero restore create --from-backup b --exclude-resources orders,challenges',
        good: 'velero restore create --from-backup b --exclude-resources orders.acme.cert-manager.io,challenges.acme.cert-manager.io',
      },
    ],
  },
  check(subject) {
    const out: RuleReport[] = [];
    for (const { field, flag, list, unknown } of listFields(subject)) {
      if (unknown || field.endsWith('Namespaces')) continue;
      const renames = list.map((e) => [e, canonicalFor(e)] as const).filter(([, c]) => c !== undefined);
      if (renames.length === 0) continue;
      const fixed = list.map((e) => canonicalFor(e) ?? e);
      const name = nameOf(subject, field, flag);
      const message = `${name}: ${renames.map(([e, c]) => `"${e}" is not canonical (use ${c})`).join('; ')}${subject.kind === 'restore' ? '; on a fresh cluster it resolves to nothing and matches nothing' : ''}`;
      out.push(setListReport(subject, field, flag, fixed, message));
    }
    return out;
  },
};
