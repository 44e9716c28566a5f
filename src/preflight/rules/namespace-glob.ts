import { versionAtLeast } from '../version.js';
import type { Rule, RuleReport } from './types.js';
import { NAMESPACE_FIELDS, backupSpecOf, fieldLocation, nameOf } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV031',
    name: 'namespace-glob',
    severity: 'info',
    catalogue: 'B13',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary: 'A namespace pattern (`*`, `?`, `[...]` other than a lone `*`) in a backup namespace filter.',
    why: 'Since v1.18 patterns are expanded against the live namespaces at backup time; a cert-manager namespace that does not match, or appears later, is missed. Any pattern also makes the backup namespace-filtered, which drops cluster-scoped resources.',
    fix: 'Prefer explicit namespace names, and add cluster includes.',
    links: ['https://velero.io/docs/main/resource-filtering/'],
    examples: [
      {
        bad: "velero backup create b --include-namespaces 'team-*'",
        good: 'velero backup create b --include-namespaces team-a,team-b,cert-manager --include-cluster-resources=true --exclude-resources=challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io',
      },
    ],
  },
  check(subject, ctx) {
    const spec = backupSpecOf(subject, ...NAMESPACE_FIELDS);
    if (!spec) return [];
    const out: RuleReport[] = [];
    for (const [field, flag] of [
      ['includedNamespaces', 'include-namespaces'],
      ['excludedNamespaces', 'exclude-namespaces'],
    ] as const) {
      const globs = (spec[field] ?? []).filter((n) => n !== '*' && /[*?[]/.test(n));
      if (globs.length === 0) continue;
      out.push({
        message: `${nameOf(subject, field, flag)} uses the pattern${globs.length > 1 ? 's' : ''} ${globs.join(', ')}: ${versionAtLeast(ctx.veleroVersion, '1.18.0') ? 'expanded against the namespaces that exist when the backup runs' : 'matched as a glob'}; cert-manager namespaces outside it are missed`,
        location: fieldLocation(subject, field),
      });
    }
    return out;
  },
};
