import { isBoolWord, lastNonBlankUse } from '../parse/pflag.js';
import type { Rule, RuleReport } from './types.js';
import { tokenLocation } from './helpers.js';
import { at } from '../checked.js';

export const rule: Rule = {
  meta: {
    id: 'CMV004',
    name: 'wrong-argument-count',
    severity: 'error',
    appliesTo: ['every velero command line'],
    summary:
      'More (or fewer) positional arguments than the command accepts, a `backup create` without a name, or words `velero install` silently ignores.',
    why: 'cobra rejects the command (and `backup create` without a name and without `--from-schedule` fails its validation). `velero install` is different: it accepts any extra word and never reads it, so a value meant for a flag is silently lost. Extra arguments usually come from a boolean flag given a separate value (`--wait false`) or an unquoted list with spaces.',
    fix: 'Pass values with `--flag=value`, quote lists, and name the backup.',
    links: ['https://github.com/spf13/cobra/blob/main/args.go'],
    examples: [
      { bad: 'velero backup create b1 b2', good: 'velero backup create b1' },
      {
        bad: 'velero backup create --include-namespaces app',
        good: 'velero backup create app --include-namespaces app',
      },
      {
        bad: 'velero install --provider aws --bucket velero-backups us-east-1',
        good: 'velero install --provider aws --bucket velero-backups --backup-location-config region=us-east-1',
      },
    ],
  },
  check(subject) {
    const parsed = subject.command;
    if (!parsed) return [];
    const reports: RuleReport[] = parsed.errors
      .filter((e) => e.code === 'arg-count')
      .map((e) => ({ message: `velero fails: ${e.message}`, location: tokenLocation(subject, e.tokenIndex) }));
    // Only a command line that otherwise parses reaches these checks, as in velero; --help runs none of them.
    if (parsed.errors.length > 0 || parsed.helpRequested) return reports;
    if (
      parsed.command?.name === 'backup create' &&
      parsed.positionals.length === 0 &&
      !lastNonBlankUse(parsed, 'from-schedule')
    )
      reports.push({
        message: 'velero fails: a backup name is required, unless you are creating based on a schedule',
        location: subject.location,
      });
    if (parsed.command?.extraArgsIgnored && parsed.positionals.length > 0) {
      // A true/false right after a bare boolean flag is reported by CMV005 (bool-flag-separate-value), with its fix.
      const bareBools = new Set(parsed.uses.filter((u) => u.form === 'bare').map((u) => u.tokenIndex + 1));
      const stray = parsed.positionals.filter((i) => !(bareBools.has(i) && isBoolWord(at(parsed.tokens, i).text)));
      const words = stray.map((i) => at(parsed.tokens, i).text);
      if (words.length > 0)
        reports.push({
          message: `velero ${parsed.command.name} does not fail but silently ignores ${words.length === 1 ? 'the word' : 'the words'} ${words.map((w) => JSON.stringify(w)).join(', ')}: whatever it was meant for is not applied`,
          location: tokenLocation(subject, at(stray, 0)),
          severity: 'warning',
        });
    }
    return reports;
  },
};
