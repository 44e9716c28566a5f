import type { Rule, RuleReport } from './types.js';
import { tokenLocation } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV017',
    name: 'unresolved-shell-expansion',
    severity: 'info',
    appliesTo: ['velero command lines in files'],
    summary: 'A flag value holds a shell expansion ($VAR, ${VAR}, $(...)) the preflight does not evaluate.',
    why: 'The preflight never runs your script and never guesses a value. Rules that depend on that value are skipped, so the command is only partly checked. An unset variable also gives an empty value, which for an include list means "nothing".',
    fix: 'Lint the expanded command: `velero-cm-preflight -- velero ...` with the real values, or `run` it through the preflight.',
    links: [],
    examples: [
      {
        bad: 'velero backup create b --include-namespaces "$NAMESPACES"',
        good: 'velero backup create b --include-namespaces app,cert-manager --include-cluster-resources=true --exclude-resources=challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io',
      },
    ],
  },
  check(subject) {
    const parsed = subject.command;
    if (!parsed) return [];
    const out: RuleReport[] = [];
    for (const use of parsed.uses)
      if (use.unknownValue)
        out.push({
          message: `${use.written} "${use.value}" depends on the shell; checks that need its value were skipped`,
          location: tokenLocation(subject, use.tokenIndex),
        });
    return out;
  },
};
