/**
 * The one option parser of velero-cm-preflight. Every option is declared once here, with its help text and the
 * commands that take it, so an option given to the wrong command is named as such ("--apply only works with
 * doctor") instead of being silently ignored, and every command's help lists exactly what it accepts.
 */
import { existsSync } from 'node:fs';
import type { Severity } from '../rules/types.js';
import { shellJoin } from '../parse/shell.js';
import { NEWEST_KNOWN_VELERO } from '../version.js';
import { CONFIG_FILE } from '../config.js';
import { closestWord } from '../suggest.js';

/** A mistake on the command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/** The commands of the CLI; `lint` is the default, named by no word on the command line. */
export const COMMAND_NAMES = ['lint', 'run', 'audit', 'doctor', 'export', 'import'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export type OutputFormat = 'text' | 'json' | 'sarif' | 'junit';

export interface Options {
  cluster: boolean;
  context?: string;
  requestTimeoutMs?: number;
  apply: boolean;
  yes: boolean;
  format: OutputFormat;
  output?: string;
  failOn: Severity | 'never';
  fix: boolean;
  write: boolean;
  veleroVersion?: string;
  pluginInstalled?: boolean;
  /** --plugin-image, repeatable: images that are this plugin under another repository name. */
  pluginImages?: string[];
  /** --fail-if-nothing-checked: inputs without any velero command or manifest are an error (exit 2). */
  failIfNothingChecked: boolean;
  veleroNamespace?: string;
  clusterResourceNamespace?: string;
  config?: string;
  color?: boolean;
  explain?: string;
  listRules: boolean;
  help: boolean;
  version: boolean;
  /** Operands: files, directories, `-`. */
  inputs: string[];
  /** Everything after `--`: the velero command line. */
  argv?: string[];
  /** --namespace, in the order given, each once. */
  namespaces?: string[];
  /** export: also each Certificate's own Secret. */
  withCertificateSecrets: boolean;
  /** import: validate everything on the server, change nothing. */
  dryRun: boolean;
  /** import: take over fields other field managers own. */
  forceConflicts: boolean;
}

interface OptionSpec {
  /** The spellings, the long one first. */
  names: readonly string[];
  /** The value's placeholder in the help; absent for a switch. */
  value?: string;
  /** Help text; a line break continues it under the same column. */
  help: string;
  /** The commands that take it; `all` for the informational options (help, version, rules). */
  commands: readonly CommandName[] | 'all';
  /** Appended to the "only works with" error, for the mistake users actually make. */
  misuseHint?: string;
  /** Stores the option; `inline` is the text after `=`, or the next argument for an option with a value. */
  set(o: Options, value: string | undefined): void;
}

/** lint, run, audit and doctor print the same report (formats, --fail-on, configuration). */
const REPORTING: readonly CommandName[] = ['lint', 'run', 'audit', 'doctor'];
const LINTING: readonly CommandName[] = ['lint', 'run'];
const CLUSTER_READING: readonly CommandName[] = ['lint', 'run', 'doctor', 'export', 'import'];

const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function oneOf<T extends string>(name: string, text: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === text);
  if (found === undefined) {
    const list = `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1) ?? ''}`;
    throw new UsageError(`${name} must be ${list}, not "${text}"`);
  }
  return found;
}

