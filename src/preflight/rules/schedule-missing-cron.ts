import { lastUse, parseGoDuration } from '../parse/pflag.js';
import type { Rule, RuleReport } from './types.js';

import { versionAtLeast, type Version } from '../version.js';

/**
 * The cron parser behind Velero's schedule controller (`cron.ParseStandard`): robfig/cron v1.1.0 up to Velero 1.14,
 * robfig/cron v3.0.1 from 1.15 to 1.18.2, netresearch/go-cron v0.15.0 from 1.18.3 (velero go.mod at each tag). They
 * accept different things: robfig v1 knows no `CRON_TZ=`/`TZ=` prefix (Velero issue 8224: FailedValidation on 1.14.1).
 */
export type CronParser = 'robfig-v1' | 'robfig' | 'go-cron';

export function cronParserFor(version: Version): CronParser {
  if (versionAtLeast(version, '1.18.3')) return 'go-cron';
  return versionAtLeast(version, '1.15.0') ? 'robfig' : 'robfig-v1';
}

interface CronField {
  min: number;
  max: number;
  names?: string[];
}

/** Field bounds of the standard (5-field) parser: minute, hour, day of month, month, weekday. */
function fieldsOf(parser: CronParser): CronField[] {
  return [
    { min: 0, max: 59 },
    { min: 0, max: 23 },
    { min: 1, max: 31 },
    { min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
    // robfig stops weekdays at 6; go-cron's bounds are 0-7 and it folds 7 into Sunday.
    { min: 0, max: parser === 'go-cron' ? 7 : 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
  ];
}
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
/** go-cron descriptors for schedules that are only ever triggered by hand (TriggeredSchedule: Next is the zero time). */
const TRIGGERED = new Set(['@triggered', '@manual', '@none']);
/** go-cron refuses longer specs (MaxSpecLength). */
const MAX_SPEC_LENGTH = 1024;

function fieldValue(text: string, field: CronField): number | undefined {
  // strconv.Atoi, as both parsers read numbers: an optional + sign.
  if (/^\+?\d+$/.test(text)) return Number(text);
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  return named < 0 ? undefined : named + field.min;
}

/** One comma-separated part of a field: `*`, `?`, `N`, `N-M`, each optionally `/STEP`. */
function partProblem(part: string, field: CronField, parser: CronParser): string | undefined {
  const [range = '', stepText, extra] = part.split('/');
  if (extra !== undefined || (stepText !== undefined && !/^\+?\d+$/.test(stepText))) return `bad step in "${part}"`;
  const step = stepText === undefined ? 1 : Number(stepText);
  if (step === 0) return `step of zero in "${part}"`;
  let lo = field.min;
  let hi = field.max;
  if (range !== '*' && range !== '?') {
    const [low = '', high, more] = range.split('-');
    if (more !== undefined) return `too many hyphens in "${part}"`;
    const first = fieldValue(low, field);
    // `N/STEP` runs from N to the field's end, in both parsers.
    const last = high === undefined ? (stepText === undefined ? first : field.max) : fieldValue(high, field);
    if (first === undefined || last === undefined) return `"${part}" is not a number or name`;
    if (first < field.min || last > field.max) return `"${part}" is outside ${field.min}-${field.max}`;
    // go-cron's fields are cyclic (22-2, fri-mon, nov-feb wrap around); robfig refuses a range that starts after it ends.
    if (first > last && parser !== 'go-cron') return `"${part}" starts after it ends`;
    lo = first;
    hi = last;
  }
  if (parser === 'go-cron' && step > 1) {
    const size = lo > hi ? field.max - lo + 1 + (hi - field.min + 1) : hi - lo + 1;
    if (step >= size) return `step ${step} in "${part}" is not less than the range's size ${size}`;
  }
  return undefined;
}

/**
 * Why Velero's cron parser rejects a schedule, or undefined when it parses: an optional `CRON_TZ=Zone ` or
 * `TZ=Zone ` prefix, then a descriptor (`@daily`, `@every <Go duration>`) or exactly five fields. `parser` is the
 * one the target Velero uses (cronParserFor); the newest by default.
 */
export function cronProblem(cron: string, parser: CronParser = 'go-cron'): string | undefined {
  let spec = cron.trim();
  if (spec === '') return 'the schedule is empty';
  if (parser === 'go-cron' && spec.length > MAX_SPEC_LENGTH) return `longer than ${MAX_SPEC_LENGTH} characters`;
  // robfig v1 has no time zone prefix: it splits the whole spec into fields, so `CRON_TZ=Zone` is a sixth one.
  const tz = parser === 'robfig-v1' ? null : /^(?:CRON_TZ|TZ)=(\S*)(?:\s+|$)/.exec(spec);
  if (tz) {
    let zone = tz[1] ?? '';
    // go-cron strips one matching pair of quotes (TZ="Europe/Berlin"); robfig hands them to time.LoadLocation, which fails.
    if (parser === 'go-cron' && /^(["']).+\1$/.test(zone)) zone = zone.slice(1, -1);
    // robfig hands an empty zone to time.LoadLocation, which reads it as UTC; go-cron refuses it.
    if (zone === '' && parser === 'robfig') return fieldsProblem(spec.slice(tz[0].length).trim(), parser);
    // The zone must load (time.LoadLocation); the preflight checks its shape, not the zone database.
    if (!/^[A-Za-z][A-Za-z0-9_+:-]*(?:\/[A-Za-z0-9_+:-]+)*$/.test(zone)) return `"${tz[1]}" is not a time zone name`;
    spec = spec.slice(tz[0].length).trim();
  }
  return fieldsProblem(spec, parser);
}

/** The part after any time zone prefix: a descriptor or the five fields. */
function fieldsProblem(spec: string, parser: CronParser): string | undefined {
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.has(spec)) return undefined;
    if (parser === 'go-cron' && TRIGGERED.has(spec)) return undefined;
    if (spec.startsWith('@every ')) {
      const duration = spec.slice('@every '.length).trim();
      const ns = parseGoDuration(duration);
      if (ns === undefined)
        return `"${duration}" is not a Go duration: its units are ns, us, ms, s, m and h, so a day is 24h`;
      // robfig rounds a shorter interval up to a second; go-cron refuses it (its minimum @every interval).
      if (parser === 'go-cron' && ns < 1e9) return `@every ${duration} is shorter than go-cron's minimum of 1s`;
      return undefined;
    }
    return `unrecognized descriptor "${spec}"`;
  }
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}`;
  const bounds = fieldsOf(parser);
  for (const [i, text] of fields.entries()) {
    const field = bounds[i];
    if (!field) break;
    // Both parsers split on commas with strings.FieldsFunc, which drops empty parts.
    for (const part of text.split(',').filter((p) => p !== '')) {
      const problem = partProblem(part, field, parser);
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * What a schedule that parses does differently from what its author likely meant, on this parser: go-cron's
 * `@manual`/`@triggered`/`@none` have no next run (the zero time), which Velero's schedule controller takes as
 * always due; and go-cron matches day of month AND weekday where robfig (and classic cron) matched either.
 */
export function cronSurprise(cron: string, parser: CronParser): Omit<RuleReport, 'location'> | undefined {
  if (parser !== 'go-cron' || cronProblem(cron, parser) !== undefined) return undefined;
  const spec = cron.trim().replace(/^(?:CRON_TZ|TZ)=\S*\s+/, '');
  if (TRIGGERED.has(spec))
    return {
      message: `"${spec}" parses in Velero 1.18.3+ (go-cron) as a schedule with no next run, which Velero's schedule controller treats as always due: a new backup starts as soon as the previous one ends`,
    };
  const fields = spec.split(/\s+/);
  const [, , dom, , dow] = fields;
  if (fields.length === 5 && dom && dow && !/^[*?]/.test(dom) && !/^[*?]/.test(dow))
    // Valid and possibly meant, so a warning.
    return {
      severity: 'warning',
      message: `day of month "${dom}" and weekday "${dow}" are both set: Velero 1.18.3+ (go-cron) runs only on days matching both, where Velero up to 1.18.2 (robfig/cron) ran on days matching either`,
    };
  return undefined;
}

/** Said when the other parser would take the schedule, so the verdict is visibly the target version's. */
function otherParserAccepts(cron: string, parser: CronParser): string {
  // robfig v1 is compared with its successor: the fix for an old Velero is an upgrade, not go-cron's quirks.
  if (parser === 'robfig-v1')
    return cronProblem(cron, 'robfig') === undefined ? ' (Velero 1.15+, with robfig/cron v3, accepts it)' : '';
  if (cronProblem(cron, parser === 'go-cron' ? 'robfig' : 'go-cron') !== undefined) return '';
  return parser === 'go-cron'
    ? ' (Velero up to 1.18.2, with robfig/cron, accepted it)'
    : ' (Velero 1.18.3+, with go-cron, accepts it)';
}

const PARSER_NAMES: Record<CronParser, string> = {
  'robfig-v1': 'up to 1.14 (robfig/cron v1)',
  robfig: 'up to 1.18.2 (robfig/cron)',
  'go-cron': '1.18.3+ (go-cron)',
};

export const rule: Rule = {
  meta: {
    id: 'CMV018',
    name: 'schedule-missing-cron',
    severity: 'error',
    appliesTo: ['schedule create', 'Schedule manifests'],
    versions:
      'all; the parser changed in Velero 1.15 (robfig/cron v1 to v3) and 1.18.3 (netresearch/go-cron v0.15.0 from then on)',
    summary:
      "A schedule without a cron expression, or with one the target Velero's cron parser rejects (not 5 valid fields, an unknown @-descriptor, `@every` with a duration Go cannot parse), or one that parses into something else than meant.",
    why: 'The CLI requires --schedule; the server parses it with `cron.ParseStandard` and a bad value gives phase FailedValidation: no backups are ever taken. Up to Velero 1.18.2 that is robfig/cron v3: weekdays 0-6, no wrap-around ranges, any `@every` duration. From 1.18.3 it is netresearch/go-cron v0.15.0: weekday 7 is Sunday, ranges wrap around (`22-2`, `fri-mon`), a step must be smaller than its range (`*/60` fails), `@every` needs at least 1s, `TZ="Zone"` may be quoted, and `@manual`/`@triggered`/`@none` parse into a schedule Velero\'s controller finds always due. go-cron also runs a cron with both day of month and weekday set only on days matching both (robfig: either). A `CRON_TZ=Zone ` or `TZ=Zone ` prefix is valid in both, but not up to Velero 1.14 (robfig/cron v1 reads it as a sixth field); `@every 1d` in neither (Go durations have no day unit).',
    fix: "Use a 5-field cron (`'0 1 * * *'`, optionally `'CRON_TZ=Europe/Berlin 0 1 * * *'`) or a descriptor (`@every 24h`, `@daily`), valid for every Velero the schedule may meet (weekday 0 for Sunday, ranges that do not wrap).",
    links: ['https://velero.io/docs/main/api-types/schedule/'],
    examples: [
      { bad: 'velero schedule create daily', good: "velero schedule create daily --schedule '0 1 * * *'" },
      {
        bad: "velero schedule create daily --schedule '@every 1d'",
        good: "velero schedule create daily --schedule '@every 24h'",
      },
    ],
  },
  check(subject, ctx) {
    if (subject.kind !== 'schedule') return [];
    const parser = cronParserFor(ctx.veleroVersion);
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
    const location = subject.fieldLocations['spec.schedule'] ?? subject.location;
    const problem = cronProblem(cron, parser);
    if (problem !== undefined)
      return [
        {
          message: `"${cron}" is not a schedule Velero ${PARSER_NAMES[parser]} accepts (${problem}): the Schedule fails validation and never runs${otherParserAccepts(cron, parser)}`,
          location,
        },
      ];
    const surprise = cronSurprise(cron, parser);
    if (surprise === undefined) return [];
    return [{ ...surprise, location }];
  },
};
