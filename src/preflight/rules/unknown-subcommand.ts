import type { Rule } from './types.js';
import { tokenLocation } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV019',
    name: 'unknown-subcommand',
    severity: 'error',
    appliesTo: ['every velero command line'],
    summary:
      'A word that is no subcommand of a velero command group (`velero schedule update`, `velero backup edit`): velero prints help and does nothing, with exit code 0.',
    why: "cobra walks the command tree word by word and stops at the group (`velero schedule`) when the next word names none of its subcommands. A group has no action of its own, so cobra prints the group's help and exits 0: a script or CI job carries on as if the backups had been listed or the schedule changed. Unlike an unknown top-level command, nothing fails; only a flag the group does not have (`velero schedule update daily --schedule ...`) makes it fail, with `unknown flag`.",
    fix: 'Use a subcommand the group has (`velero <group> --help` lists them). Velero has no update or edit commands: change a Schedule with `kubectl edit schedule -n velero NAME` or delete and create it again.',
    links: ['https://github.com/spf13/cobra/blob/main/args.go', 'https://velero.io/docs/main/'],
    examples: [
      { bad: 'velero backup list', good: 'velero backup get' },
      { bad: 'velero backup craete b1', good: 'velero backup create b1' },
    ],
  },
  check(subject) {
    const parsed = subject.command;
    if (!parsed) return [];
    return parsed.errors
      .filter((e) => e.code === 'unknown-subcommand')
      .map((e) =>
        e.suggestion === undefined
          ? { message: e.message, location: tokenLocation(subject, e.tokenIndex) }
          : {
              message: e.message,
              location: tokenLocation(subject, e.tokenIndex),
              fix: `use the subcommand ${e.suggestion}`,
              edits: [{ start: e.tokenIndex, end: e.tokenIndex + 1, tokens: [e.suggestion] }],
            },
      );
  },
};
