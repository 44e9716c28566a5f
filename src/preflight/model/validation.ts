/**
 * What each velero command's Complete/Validate (and Run, where Run checks its input before doing anything) rejects
 * once the flags parsed, read from Velero's CLI code (pkg/cmd/cli/.../*.go, v1.12.0 to v1.18.3). cobra's own checks
 * (flags, argument counts) are the parser's; the checks other rules already make are left to them: the backup name
 * (CMV004), selector with or-selector (CMV013), restore source (CMV015), --schedule (CMV018), the uploader type
 * (CMV003) and `install -o table` (CMV062).
 */
import { lastUse, parseGoBool, parseGoDuration, usesOf, type ParsedCommand } from '../parse/pflag.js';
import { versionAtLeast, type Version } from '../version.js';
import { at } from '../checked.js';
import { parseLabelSelector } from '../../velero/label-selector.js';

export interface ValidationProblem {
  /** Velero's own error text where it has one. */
  message: string;
  /** The token the problem is about (the flag, the argument), or undefined for the command as a whole. */
  tokenIndex?: number;
  /** Velero does not fail: it goes on without what was asked (a warning, not an error). */
  ignored?: boolean;
  /** Words whose addition is the whole fix (the problem names the only way out). */
  append?: string[];
}

/** A flag's value as Velero sees it: unset, a known string, or a shell expansion whose value is unknown here. */
type FlagValue = { set: false } | { set: true; value: string; unknown: boolean; tokenIndex: number };

function valueOf(parsed: ParsedCommand, flag: string): FlagValue {
  const use = lastUse(parsed, flag);
  if (!use) return { set: false };
  return { set: true, value: use.value, unknown: use.unknownValue, tokenIndex: use.tokenIndex };
}

/** Definitely empty (unset or `--flag=`): only then does a "required" check fail. */
function empty(v: FlagValue): boolean {
  return !v.set || (!v.unknown && v.value === '');
}

/** Definitely non-empty: only then does a "must be empty" check fail. */
function nonEmpty(v: FlagValue): boolean {
  return v.set && !v.unknown && v.value !== '';
}

function boolFlag(parsed: ParsedCommand, flag: string, defaultValue: boolean): boolean {
  const use = lastUse(parsed, flag);
  return use ? (parseGoBool(use.value) ?? defaultValue) : defaultValue;
}

/** Map flags (`--backup-location-config`): any use gives a non-empty map (an empty value is a parse error). */
function mapSet(parsed: ParsedCommand, flag: string): boolean {
  return usesOf(parsed, flag).length > 0;
}

/** output.ValidateFlags: -o is '', json, yaml or table (table is refused by install, CMV062's case). */
function outputProblem(parsed: ParsedCommand): ValidationProblem | undefined {
  const out = valueOf(parsed, 'output');
  if (!out.set || out.unknown || ['', 'json', 'yaml', 'table'].includes(out.value)) return undefined;
  return {
    message: `invalid output format "${out.value}" - valid values are 'table', 'json', and 'yaml'`,
    tokenIndex: out.tokenIndex,
  };
}

