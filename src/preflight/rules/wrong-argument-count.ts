import type { Rule } from './types.js';
import { tokenLocation } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV004',
    name: 'wrong-argument-count',
    severity: 'error',
    appliesTo: ['backup create', 'schedule create', 'restore create', 'install', 'plugin add', 'plugin remove'],
    summary: 'More (or fewer) positional arguments than the command accepts.',
    why: 'cobra rejects the command. Extra arguments usually come from a boolean flag given a separate value (`--wait false`) or an unquoted list with spaces.',
    fix: 'Pass values with `--flag=value` and quote lists.',
    links: ['https://github.com/spf13/cobra/blob/main/args.go'],
    examples: [{ bad: 'velero backup create b1 b2', good: 'velero backup create b1' }],
  },
  check(subject) {
    return (subject.command?.errors ?? [])
      .filter((e) => e.code === 'arg-count')
      .map((e) => ({ message: `velero fails: ${e.message}`, location: tokenLocation(subject, e.tokenIndex) }));
  },
};
