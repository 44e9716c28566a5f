import { lastUse } from '../parse/pflag.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'CMV018',
    name: 'schedule-missing-cron',
    severity: 'error',
    appliesTo: ['schedule create', 'Schedule manifests'],
    summary: 'A schedule without a cron expression, or with one that is not 5 fields / an @-descriptor.',
    why: 'The CLI requires --schedule; the server parses it with robfig/cron ParseStandard and a bad value gives phase FailedValidation: no backups are ever taken.',
    fix: "Use a 5-field cron (`'0 1 * * *'`) or a descriptor (`@every 6h`, `@daily`).",
    links: ['https://velero.io/docs/main/api-types/schedule/'],
    examples: [{ bad: 'velero schedule create daily', good: "velero schedule create daily --schedule '0 1 * * *'" }],
  },
  check(subject) {
    if (subject.kind !== 'schedule') return [];
    const parsed = subject.command;
    let cron: string | undefined;
    if (parsed) {
      const use = lastUse(parsed, 'schedule');
      if (use?.unknownValue) return [];
      cron = use?.value;
      if (cron === undefined) return [{ message: '--schedule is required', location: subject.location }];
    } else cron = subject.cron;
    if (cron === undefined)
      return parsed
        ? []
        : [{ message: 'spec.schedule is missing: the Schedule fails validation', location: subject.location }];
    const ok =
      /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(cron) ||
      /^@every\s+\S+$/.test(cron) ||
      cron.trim().split(/\s+/).length === 5;
    return ok
      ? []
      : [
          {
            message: `"${cron}" is not a 5-field cron expression or @-descriptor: the Schedule fails validation`,
            location: subject.fieldLocations['spec.schedule'] ?? subject.location,
          },
        ];
  },
};
