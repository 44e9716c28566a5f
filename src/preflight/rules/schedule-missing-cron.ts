import { lastUse, parseGoDuration } from '../parse/pflag.js';
import type { Rule } from './types.js';

/** Field bounds and names of robfig/cron v3's standard (5-field) parser: minute, hour, day of month, month, weekday. */
const FIELDS: { min: number; max: number; names?: string[] }[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  // Weekdays stop at 6: robfig rejects 7, although some crons read it as Sunday.
  { min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

function fieldValue(text: string, field: (typeof FIELDS)[number]): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  return named < 0 ? undefined : named + field.min;
}

/** One comma-separated part of a field: `*`, `?`, `N`, `N-M`, each optionally `/STEP`. */
function partProblem(part: string, field: (typeof FIELDS)[number]): string | undefined {
  const [range = '', step, extra] = part.split('/');
  if (extra !== undefined || (step !== undefined && !/^\d+$/.test(step))) return `bad step in "${part}"`;
  if (step !== undefined && Number(step) === 0) return `step of zero in "${part}"`;
  if (range === '*' || range === '?') return undefined;
  const [low = '', high, more] = range.split('-');
  if (more !== undefined) return `too many hyphens in "${part}"`;
  const lo = fieldValue(low, field);
  const hi = high === undefined ? lo : fieldValue(high, field);
  if (lo === undefined || hi === undefined) return `"${part}" is not a number or name`;
  if (lo < field.min || hi > field.max) return `"${part}" is outside ${field.min}-${field.max}`;
  if (lo > hi) return `"${part}" starts after it ends`;
  return undefined;
}

/**
 * Why robfig/cron v3 ParseStandard (what Velero's schedule controller calls) rejects a schedule, or undefined when it
 * parses: an optional `CRON_TZ=Zone ` or `TZ=Zone ` prefix, then a descriptor (`@daily`, `@every <Go duration>`) or
 * exactly five fields.
 */
export function cronProblem(cron: string): string | undefined {
  let spec = cron.trim();
  if (spec === '') return 'the schedule is empty';
  const tz = /^(?:CRON_TZ|TZ)=(\S*)(?:\s+|$)/.exec(spec);
  if (tz) {
    // The zone must load (time.LoadLocation); the preflight checks its shape, not the zone database.
    if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(tz[1] ?? ''))
      return `"${tz[1]}" is not a time zone name`;
    spec = spec.slice(tz[0].length).trim();
  }
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.has(spec)) return undefined;
    if (spec.startsWith('@every ')) {
      const duration = spec.slice('@every '.length).trim();
      return parseGoDuration(duration) === undefined
        ? `"${duration}" is not a Go duration: its units are ns, us, ms, s, m and h, so a day is 24h`
        : undefined;
    }
    return `unrecognized descriptor "${spec}"`;
  }
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}`;
  for (const [i, text] of fields.entries()) {
    const field = FIELDS[i];
    if (!field) break;
    for (const part of text.split(',')) {
      const problem = partProblem(part, field);
      if (problem) return problem;
    }
  }
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'CMV018',
    name: 'schedule-missing-cron',
    severity: 'error',
    appliesTo: ['schedule create', 'Schedule manifests'],
    summary:
      'A schedule without a cron expression, or with one robfig/cron rejects (not 5 valid fields, an unknown @-descriptor, `@every` with a duration Go cannot parse).',
    why: 'The CLI requires --schedule; the server parses it with robfig/cron v3 ParseStandard and a bad value gives phase FailedValidation: no backups are ever taken. A `CRON_TZ=Zone ` or `TZ=Zone ` prefix is valid; `@every 1d` is not (Go durations have no day unit).',
    fix: "Use a 5-field cron (`'0 1 * * *'`, optionally `'CRON_TZ=Europe/Berlin 0 1 * * *'`) or a descriptor (`@every 24h`, `@daily`).",
    links: ['https://velero.io/docs/main/api-types/schedule/'],
    examples: [
      { bad: 'velero schedule create daily', good: "velero schedule create daily --schedule '0 1 * * *'" },
      {
        bad: "velero schedule create daily --schedule '@every 1d'",
        good: "velero schedule create daily --schedule '@every 24h'",
      },
    ],
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
    const problem = cronProblem(cron);
    return problem === undefined
      ? []
      : [
          {
            message: `"${cron}" is not a schedule Velero accepts (${problem}): the Schedule fails validation and never runs`,
            location: subject.fieldLocations['spec.schedule'] ?? subject.location,
          },
        ];
  },
};
