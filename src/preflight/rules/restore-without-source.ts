import { lastUse } from '../parse/pflag.js';
import type { Rule } from './types.js';
import { tokenLocation } from './helpers.js';
import { at, present } from '../checked.js';

export const rule: Rule = {
  meta: {
    id: 'CMV015',
    name: 'restore-without-source',
    severity: 'error',
    catalogue: 'A11',
    appliesTo: ['restore create', 'Restore manifests'],
    summary: 'A restore with neither or both of --from-backup / --from-schedule (backupName / scheduleName).',
    why: "`velero restore create my-backup` treats my-backup as the RESTORE name and fails: either a backup or schedule must be specified, but not both. The docs' examples show this wrong form.",
    fix: '`velero restore create --from-backup my-backup`.',
    links: ['https://velero.io/docs/main/restore-reference/'],
    examples: [{ bad: 'velero restore create full-backup', good: 'velero restore create --from-backup full-backup' }],
  },
  check(subject) {
    const spec = subject.restore;
    if (subject.kind !== 'restore' || !spec) return [];
    const hasBackup = spec.backupName !== undefined && spec.backupName !== '';
    const hasSchedule = spec.scheduleName !== undefined && spec.scheduleName !== '';
    if (hasBackup !== hasSchedule) return [];
    const parsed = subject.command;
    if (!parsed) {
      return [
        {
          message: hasBackup
            ? 'both backupName and scheduleName are set: FailedValidation'
            : 'neither backupName nor scheduleName is set: FailedValidation',
          location: subject.location,
        },
      ];
    }
    if (hasBackup) {
      const use = present(lastUse(parsed, 'from-schedule'), 'the --from-schedule flag');
      return [
        {
          message: 'either a backup or schedule must be specified, but not both',
          location: tokenLocation(subject, use.tokenIndex),
        },
      ];
    }
    const pos = parsed.positionals[0];
    if (pos === undefined)
      return [
        {
          message:
            'either a backup or schedule must be specified, but not both (neither --from-backup nor --from-schedule is given)',
          location: subject.location,
        },
      ];
    const name = at(parsed.tokens, pos).text;
    return [
      {
        message: `"${name}" is the name of the new restore, not its source: velero fails with "either a backup or schedule must be specified"`,
        location: tokenLocation(subject, pos),
        fix: `--from-backup=${name}`,
        edits: [{ start: pos, end: pos + 1, tokens: [`--from-backup=${name}`] }],
      },
    ];
  },
};
