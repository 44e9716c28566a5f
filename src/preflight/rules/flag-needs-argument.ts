import type { Rule } from './types.js';
import { tokenLocation } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV002',
    name: 'flag-needs-argument',
    severity: 'error',
    appliesTo: ['every velero command line'],
    summary: 'A flag that needs a value is the last word of the command line.',
    why: 'pflag fails with `flag needs an argument`; the command does nothing. It usually means a shell variable expanded to nothing or a line continuation was lost.',
    fix: 'Give the value with `--flag=value`.',
    links: ['https://pkg.go.dev/github.com/spf13/pflag'],
    examples: [
      { bad: 'velero backup create b --include-namespaces', good: 'velero backup create b --include-namespaces=app' },
    ],
  },
  check(subject) {
    return (subject.command?.errors ?? [])
      .filter((e) => e.code === 'needs-argument')
      .map((e) => ({ message: `velero fails: ${e.message}`, location: tokenLocation(subject, e.tokenIndex) }));
  },
};
