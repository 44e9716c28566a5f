import { lastUse } from '../parse/pflag.js';
import type { Rule } from './types.js';
import { removeFlagEdits, tokenLocation } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV016',
    name: 'schedule-annotations-dropped',
    severity: 'info',
    catalogue: 'A12',
    appliesTo: ['schedule create'],
    summary: '`schedule create --annotations` is accepted and silently dropped.',
    why: 'The Schedule command never copies the annotations into the object; anything that relies on them never sees them.',
    fix: 'Set the annotations on a Schedule manifest instead.',
    links: ['https://github.com/vmware-tanzu/velero/blob/main/pkg/cmd/cli/schedule/create.go'],
    examples: [
      {
        bad: "velero schedule create daily --schedule '0 1 * * *' --annotations team=infra",
        good: "velero schedule create daily --schedule '0 1 * * *'",
      },
    ],
  },
  check(subject) {
    const use = subject.kind === 'schedule' && subject.command ? lastUse(subject.command, 'annotations') : undefined;
    if (!use) return [];
    return [
      {
        message: '--annotations is dropped by `velero schedule create`',
        location: tokenLocation(subject, use.tokenIndex),
        fix: 'remove --annotations',
        edits: removeFlagEdits(subject, 'annotations'),
      },
    ];
  },
};
