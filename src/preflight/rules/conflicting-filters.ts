import type { Rule, RuleReport } from './types.js';
import { fieldLocation, listFields, nameOf } from './helpers.js';

const PAIRS: [string, string][] = [
  ['includedNamespaces', 'excludedNamespaces'],
  ['includedResources', 'excludedResources'],
  ['includedClusterScopedResources', 'excludedClusterScopedResources'],
  ['includedNamespaceScopedResources', 'excludedNamespaceScopedResources'],
];

export const rule: Rule = {
  meta: {
    id: 'CMV013',
    name: 'conflicting-filters',
    severity: 'error',
    catalogue: 'A8',
    appliesTo: ['backup create', 'schedule create', 'restore create', 'Backup, Schedule and Restore manifests'],
    summary:
      'Filters Velero rejects: `--selector` with `--or-selector`, `*` mixed into an include list, `*` in an exclude list, an item both included and excluded.',
    why: 'The CLI errors out, or the server marks the Backup/Restore FailedValidation (for a Schedule: every run). The docs claim wildcard excludes are ignored; the code rejects them.',
    fix: 'Keep `*` alone, never exclude `*`, do not list an item on both sides, choose one selector form.',
    links: ['https://github.com/vmware-tanzu/velero/blob/main/pkg/util/collections/includes_excludes.go'],
    examples: [
      {
        bad: "velero backup create b --include-namespaces '*,app'",
        good: 'velero backup create b --include-namespaces app',
      },
    ],
  },
  check(subject) {
    const spec = subject.backup ?? subject.restore;
    if (!spec) return [];
    const out: RuleReport[] = [];
    if (spec.labelSelector !== undefined && spec.orLabelSelectors !== undefined)
      out.push({
        message: "either a 'selector' or an 'or-selector' can be specified, but not both",
        location: fieldLocation(subject, 'orLabelSelectors'),
      });
    const fields = new Map(listFields(subject).map((f) => [f.field, f] as const));
    for (const [incName, excName] of PAIRS) {
      const inc = fields.get(incName);
      const exc = fields.get(excName);
      if (inc && !inc.unknown && inc.list.includes('*') && inc.list.length > 1)
        out.push({
          message: `${nameOf(subject, incName, inc.flag)}: includes list must either contain '*' only, or a non-empty list of items`,
          location: fieldLocation(subject, incName),
        });
      // Excluding `*` from the scoped cluster list is allowed when there are no cluster includes (it means "no cluster-scoped types").
      const scopedStarOk = excName === 'excludedClusterScopedResources' && (!inc || inc.list.length === 0);
      if (exc && !exc.unknown && exc.list.includes('*') && !scopedStarOk)
        out.push({
          message: `${nameOf(subject, excName, exc.flag)}: excludes list cannot contain '*'`,
          location: fieldLocation(subject, excName),
        });
      if (inc && exc && !inc.unknown && !exc.unknown) {
        const both = exc.list.filter((x) => x !== '*' && x !== '' && inc.list.includes(x));
        for (const x of both)
          out.push({
            message: `excludes list cannot contain an item in the includes list: ${x}`,
            location: fieldLocation(subject, excName),
          });
      }
    }
    return out;
  },
};
