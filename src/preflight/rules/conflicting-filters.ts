import type { Rule, RuleReport } from './types.js';
import { fieldLocation, listFields, nameOf } from './helpers.js';

const PAIRS: [string, string][] = [
  ['includedNamespaces', 'excludedNamespaces'],
  ['includedResources', 'excludedResources'],
  ['includedClusterScopedResources', 'excludedClusterScopedResources'],
  ['includedNamespaceScopedResources', 'excludedNamespaceScopedResources'],
];
/** The scoped pairs, which Velero checks with ValidateScopedIncludesExcludes instead of ValidateIncludesExcludes. */
const SCOPED = new Set(['includedClusterScopedResources', 'includedNamespaceScopedResources']);

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A backup's namespace names as collections.validateNamespaceName checks them (Velero 1.7+, CLI and backup
 * controller): "" is allowed, glob characters `* ? [ ]` stand for letters, the rest must be a DNS-1123 label.
 */
function namespaceNameProblem(ns: string): string | undefined {
  if (ns === '') return undefined;
  const plain = ns.replace(/[*?[\]]/g, 'x');
  if (plain.length <= 63 && DNS1123_LABEL.test(plain)) return undefined;
  return `invalid namespace ${JSON.stringify(ns)}: a namespace is a lowercase RFC 1123 label (a-z, 0-9 and '-', at most 63 characters)`;
}

export const rule: Rule = {
  meta: {
    id: 'CMV013',
    name: 'conflicting-filters',
    severity: 'error',
    catalogue: 'A8',
    appliesTo: ['backup create', 'schedule create', 'restore create', 'Backup, Schedule and Restore manifests'],
    summary:
      'Filters Velero rejects: `--selector` with `--or-selector`, `*` mixed into an include list, `*` in an old-style or namespace exclude list (or beside other entries or includes in a scoped one), an item both included and excluded, a backup namespace name that is not a DNS-1123 label (`/`, upper case).',
    why: 'The CLI errors out, or the server marks the Backup/Restore FailedValidation (for a Schedule: every run). The docs claim wildcard excludes are ignored; the code rejects them.',
    fix: 'Keep `*` alone; exclude `*` only in a scoped list, alone and without includes of that scope; do not list an item on both sides; choose one selector form.',
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
    if (subject.backup)
      for (const name of ['includedNamespaces', 'excludedNamespaces']) {
        const field = fields.get(name);
        if (!field || field.unknown) continue;
        for (const ns of new Set(field.list)) {
          const problem = namespaceNameProblem(ns);
          if (problem) out.push({ message: problem, location: fieldLocation(subject, name) });
        }
      }
    for (const [incName, excName] of PAIRS) {
      const inc = fields.get(incName);
      const exc = fields.get(excName);
      const scoped = SCOPED.has(incName);
      // Velero validates the lists as sets: repeats do not count.
      const incSet = new Set(inc && !inc.unknown ? inc.list : []);
      const excSet = new Set(exc && !exc.unknown ? exc.list : []);
      if (incSet.size > 1 && incSet.has('*'))
        out.push({
          message: `${nameOf(subject, incName, inc?.flag ?? '')}: includes list must either contain '*' only, or a non-empty list of items`,
          location: fieldLocation(subject, incName),
        });
      if (excSet.has('*')) {
        // ValidateScopedIncludesExcludes accepts a lone `*` exclude ("nothing of this scope") when the include list
        // is empty; ValidateIncludesExcludes (namespaces, old-style resources) never accepts it.
        const problem = !scoped
          ? "excludes list cannot contain '*'"
          : excSet.size > 1
            ? "excludes list must either contain '*' only, or a non-empty list of items"
            : incSet.size > 0
              ? "when exclude is '*', include cannot have value"
              : undefined;
        if (problem)
          out.push({
            message: `${nameOf(subject, excName, exc?.flag ?? '')}: ${problem}`,
            location: fieldLocation(subject, excName),
          });
      }
      for (const x of [...excSet].filter((x) => x !== '*' && x !== '' && incSet.has(x)))
        out.push({
          message: `excludes list cannot contain an item in the includes list: ${x}`,
          location: fieldLocation(subject, excName),
        });
    }
    return out;
  },
};