const OPTIONS: readonly OptionSpec[] = [
  {
    names: ['--format'],
    value: 'text|json|sarif|junit',
    help: 'output format (default text)',
    commands: REPORTING,
    set: (o, v = '') => (o.format = oneOf('--format', v, ['text', 'json', 'sarif', 'junit'])),
  },
  {
    names: ['--output', '-o'],
    value: 'FILE',
    help: 'write the report (export: the YAML, mode 0600) to FILE instead of stdout',
    commands: [...REPORTING, 'export'],
    set: (o, v) => (o.output = v),
  },
  {
    names: ['--fail-on'],
    value: 'error|warning|info|never',
    help: 'exit 1 when a finding is at or above this (default warning)',
    commands: REPORTING,
    set: (o, v = '') => (o.failOn = oneOf('--fail-on', v, ['error', 'warning', 'info', 'never'])),
  },
  {
    names: ['--fix'],
    help: 'print the corrected command line; with files, show corrected commands',
    commands: LINTING,
    misuseHint: '(doctor fixes with --apply)',
    set: (o) => (o.fix = true),
  },
  {
    names: ['--write'],
    help: 'with --fix and files: rewrite the files in place',
    commands: LINTING,
    set: (o) => (o.write = true),
  },
  {
    names: ['--velero-version'],
    value: 'X.Y.Z',
    help: `Velero version to check against (default ${NEWEST_KNOWN_VELERO})`,
    commands: REPORTING,
    set: (o, v) => (o.veleroVersion = v),
  },
  {
    names: ['--plugin-installed'],
    help: 'velero-plugin-for-cert-manager is installed: what it handles drops to info',
    commands: REPORTING,
    // A switch that also reads an inline value: --plugin-installed=false says the plugin is not installed.
    set: (o, inline) => (o.pluginInstalled = inline === undefined ? true : inline !== 'false'),
  },
  {
    names: ['--plugin-image'],
    value: 'IMAGE',
    help:
      'an image that is velero-plugin-for-cert-manager under another name (repeatable);\n' +
      'images named .../velero-plugin-for-cert-manager are recognised anyway',
    commands: REPORTING,
    set: (o, v = '') => {
      if (v.trim() === '')
        throw new UsageError('--plugin-image needs an image name such as registry.example.com/ops/cm-plugin');
      o.pluginImages = [...(o.pluginImages ?? []), v.trim()];
    },
  },
  {
    names: ['--fail-if-nothing-checked'],
    help: 'exit 2 when the files hold no velero command or manifest (a CI lint that checks nothing)',
    commands: LINTING,
    set: (o) => (o.failIfNothingChecked = true),
  },
  {
    names: ['--velero-namespace'],
    value: 'NS',
    help: 'namespace Velero runs in (default velero)',
    commands: REPORTING,
    set: (o, v) => (o.veleroNamespace = v),
  },
  {
    names: ['--cluster-resource-namespace'],
    value: 'NS',
    help:
      "cert-manager's cluster resource namespace (default cert-manager; doctor, export:\n" +
      "read from cert-manager's controller)",
    commands: [...REPORTING, 'export', 'import'],
    set: (o, v) => (o.clusterResourceNamespace = v),
  },
  {
    names: ['--config'],
    value: 'FILE',
    help: `config file (default ./${CONFIG_FILE} when present)`,
    commands: REPORTING,
    set: (o, v) => (o.config = v),
  },
  {
    names: ['--cluster'],
    help:
      'read the live cluster (current kubeconfig context): Velero version, plugin,\n' +
      'cert-manager objects; name what the command would leave out',
    commands: LINTING,
    set: (o) => (o.cluster = true),
  },
  {
    names: ['--context'],
    value: 'NAME',
    help: 'kubeconfig context for --cluster, doctor, export and import',
    commands: CLUSTER_READING,
    set: (o, v) => (o.context = v),
  },
  {
    names: ['--request-timeout'],
    value: 'SECONDS',
    help: 'upper bound of each API request (default 15)',
    commands: CLUSTER_READING,
    set: (o, v) => {
      const seconds = Number(v);
      if (!(seconds > 0 && seconds <= 600))
        throw new UsageError('--request-timeout must be a number of seconds between 0 and 600');
      o.requestTimeoutMs = Math.round(seconds * 1000);
    },
  },
  {
    names: ['--apply'],
    help: 'doctor: run the printed fix commands after a confirmation',
    commands: ['doctor'],
    set: (o) => (o.apply = true),
  },
  {
    names: ['--yes', '-y'],
    help: 'with --apply: without asking',
    commands: ['doctor'],
    set: (o) => (o.yes = true),
  },
  {
    names: ['--namespace'],
    value: 'NS[,NS...]',
    help:
      'doctor, export: only objects in these namespaces (repeatable); doctor still shows\n' +
      'findings about ClusterIssuers, export takes the ClusterIssuers their Certificates use',
    commands: ['doctor', 'export'],
    misuseHint: "(velero's own -n/--namespace goes after --, with the velero command)",
    set: (o, v = '') => {
      const names = v.split(',').map((n) => n.trim());
      const bad = names.find((n) => !NAMESPACE_NAME.test(n));
      if (bad !== undefined)
        throw new UsageError(
          `--namespace: "${bad}" is not a namespace name (lower-case letters, digits and '-', at most 63)`,
        );
      o.namespaces = [...new Set([...(o.namespaces ?? []), ...names])];
    },
  },
  {
    names: ['--with-certificate-secrets'],
    help: "export: also each Certificate's Secret (its key pair), so import reissues nothing",
    commands: ['export'],
    set: (o) => (o.withCertificateSecrets = true),
  },
  {
    names: ['--dry-run'],
    help: 'import: have the API server validate every object (admission included), change nothing',
    commands: ['import'],
    set: (o) => (o.dryRun = true),
  },
  {
    names: ['--force-conflicts'],
    help: 'import: take over fields another field manager set (default: report a conflict)',
    commands: ['import'],
    set: (o) => (o.forceConflicts = true),
  },
  {
    names: ['--color'],
    help: 'force colour (default: colour on a terminal)',
    commands: REPORTING,
    set: (o) => (o.color = true),
  },
  {
    names: ['--no-color'],
    help: 'disable colour',
    commands: REPORTING,
    set: (o) => (o.color = false),
  },
  {
    names: ['--explain'],
    value: 'RULE',
    help: "print a rule's documentation",
    commands: 'all',
    set: (o, v) => (o.explain = v),
  },
  {
    names: ['--list-rules'],
    help: 'list every rule',
    commands: 'all',
    set: (o) => (o.listRules = true),
  },
  {
    names: ['--help', '-h'],
    help: 'this help (after a command: that command only)',
    commands: 'all',
    set: (o) => (o.help = true),
  },
  {
    names: ['--version'],
    help: 'print the version',
    commands: 'all',
    set: (o) => (o.version = true),
  },
];

