import { usesOf } from '../parse/pflag.js';
import type { Rule, RuleReport } from './types.js';
import { editable, replaceFlagEdits, tokenLocation } from './helpers.js';
import { at } from '../checked.js';

export const rule: Rule = {
  meta: {
    id: 'CMV006',
    name: 'repeated-list-flag',
    severity: 'error',
    catalogue: 'A2, D3',
    appliesTo: ['backup create', 'schedule create', 'restore create', 'install'],
    summary: 'A Velero list flag given more than once: only the last occurrence survives.',
    why: "Velero's own StringArray replaces its value on every Set, unlike pflag's slices. `--exclude-resources orders... --exclude-resources challenges...` excludes only Challenges; `--include-namespaces cert-manager --include-namespaces app` loses the cert-manager namespace (ACME account keys, CA Secrets); `velero install --plugins A --plugins B` installs only B. `install --features` is a plain string: the last one wins too.",
    fix: 'Join the values into one comma-separated list.',
    links: ['https://github.com/vmware-tanzu/velero/blob/main/pkg/cmd/util/flag/array.go'],
    examples: [
      {
        bad: 'velero backup create b --exclude-resources orders.acme.cert-manager.io --exclude-resources challenges.acme.cert-manager.io',
        good: 'velero backup create b --exclude-resources orders.acme.cert-manager.io,challenges.acme.cert-manager.io',
      },
    ],
  },
  check(subject) {
    const parsed = subject.command;
    if (!parsed) return [];
    const out: RuleReport[] = [];
    const seen = new Set<string>();
    for (const use of parsed.uses) {
      const f = use.flag;
      const replaces = f.type === 'stringArray' || (subject.kind === 'install' && f.name === 'features');
      if (!replaces || seen.has(f.name)) continue;
      seen.add(f.name);
      const all = usesOf(parsed, f.name);
      if (all.length < 2) continue;
      const values = all.map((u) => u.value);
      const kept = at(values, values.length - 1);
      const joined = [...new Set(values.flatMap((v) => v.split(',')).filter((v) => v !== ''))].join(',');
      out.push({
        message: `--${f.name} is given ${all.length} times; velero keeps only the last value "${kept}" and drops ${values
          .slice(0, -1)
          .map((v) => `"${v}"`)
          .join(', ')}`,
        location: tokenLocation(subject, at(all, 1).tokenIndex),
        fix: `--${f.name}=${joined}`,
        ...(editable(subject, f.name) ? { edits: replaceFlagEdits(subject, f.name, joined) } : {}),
      });
    }
    return out;
  },
};
