import { lastNonBlankUse } from '../parse/pflag.js';
import type { Rule } from './types.js';
import { removeFlagEdits, tokenLocation } from './helpers.js';
import { at, present } from '../checked.js';

const STILL_APPLY = new Set([
  'labels',
  'annotations',
  'wait',
  'output',
  'label-columns',
  'show-labels',
  'from-schedule',
]);

export const rule: Rule = {
  meta: {
    id: 'CMV014',
    name: 'from-schedule-ignores-flags',
    severity: 'warning',
    catalogue: 'A10',
    appliesTo: ['backup create'],
    summary: '`backup create --from-schedule` with filter or option flags: they are all silently ignored.',
    why: "The backup copies the Schedule's template; only --labels, --annotations, --wait and -o apply. What the schedule template says decides the cert-manager coverage, not the flags you see.",
    fix: 'Remove the ignored flags and lint the Schedule (its manifest or its `velero schedule create` line) instead.',
    links: ['https://velero.io/docs/main/backup-reference/'],
    examples: [
      {
        bad: 'velero backup create --from-schedule daily --include-cluster-resources=true',
        good: 'velero backup create --from-schedule daily',
      },
    ],
  },
  check(subject) {
    const parsed = subject.command;
    if (subject.kind !== 'backup' || !parsed || !lastNonBlankUse(parsed, 'from-schedule')) return [];
    const ignored = [
      ...new Set(parsed.uses.filter((u) => !u.global && !STILL_APPLY.has(u.flag.name)).map((u) => u.flag.name)),
    ];
    if (ignored.length === 0) return [];
    const first = present(
      parsed.uses.find((u) => u.flag.name === ignored[0]),
      'the first ignored flag',
    );
    const editable = parsed.uses
      .filter((u) => ignored.includes(u.flag.name))
      .every((u) => at(parsed.tokens, u.tokenIndex).text.startsWith(u.written));
    return [
      {
        message: `with --from-schedule velero ignores ${ignored.map((n) => `--${n}`).join(', ')}: the schedule's template decides what is backed up`,
        location: tokenLocation(subject, first.tokenIndex),
        fix: `remove ${ignored.map((n) => `--${n}`).join(', ')}`,
        ...(editable ? { edits: ignored.flatMap((n) => removeFlagEdits(subject, n)) } : {}),
      },
    ];
  },
};