/** pkg/cmd/cli/install/install.go Validate (line 479 at v1.18.3); identical from 1.12 except where noted. */
function installProblems(parsed: ParsedCommand, version: Version): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const output = outputProblem(parsed);
  if (output) return [output];
  // "If we're only installing CRDs, we can skip the rest of the validation."
  if (boolFlag(parsed, 'crds-only', false)) return [];
  const provider = valueOf(parsed, 'provider');
  const bucket = valueOf(parsed, 'bucket');
  const at = (v: FlagValue) => (v.set ? { tokenIndex: v.tokenIndex } : {});
  if (bucket.set && !bucket.unknown && bucket.value.startsWith('-'))
    problems.push({
      message: `Bucket names cannot begin with a dash. Bucket name was: ${bucket.value}`,
      tokenIndex: bucket.tokenIndex,
    });
  const noDefaultLocation = boolFlag(parsed, 'no-default-backup-location', false);
  if (noDefaultLocation) {
    if (nonEmpty(bucket))
      problems.push({
        message: 'Cannot use both --bucket and --no-default-backup-location at the same time',
        ...at(bucket),
      });
    const prefix = valueOf(parsed, 'prefix');
    if (nonEmpty(prefix))
      problems.push({
        message: 'Cannot use both --prefix and --no-default-backup-location at the same time',
        ...at(prefix),
      });
    if (mapSet(parsed, 'backup-location-config'))
      problems.push({
        message: 'Cannot use both --backup-location-config and --no-default-backup-location at the same time',
        ...at(valueOf(parsed, 'backup-location-config')),
      });
  } else {
    if (empty(provider)) problems.push({ message: '--provider is required', ...at(provider) });
    if (empty(bucket)) problems.push({ message: '--bucket is required', ...at(bucket) });
  }
  // Velero creates a VolumeSnapshotLocation unless told otherwise: --use-volume-snapshots defaults to true.
  const useVolumeSnapshots = boolFlag(parsed, 'use-volume-snapshots', true);
  if (useVolumeSnapshots) {
    if (empty(provider) && noDefaultLocation)
      problems.push({ message: '--provider is required when --use-volume-snapshots is set to true' });
  } else if (mapSet(parsed, 'snapshot-location-config'))
    problems.push({
      message: '--snapshot-location-config must be empty when --use-volume-snapshots=false',
      ...at(valueOf(parsed, 'snapshot-location-config')),
    });
  if (noDefaultLocation && !useVolumeSnapshots) {
    if (nonEmpty(provider))
      problems.push({
        message: '--provider must be empty when using --no-default-backup-location and --use-volume-snapshots=false',
        ...at(provider),
      });
  } else if (usesOf(parsed, 'plugins').length === 0)
    // A location (backup or snapshot) needs its provider's plugin; `--plugins=` still counts (a list of one "").
    problems.push({ message: '--plugins flag is required' });
  if (boolFlag(parsed, 'default-volumes-to-fs-backup', false) && !boolFlag(parsed, 'use-node-agent', false))
    problems.push({
      message: '--use-node-agent is required when using --default-volumes-to-fs-backup',
      ...at(valueOf(parsed, 'default-volumes-to-fs-backup')),
      append: ['--use-node-agent'],
    });
  const secretFile = valueOf(parsed, 'secret-file');
  const noSecret = boolFlag(parsed, 'no-secret', false);
  if (empty(secretFile) && !noSecret) problems.push({ message: 'One of --secret-file or --no-secret is required' });
  else if (nonEmpty(secretFile) && noSecret)
    problems.push({ message: 'Cannot use both --secret-file and --no-secret', ...at(secretFile) });
  const durations = ['default-repo-maintain-frequency', 'garbage-collection-frequency'];
  // The check of --pod-volume-operation-timeout came with the flag, in 1.13.
  if (versionAtLeast(version, '1.13.0')) durations.push('pod-volume-operation-timeout');
  for (const flag of durations) {
    const v = valueOf(parsed, flag);
    if (v.set && !v.unknown && (parseGoDuration(v.value) ?? 0) < 0)
      problems.push({ message: `--${flag} must be non-negative`, tokenIndex: v.tokenIndex });
  }
  // Run builds the options only once Validate passed.
  return problems.length > 0 ? problems : resourceProblems(parsed, version);
}

const BINARY_SI: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL_SI: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** resource.ParseQuantity's grammar (signed number, then a binary-SI, decimal-SI or e-exponent suffix) as a number. */
export function parseQuantity(text: string): number | undefined {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[mkMGTPE]?)$/.exec(text);
  if (!m) return undefined;
  const number = Number(m[1]);
  const suffix = m[2] ?? '';
  if (/^[eE]/.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  return number * (BINARY_SI[suffix] ?? DECIMAL_SI[suffix] ?? 1);
}

/**
 * AsVeleroOptions, run by install after Validate (and with --dry-run), before anything is created: each pod's
 * requests and limits must parse as quantities, and a request may not exceed its limit unless the limit is "0"
 * (unbounded). Defaults from pkg/install/resources.go: the node-agent's were 500m/512Mi/1000m/1Gi until 1.13 and
 * "0" (unbounded) from 1.14.
 */
