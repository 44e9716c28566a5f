import type { Rule, RuleReport } from './types.js';
import { listFields, nameOf, setListReport } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV008',
    name: 'list-item-whitespace-or-empty',
    severity: 'warning',
    catalogue: 'A4',
    appliesTo: ['backup create', 'schedule create', 'restore create', 'Backup, Schedule and Restore manifests'],
    summary:
      'A namespace or resource list with an item that has spaces around it, an empty item (trailing comma) or an empty value.',
    why: 'Velero splits on \',\' without trimming. `"secrets, certificates.cert-manager.io"` yields " certificates.cert-manager.io", which matches nothing; an empty value `--include-resources=` (or an unset `"$VAR"`) is the list [""]. Velero cannot resolve an empty resource entry and drops it, so a resource list of [""] behaves as if it were unset (every resource is kept), while a namespace include list of [""] includes no namespace at all. Either way the backup is not what the command says, and Certificates or Secrets go missing silently.',
    fix: 'Trim the items and drop empty ones; leave the flag out when the list is empty.',
    links: ['https://github.com/vmware-tanzu/velero/blob/main/pkg/cmd/util/flag/array.go'],
    examples: [
      {
        bad: "velero backup create b --include-resources 'secrets, certificates.cert-manager.io'",
        good: 'velero backup create b --include-resources secrets,certificates.cert-manager.io',
      },
    ],
  },
  check(subject) {
    const out: RuleReport[] = [];
    for (const { field, flag, list, unknown } of listFields(subject)) {
      if (unknown) continue;
      const bad = list.filter((item) => item !== item.trim() || item === '');
      if (bad.length === 0) continue;
      const cleaned = list.map((i) => i.trim()).filter((i) => i !== '');
      const name = nameOf(subject, field, flag);
      const message =
        cleaned.length === 0
          ? `${name} is empty: Velero reads it as [""], ${emptyListEffect(field)}`
          : `${name} has ${bad.map((b) => (b === '' ? 'an empty item' : `"${b}"`)).join(', ')}: Velero does not trim list items, so ${bad.some((b) => b !== '') ? 'they match nothing' : 'the empty item matches nothing'}`;
      out.push(setListReport(subject, field, flag, cleaned, message));
    }
    return out;
  },
};

/** What Velero makes of the list [""] in this field (pkg/util/collections): an empty resource entry does not
 * resolve and is dropped, leaving the list empty (as if unset); the namespace "" is kept and matches no
 * namespace. */
function emptyListEffect(field: string): string {
  const namespaces = field.toLowerCase().includes('namespaces');
  if (field.startsWith('include'))
    return namespaces ? 'which includes no namespace' : 'whose empty entry Velero drops: the list behaves as if unset';
  return 'which excludes nothing';
}
