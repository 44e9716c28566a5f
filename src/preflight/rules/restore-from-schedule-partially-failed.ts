import type { Rule } from './types.js';
import { restoreSpecOf } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV050',
    name: 'restore-from-schedule-partially-failed',
    severity: 'info',
    catalogue: 'C12',
    appliesTo: ['restore create'],
    summary: '`restore create --from-schedule --allow-partially-failed` may pick a PartiallyFailed backup.',
    why: 'The newest backup of the schedule is chosen even if it is PartiallyFailed, possibly one whose cert-manager CRDs or Secrets failed to back up.',
    fix: 'Check the chosen backup with `velero backup describe --details`, or restore --from-backup a known good one.',
    links: ['https://velero.io/docs/main/restore-reference/'],
    examples: [
      {
        bad: 'velero restore create --from-schedule daily --allow-partially-failed',
        good: 'velero restore create --from-schedule daily --exclude-resources=challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io,certificates.cert-manager.io',
      },
    ],
  },
  check(subject) {
    const spec = restoreSpecOf(subject);
    if (!spec?.scheduleName || !spec.allowPartiallyFailed) return [];
    return [
      {
        message: `the newest backup of schedule "${spec.scheduleName}" is used even if it is PartiallyFailed: check that its cert-manager objects were backed up`,
        location: subject.location,
      },
    ];
  },
};