function resourceProblems(parsed: ParsedCommand, version: Version): ValidationProblem[] {
  const oldNodeAgent = !versionAtLeast(version, '1.14.0');
  const pods: [string, Record<string, string>][] = [
    ['velero-pod', { 'cpu-request': '500m', 'mem-request': '128Mi', 'cpu-limit': '1000m', 'mem-limit': '512Mi' }],
    [
      'node-agent-pod',
      oldNodeAgent
        ? { 'cpu-request': '500m', 'mem-request': '512Mi', 'cpu-limit': '1000m', 'mem-limit': '1Gi' }
        : { 'cpu-request': '0', 'mem-request': '0', 'cpu-limit': '0', 'mem-limit': '0' },
    ],
  ];
  for (const [pod, defaults] of pods) {
    const text: Record<string, string> = {};
    const where: Record<string, number> = {};
    for (const [part, fallback] of Object.entries(defaults)) {
      const v = valueOf(parsed, `${pod}-${part}`);
      if (v.set && v.unknown) return [];
      text[part] = v.set ? v.value : fallback;
      if (v.set) where[part] = v.tokenIndex;
    }
    const names: Record<string, string> = {
      'cpu-request': 'CPU request',
      'mem-request': 'memory request',
      'cpu-limit': 'CPU limit',
      'mem-limit': 'memory limit',
    };
    for (const part of ['cpu-request', 'mem-request', 'cpu-limit', 'mem-limit'])
      if (parseQuantity(text[part] ?? '') === undefined)
        return [
          {
            message: `couldn't parse ${names[part] ?? part} "${text[part] ?? ''}": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
            ...(where[part] !== undefined ? { tokenIndex: where[part] } : {}),
          },
        ];
    for (const [kind, label] of [
      ['cpu', 'CPU'],
      ['mem', 'Memory'],
    ] as const) {
      const request = text[`${kind}-request`] ?? '0';
      const limit = text[`${kind}-limit`] ?? '0';
      if (limit !== '0' && (parseQuantity(request) ?? 0) > (parseQuantity(limit) ?? 0)) {
        const token = where[`${kind}-request`] ?? where[`${kind}-limit`];
        return [
          {
            message: `${label} request "${request}" must be less than or equal to ${label} limit "${limit}" (--${pod}-${kind}-request, --${pod}-${kind}-limit)`,
            ...(token !== undefined ? { tokenIndex: token } : {}),
          },
        ];
      }
    }
  }
  return [];
}

/**
 * SelectOptions.Validate (pkg/cmd/cli/select_option.go), used by the delete commands and schedule pause/unpause:
 * exactly one of names, --all, --selector.
 */
function selectionProblem(parsed: ParsedCommand, typeName: string): ValidationProblem | undefined {
  const names = parsed.positionals.length > 0;
  const all = boolFlag(parsed, 'all', false);
  const selector = lastUse(parsed, 'selector') !== undefined;
  if ([names, all, selector].filter(Boolean).length === 1) return undefined;
  return {
    message: `you must specify exactly one of: specific ${typeName} name(s), the --all flag, or the --selector flag`,
  };
}

/** `--credential` of the location commands: one Secret key only. */
function credentialProblem(parsed: ParsedCommand): ValidationProblem | undefined {
  const uses = usesOf(parsed, 'credential');
  if (uses.some((u) => u.unknownValue)) return undefined;
  const keys = new Set(uses.flatMap((u) => u.value.split(',').map((pair) => pair.split('=')[0])));
  if (keys.size <= 1) return undefined;
  return {
    message: '--credential can only contain 1 key/value pair',
    tokenIndex: at(uses, uses.length - 1).tokenIndex,
  };
}

function locationCreateProblems(parsed: ParsedCommand, needsBucket: boolean): ValidationProblem[] {
  const output = outputProblem(parsed);
  if (output) return [output];
  const problems: ValidationProblem[] = [];
  if (empty(valueOf(parsed, 'provider'))) problems.push({ message: '--provider is required' });
  if (needsBucket && empty(valueOf(parsed, 'bucket'))) problems.push({ message: '--bucket is required' });
  const sync = valueOf(parsed, 'backup-sync-period');
  if (sync.set && !sync.unknown && (parseGoDuration(sync.value) ?? 0) < 0)
    problems.push({ message: '--backup-sync-period must be non-negative', tokenIndex: sync.tokenIndex });
  const credential = credentialProblem(parsed);
  if (credential) problems.push(credential);
  return problems;
}

/**
 * The get and describe commands take --selector as a plain string and parse it (labels.Parse) in Run, only when no
 * names are given: with names the selector is never read.
 */
function selectorTextProblem(parsed: ParsedCommand): ValidationProblem | undefined {
  const selector = valueOf(parsed, 'selector');
  if (!selector.set || selector.unknown || parsed.positionals.length > 0) return undefined;
  const result = parseLabelSelector(selector.value);
  return 'error' in result ? { message: result.error, tokenIndex: selector.tokenIndex } : undefined;
}

/** `velero backup describe -o` (Run, before any API call). */
function describeOutputProblem(parsed: ParsedCommand): ValidationProblem | undefined {
  const out = valueOf(parsed, 'output');
  if (!out.set || out.unknown || ['plaintext', 'json'].includes(out.value)) return undefined;
  return {
    message: `invalid output format '${out.value}'. valid value are 'plaintext, json'`,
    tokenIndex: out.tokenIndex,
  };
}

/**
 * ParseOrderedResources (backup/create.go), run while the Backup or Schedule is built, before it is sent: entries
 * split on ';', each exactly one '=' (so a trailing ';' fails too).
 */
function orderedResourcesProblem(parsed: ParsedCommand): ValidationProblem | undefined {
  const ordered = valueOf(parsed, 'ordered-resources');
  if (!ordered.set || ordered.unknown || ordered.value === '') return undefined;
  const bad = ordered.value.split(';').find((entry) => entry.split('=').length !== 2);
  return bad === undefined
    ? undefined
    : { message: `invalid OrderedResources '${bad}'`, tokenIndex: ordered.tokenIndex };
}

/** restore/create.go Validate after the source check (CMV015) and the selectors (CMV013). */
function restoreCreateProblems(parsed: ParsedCommand, version: Version): ValidationProblem[] {
  const output = outputProblem(parsed);
  if (output) return [output];
  const problems: ValidationProblem[] = [];
  // restore.IsResourcePolicyValid: exactly "none" or "update" (case-sensitive); empty means unset.
  const policy = valueOf(parsed, 'existing-resource-policy');
  if (nonEmpty(policy) && policy.set && !['none', 'update'].includes(policy.value))
    problems.push({
      message: 'existing-resource-policy has invalid value, it accepts only none, update as value',
      tokenIndex: policy.tokenIndex,
    });
  const download = valueOf(parsed, 'parallel-files-download');
  if (versionAtLeast(version, '1.14.0') && download.set && !download.unknown && Number(download.value) < 0)
    problems.push({ message: 'parallel-files-download cannot be negative', tokenIndex: download.tokenIndex });
  return problems;
}

/** Every problem Velero's validation finds in a command line that parsed, in the order Velero checks them. */
export function validationProblems(parsed: ParsedCommand, version: Version): ValidationProblem[] {
  if (parsed.errors.length > 0 || !parsed.command || parsed.helpRequested) return [];
  const one = (p: ValidationProblem | undefined) => (p ? [p] : []);
  switch (parsed.command.name) {
    case 'install':
      return installProblems(parsed, version);
    case 'backup create': {
      const output = outputProblem(parsed);
      if (output) return [output];
      // validateFromScheduleFlag (backup/create.go, from 1.16.0): a given but blank --from-schedule.
      const fromSchedule = valueOf(parsed, 'from-schedule');
      if (
        versionAtLeast(version, '1.16.0') &&
        fromSchedule.set &&
        !fromSchedule.unknown &&
        fromSchedule.value.trim() === ''
      )
        return [{ message: 'flag must have a non-empty value: --from-schedule', tokenIndex: fromSchedule.tokenIndex }];
      // From a schedule the Backup is the Schedule's template: --ordered-resources is never read.
      return fromSchedule.set ? [] : one(orderedResourcesProblem(parsed));
    }
    case 'restore create':
      return restoreCreateProblems(parsed, version);
    case 'schedule create':
      return [...one(outputProblem(parsed)), ...one(orderedResourcesProblem(parsed))];
    case 'plugin get':
      return one(outputProblem(parsed));
    case 'backup get':
    case 'restore get':
    case 'schedule get':
    case 'backup-location get':
    case 'snapshot-location get':
    case 'repo get':
      return [...one(outputProblem(parsed)), ...one(selectorTextProblem(parsed))];
    case 'restore describe':
    case 'schedule describe':
      return one(selectorTextProblem(parsed));
    case 'backup delete':
      return one(selectionProblem(parsed, 'backup'));
    case 'restore delete':
      return one(selectionProblem(parsed, 'restore'));
    case 'schedule delete':
    case 'schedule pause':
    case 'schedule unpause':
      return one(selectionProblem(parsed, 'schedule'));
    case 'backup-location delete':
      return one(selectionProblem(parsed, 'backup-location'));
    case 'backup-location create':
      return locationCreateProblems(parsed, true);
    case 'snapshot-location create':
      return locationCreateProblems(parsed, false);
    case 'backup-location set':
      return one(credentialProblem(parsed));
    case 'snapshot-location set':
      return [...one(outputProblem(parsed)), ...one(credentialProblem(parsed))];
    case 'backup describe':
      return [...one(describeOutputProblem(parsed)), ...one(selectorTextProblem(parsed))];
    case 'completion': {
      const index = at(parsed.positionals, 0);
      const shell = at(parsed.tokens, index);
      if (shell.unknown || ['bash', 'zsh', 'fish'].includes(shell.text)) return [];
      return [{ message: 'Invalid shell specified, specify bash, zsh, or fish', tokenIndex: index }];
    }
    case 'client config set':
      // Each argument must be exactly KEY=VALUE; any other is skipped with a WARNING and the command exits 0.
      return parsed.positionals
        .filter((i) => !at(parsed.tokens, i).unknown && at(parsed.tokens, i).text.split('=').length !== 2)
        .map((i) => ({
          message: `velero skips "${at(parsed.tokens, i).text}" (WARNING: invalid KEY=VALUE) and sets nothing for it, with exit code 0`,
          tokenIndex: i,
          ignored: true,
        }));
    default:
      return [];
  }
}