const BY_NAME = new Map(OPTIONS.flatMap((spec) => spec.names.map((n) => [n, spec] as const)));

function takes(spec: OptionSpec, command: CommandName): boolean {
  return spec.commands === 'all' || spec.commands.includes(command);
}

function listWords(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

/** The command a command line names (its first word, when that is a command other than lint) and the rest. */
export function splitCommand(args: readonly string[]): { command: CommandName; rest: string[] } {
  const first = args[0];
  const named = COMMAND_NAMES.find((c) => c !== 'lint' && c === first);
  return named ? { command: named, rest: args.slice(1) } : { command: 'lint', rest: [...args] };
}

/** Parses the options after the command word; checks that each option belongs to `command`. */
export function parseOptions(command: CommandName, args: readonly string[]): Options {
  const o: Options = {
    cluster: false,
    apply: false,
    yes: false,
    format: 'text',
    failOn: 'warning',
    fix: false,
    write: false,
    failIfNothingChecked: false,
    listRules: false,
    help: false,
    version: false,
    inputs: [],
    withCertificateSecrets: false,
    dryRun: false,
    forceConflicts: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      o.argv = args.slice(i + 1);
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const spec = BY_NAME.get(name);
    if (!spec) {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(unknownOptionMessage(arg, name));
      // `velero-cm-preflight velero backup create ...` forgot the `--`: say so instead of "cannot read velero".
      if (arg === 'velero' && o.inputs.length === 0 && (command === 'lint' || command === 'run') && !existsSync(arg))
        throw new UsageError(
          `"velero" is not a file: to check a command line, put it after --, as in\n  ${shellJoin([
            'velero-cm-preflight',
            ...(command === 'lint' ? [] : [command]),
            ...args.slice(0, i),
            '--',
            ...args.slice(i),
          ])}`,
        );
      o.inputs.push(arg);
      continue;
    }
    if (!takes(spec, command) && spec.commands !== 'all')
      throw new UsageError(
        `${name} only works with ${listWords(spec.commands)}${spec.misuseHint ? ` ${spec.misuseHint}` : ''}`,
      );
    if (spec.value === undefined) {
      spec.set(o, inline);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      value = args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
    }
    spec.set(o, value);
  }
  return o;
}

/** Velero's flags go after --; a near-miss of one of our own options gets its correct spelling. */
function unknownOptionMessage(arg: string, name: string): string {
  const near = closestWord(
    name,
    [...BY_NAME.keys()].filter((n) => n.startsWith('--')),
  );
  return near
    ? `unknown option ${arg}; did you mean ${near}? (velero's own arguments go after --)`
    : `unknown option ${arg} (velero's own arguments go after --)`;
}

/** The help lines of the options `command` takes (every option without a command). */
export function optionHelp(command?: CommandName): string {
  const lines: string[] = [];
  for (const spec of OPTIONS) {
    if (command && !takes(spec, command)) continue;
    const left = `  ${spec.names.join(', ')}${spec.value ? ` ${spec.value}` : ''}`;
    const [first = '', ...more] = spec.help.split('\n');
    const indent = ' '.repeat(35);
    if (left.length < 34) lines.push(`${left.padEnd(35)}${first}`);
    else lines.push(left, `${indent}${first}`);
    for (const m of more) lines.push(`${indent}${m}`);
  }
  return lines.join('\n') + '\n';
}
