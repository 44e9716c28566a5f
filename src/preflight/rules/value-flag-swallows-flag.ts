import type { Rule, RuleReport } from './types.js';
import { tokenLocation } from './helpers.js';
import { at } from '../checked.js';

/** What the user most likely meant by the bare flag, when it is clear. */
const INTENDED: Record<string, string> = {
  'include-cluster-scoped-resources': '*',
  'skip-immediately': 'true',
  colorized: 'true',
};

export const rule: Rule = {
  meta: {
    id: 'CMV007',
    name: 'value-flag-swallows-flag',
    severity: 'error',
    catalogue: 'A3',
    appliesTo: ['every velero command line'],
    summary: 'A flag that needs a value is written bare, so it takes the next flag as its value.',
    why: 'pflag gives a value flag the next word even when it starts with `-`. In velero issue #9991 `--include-cluster-scoped-resources --default-volumes-to-fs-backup` set the cluster include list to "--default-volumes-to-fs-backup" (matching nothing) and silently dropped the FS-backup flag. `--skip-immediately` and `--colorized` are optional booleans WITHOUT a default and behave the same way.',
    fix: 'Give the value explicitly: `--include-cluster-scoped-resources=*`, `--skip-immediately=true`.',
    links: ['https://github.com/vmware-tanzu/velero/issues/9991'],
    examples: [
      {
        bad: 'velero backup create b --include-cluster-scoped-resources --wait',
        good: "velero backup create b --include-cluster-scoped-resources='*' --wait",
      },
    ],
  },
  check(subject) {
    const parsed = subject.command;
    if (!parsed) return [];
    const out: RuleReport[] = [];
    for (const use of parsed.uses) {
      if (!use.swallowedFlag || use.valueTokenIndex === undefined) continue;
      const intended = INTENDED[use.flag.name];
      const report: RuleReport = {
        message: `${use.written} takes "${use.value}" as its value, so ${use.value} is not applied as a flag`,
        location: tokenLocation(subject, use.tokenIndex),
        fix:
          intended !== undefined ? `${use.written}=${intended}` : `give ${use.written} a value: ${use.written}=VALUE`,
      };
      if (intended !== undefined && at(parsed.tokens, use.tokenIndex).text === use.written)
        report.edits = [{ start: use.tokenIndex, end: use.tokenIndex + 1, tokens: [`${use.written}=${intended}`] }];
      out.push(report);
    }
    return out;
  },
};
