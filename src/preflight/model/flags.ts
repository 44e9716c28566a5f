/**
 * The velero commands the preflight understands, with every flag, its value type and pflag behaviour.
 * Source: ../shared/docs/velero-cli.md sections 1-6 (read from Velero v1.18.1, cobra v1.10.2, pflag v1.0.10), checked
 * against `velero <command> --help` of the v1.18.3 and v1.16.2 binaries; each `since` was checked against the first
 * release tag whose CLI code registers the flag (install.go BindFlags at every tag from v1.12.0).
 */

/**
 * How a flag's value is parsed and what a repetition does.
 * - bool: NoOptDefVal "true"; `--f value` does NOT consume `value`.
 * - optionalBool: Velero's OptionalBool with NoOptDefVal "true" (same parsing as bool, but nil when unset).
 * - optionalBoolValueRequired: OptionalBool WITHOUT NoOptDefVal (`--colorized`, `--skip-immediately`): bare swallows the next token.
 * - stringArray: Velero's own comma list: a repetition REPLACES the earlier value.
 * - stringSlice: pflag's CSV slice: repetitions append.
 * - map: k=v pairs (or src:dst for --namespace-mappings), merged on repetition.
 */
export type FlagType =
  | 'bool'
  | 'optionalBool'
  | 'optionalBoolValueRequired'
  | 'string'
  | 'int'
  | 'duration'
  | 'stringArray'
  | 'stringSlice'
  | 'map'
  | 'labelSelector'
  | 'orLabelSelector'
  | 'enum';

export interface FlagSpec {
  name: string;
  type: FlagType;
  shorthand?: string;
  /** Allowed values of an enum flag (case-sensitive, as Velero's flag.Enum). */
  values?: readonly string[];
  /** Map separator: '=' for most maps, ':' for --namespace-mappings. */
  mapSeparator?: '=' | ':';
  /** First Velero version that has the flag ("1.13.0"); older versions report it as unknown. */
  since?: string;
  /** Last Velero version that has it, when it was removed. */
  until?: string;
}

export function takesNoValue(flag: FlagSpec): boolean {
  return flag.type === 'bool' || flag.type === 'optionalBool';
}

export type CommandName =
  | 'backup create'
  | 'schedule create'
  | 'restore create'
  | 'install'
  | 'plugin add'
  | 'plugin remove'
  | OtherCommandName;

/** The commands whose flags and arguments the preflight checks but that create no Backup, Restore or install. */
export type OtherCommandName =
  | 'backup get'
  | 'backup describe'
  | 'backup logs'
  | 'backup download'
  | 'backup delete'
  | 'restore get'
  | 'restore describe'
  | 'restore logs'
  | 'restore delete'
  | 'schedule get'
  | 'schedule describe'
  | 'schedule delete'
  | 'schedule pause'
  | 'schedule unpause'
  | 'backup-location create'
  | 'backup-location get'
  | 'backup-location set'
  | 'backup-location delete'
  | 'snapshot-location create'
  | 'snapshot-location get'
  | 'snapshot-location set'
  | 'plugin get'
  | 'repo get'
  | 'client config get'
  | 'client config set'
  | 'completion'
  | 'debug'
  | 'uninstall'
  | 'version'
  | 'bug';

const f = (name: string, type: FlagType, extra: Partial<FlagSpec> = {}): FlagSpec => ({ name, type, ...extra });

/** Root persistent flags, including the klog flags Velero adds via AddGoFlagSet. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  f('namespace', 'string', { shorthand: 'n' }),
  f('kubeconfig', 'string'),
  f('kubecontext', 'string'),
  f('features', 'stringArray'),
  f('colorized', 'optionalBoolValueRequired'),
  f('help', 'bool', { shorthand: 'h' }),
  f('v', 'string', { shorthand: 'v' }),
  f('vmodule', 'string'),
  f('logtostderr', 'bool'),
  f('alsologtostderr', 'bool'),
  f('log_dir', 'string'),
  f('log_file', 'string'),
  f('log_file_max_size', 'int'),
  f('one_output', 'bool'),
  f('skip_headers', 'bool'),
  f('skip_log_headers', 'bool'),
  f('stderrthreshold', 'string'),
  f('add_dir_header', 'bool'),
  f('log_backtrace_at', 'string'),
  // klog v2.140.0 (Velero's go.mod from v1.18.2; v1.18.1 links v2.130.1, whose `velero --help` lacks them).
  f('alsologtostderrthreshold', 'string', { since: '1.18.2' }),
  f('legacy_stderr_threshold_behavior', 'bool', { since: '1.18.2' }),
];

const OUTPUT_FLAGS: readonly FlagSpec[] = [
  f('output', 'string', { shorthand: 'o' }),
  f('label-columns', 'stringArray', { shorthand: 'L' }),
  f('show-labels', 'bool'),
];

/** Flags shared by `backup create` and `schedule create` (BackupCreate BindFlags). */
const BACKUP_FILTER_FLAGS: readonly FlagSpec[] = [
  f('include-namespaces', 'stringArray'),
  f('exclude-namespaces', 'stringArray'),
  f('include-resources', 'stringArray'),
  f('exclude-resources', 'stringArray'),
  f('include-cluster-resources', 'optionalBool'),
  f('include-cluster-scoped-resources', 'stringArray', { since: '1.11.0' }),
  f('exclude-cluster-scoped-resources', 'stringArray', { since: '1.11.0' }),
  f('include-namespace-scoped-resources', 'stringArray', { since: '1.11.0' }),
  f('exclude-namespace-scoped-resources', 'stringArray', { since: '1.11.0' }),
  f('selector', 'labelSelector', { shorthand: 'l' }),
  f('or-selector', 'orLabelSelector', { since: '1.13.0' }),
  f('labels', 'map'),
  f('annotations', 'map', { since: '1.16.0' }),
  f('ttl', 'duration'),
  f('storage-location', 'string'),
  f('volume-snapshot-locations', 'stringSlice'),
  f('snapshot-volumes', 'optionalBool'),
  f('snapshot-move-data', 'optionalBool', { since: '1.12.0' }),
  f('default-volumes-to-fs-backup', 'optionalBool', { since: '1.10.0' }),
  f('data-mover', 'string', { since: '1.12.0' }),
  f('ordered-resources', 'string'),
  f('csi-snapshot-timeout', 'duration'),
  f('item-operation-timeout', 'duration', { since: '1.11.0' }),
  f('resource-policies-configmap', 'string', { since: '1.11.0' }),
  f('parallel-files-upload', 'int', { since: '1.13.0' }),
];

const RESTORE_FLAGS: readonly FlagSpec[] = [
  f('from-backup', 'string'),
  f('from-schedule', 'string'),
  f('allow-partially-failed', 'optionalBool'),
  f('include-namespaces', 'stringArray'),
  f('exclude-namespaces', 'stringArray'),
  f('namespace-mappings', 'map', { mapSeparator: ':' }),
  f('include-resources', 'stringArray'),
  f('exclude-resources', 'stringArray'),
  f('include-cluster-resources', 'optionalBool'),
  f('existing-resource-policy', 'string', { since: '1.9.0' }),
  f('status-include-resources', 'stringArray'),
  f('status-exclude-resources', 'stringArray'),
  f('selector', 'labelSelector', { shorthand: 'l' }),
  f('or-selector', 'orLabelSelector', { since: '1.13.0' }),
  f('restore-volumes', 'optionalBool'),
  f('preserve-nodeports', 'optionalBool'),
  f('item-operation-timeout', 'duration', { since: '1.11.0' }),
  f('resource-modifier-configmap', 'string', { since: '1.12.0' }),
  f('write-sparse-files', 'optionalBool', { since: '1.13.0' }),
  f('parallel-files-download', 'int', { since: '1.14.0' }),
  f('labels', 'map'),
  f('annotations', 'map', { since: '1.16.0' }),
  // Restore resource policies (namespaced and cluster-scoped filter policies), pkg/cmd/cli/restore/create.go at v1.18.3.
  f('resource-policies-configmap', 'string', { since: '1.18.3' }),
  f('wait', 'bool', { shorthand: 'w' }),
];

const INSTALL_FLAGS: readonly FlagSpec[] = [
  ...['provider', 'bucket', 'prefix', 'secret-file', 'image', 'service-account-name', 'cacert', 'uploader-type'].map(
    (n) => f(n, 'string'),
  ),
  f('kubelet-root-dir', 'string', { since: '1.17.0' }),
  ...[
    'no-secret',
    'no-default-backup-location',
    'dry-run',
    'wait',
    'crds-only',
    'restore-only',
    'use-node-agent',
    'default-volumes-to-fs-backup',
  ].map((n) => f(n, 'bool')),
  // install.go BindFlags per tag: these three came in 1.12.1, --schedule-skip-immediately in 1.13.0.
  ...['privileged-node-agent', 'default-snapshot-move-data', 'disable-informer-cache'].map((n) =>
    f(n, 'bool', { since: '1.12.1' }),
  ),
  f('schedule-skip-immediately', 'bool', { since: '1.13.0' }),
  f('apply', 'bool', { since: '1.18.0' }),
  f('use-node-agent-windows', 'bool', { since: '1.16.0' }),
  f('node-agent-disable-host-path', 'bool', { since: '1.17.0' }),
  f('csi-snapshot-early-frequent-polling', 'bool', { since: '1.18.1' }),
  f('use-volume-snapshots', 'bool'),
  ...['pod-annotations', 'pod-labels', 'sa-annotations', 'backup-location-config', 'snapshot-location-config'].map(
    (n) => f(n, 'map'),
  ),
  ...['velero-pod-cpu-request', 'velero-pod-mem-request', 'velero-pod-cpu-limit', 'velero-pod-mem-limit'].map((n) =>
    f(n, 'string'),
  ),
  ...[
    'node-agent-pod-cpu-request',
    'node-agent-pod-mem-request',
    'node-agent-pod-cpu-limit',
    'node-agent-pod-mem-limit',
  ].map((n) => f(n, 'string')),
  ...['default-repo-maintain-frequency', 'garbage-collection-frequency'].map((n) => f(n, 'duration')),
  f('pod-volume-operation-timeout', 'duration', { since: '1.13.0' }),
  f('plugins', 'stringArray'),
  // install's own --features is a plain string that shadows the root stringArray.
  f('features', 'string'),
  f('keep-latest-maintenance-jobs', 'int', { since: '1.14.0' }),
  f('item-block-worker-count', 'int', { since: '1.16.0' }),
  f('concurrent-backups', 'int', { since: '1.18.0' }),
  ...[
    'maintenance-job-cpu-request',
    'maintenance-job-mem-request',
    'maintenance-job-cpu-limit',
    'maintenance-job-mem-limit',
  ].map((n) => f(n, 'string', { since: '1.14.0' })),
  ...['backup-repository-configmap', 'repo-maintenance-job-configmap'].map((n) => f(n, 'string', { since: '1.15.0' })),
  f('node-agent-configmap', 'string', { since: '1.15.0' }),
  f('server-priority-class-name', 'string', { since: '1.17.0' }),
  f('node-agent-priority-class-name', 'string', { since: '1.17.0' }),
];

export interface CommandSpec {
  name: CommandName;
  /** Both spellings cobra accepts: `backup create` and `create backup`. */
  paths: readonly (readonly string[])[];
  flags: readonly FlagSpec[];
  minArgs: number;
  maxArgs: number;
  /**
   * cobra's default for a command without an `Args` check and without subcommands (legacyArgs): extra positional
   * arguments are accepted and the command never reads them. `velero install` is such a command.
   */
  extraArgsIgnored?: boolean;
  /** First Velero version that has the command; older versions report its first word as a group or unknown. */
  since?: string;
  /** Last Velero version that has it, when it was removed. */
  until?: string;
}

/** No upper bound on positional arguments (cobra's MinimumNArgs, or no Args check on a command that reads them). */
const ANY = Number.POSITIVE_INFINITY;

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'backup create',
    paths: [
      ['backup', 'create'],
      ['create', 'backup'],
    ],
    flags: [
      ...BACKUP_FILTER_FLAGS,
      f('wait', 'bool', { shorthand: 'w' }),
      f('from-schedule', 'string'),
      ...OUTPUT_FLAGS,
    ],
    minArgs: 0,
    maxArgs: 1,
  },
  {
    name: 'schedule create',
    paths: [
      ['schedule', 'create'],
      ['create', 'schedule'],
    ],
    flags: [
      ...BACKUP_FILTER_FLAGS,
      f('schedule', 'string'),
      f('use-owner-references-in-backup', 'bool'),
      f('paused', 'bool', { since: '1.10.0' }),
      f('skip-immediately', 'optionalBoolValueRequired', { since: '1.13.0' }),
      ...OUTPUT_FLAGS,
    ],
    minArgs: 1,
    maxArgs: 1,
  },
  {
    name: 'restore create',
    paths: [
      ['restore', 'create'],
      ['create', 'restore'],
    ],
    flags: [...RESTORE_FLAGS, ...OUTPUT_FLAGS],
    minArgs: 0,
    maxArgs: 1,
  },
  {
    name: 'install',
    paths: [['install']],
    flags: [...INSTALL_FLAGS, ...OUTPUT_FLAGS],
    minArgs: 0,
    maxArgs: 0,
    extraArgsIgnored: true,
  },
  {
    name: 'plugin add',
    paths: [['plugin', 'add']],
    flags: [
      f('image-pull-policy', 'enum', { values: ['Always', 'IfNotPresent', 'Never'] }),
      f('confirm', 'bool', { since: '1.14.0' }),
    ],
    minArgs: 1,
    maxArgs: 1,
  },
  { name: 'plugin remove', paths: [['plugin', 'remove']], flags: [], minArgs: 1, maxArgs: 1 },
  ...otherCommands(),
];

/**
 * Top-level words of commands the preflight does not check (the server-side commands Velero's pods run, and
 * `help`): recognised so they are not reported as unknown.
 */
export const OTHER_TOP_LEVEL = new Set([
  'help',
  'server',
  'node-agent',
  'data-mover',
  'datamover',
  'repo-maintenance',
  'pod-volume',
  'run-plugins',
]);

/** The commands `velero --help` lists (v1.12.0 to v1.18.3), for cobra's "Did you mean this?" on an unknown one. */
export const VISIBLE_TOP_LEVEL: readonly string[] = [
  'backup',
  'backup-location',
  'bug',
  'client',
  'completion',
  'create',
  'debug',
  'delete',
  'describe',
  'get',
  'help',
  'install',
  'plugin',
  'repo',
  'restore',
  'schedule',
  'snapshot-location',
  'uninstall',
  'version',
];

/** Both spellings of a resource command: `velero backup get` and `velero get backups` (or `velero get backup`). */
function spellings(group: string, verb: string, ...verbFirst: string[]): string[][] {
  return [[group, verb], ...verbFirst.map((word) => [verb, word])];
}

/**
 * The read, delete and location commands, from `velero <command> --help` of v1.18.3 and v1.16.2 and each command's
 * file at v1.12.0 to v1.15.0 (the same flags, except --skip-immediately of schedule pause and unpause, new in 1.13).
 * maxArgs ANY: a command without an Args check reads its words as names (get, describe, delete).
 */
function otherCommands(): CommandSpec[] {
  const selector = f('selector', 'labelSelector', { shorthand: 'l' });
  // get and describe take the selector as a plain string and parse it at run time.
  const selectorText = f('selector', 'string', { shorthand: 'l' });
  const tls = [f('insecure-skip-tls-verify', 'bool'), f('cacert', 'string')];
  const get = [selectorText, ...OUTPUT_FLAGS];
  const remove = [f('all', 'bool'), f('confirm', 'bool'), selector];
  const pause = [f('all', 'bool'), selector, f('skip-immediately', 'optionalBoolValueRequired', { since: '1.13.0' })];
  const credential = f('credential', 'map');
  const read = (name: OtherCommandName, paths: string[][], flags: FlagSpec[], minArgs = 0, maxArgs = ANY) => ({
    name,
    paths,
    flags,
    minArgs,
    maxArgs,
  });
  return [
    read('backup get', spellings('backup', 'get', 'backups', 'backup'), get),
    read('backup describe', spellings('backup', 'describe', 'backups', 'backup'), [
      selectorText,
      f('details', 'bool'),
      ...tls,
      f('output', 'string', { shorthand: 'o' }),
    ]),
    read('backup logs', [['backup', 'logs']], [f('timeout', 'duration'), ...tls], 1, 1),
    read(
      'backup download',
      [['backup', 'download']],
      [f('output', 'string', { shorthand: 'o' }), f('force', 'bool'), f('timeout', 'duration'), ...tls],
      1,
      1,
    ),
    read('backup delete', spellings('backup', 'delete', 'backup', 'backups'), remove),
    read('restore get', spellings('restore', 'get', 'restores', 'restore'), get),
    read('restore describe', spellings('restore', 'describe', 'restores', 'restore'), [
      selectorText,
      f('details', 'bool'),
      ...tls,
    ]),
    read('restore logs', [['restore', 'logs']], [f('timeout', 'duration'), ...tls], 1, 1),
    read('restore delete', spellings('restore', 'delete', 'restore', 'restores'), remove),
    read('schedule get', spellings('schedule', 'get', 'schedules', 'schedule'), get),
    read('schedule describe', spellings('schedule', 'describe', 'schedules', 'schedule'), [selectorText]),
    read('schedule delete', spellings('schedule', 'delete', 'schedule', 'schedules'), remove),
    read('schedule pause', [['schedule', 'pause']], pause),
    read('schedule unpause', [['schedule', 'unpause']], pause),
    read(
      'backup-location create',
      [
        ['backup-location', 'create'],
        ['create', 'backup-location'],
      ],
      [
        f('provider', 'string'),
        f('bucket', 'string'),
        credential,
        f('default', 'bool'),
        f('prefix', 'string'),
        f('backup-sync-period', 'duration'),
        f('validation-frequency', 'duration'),
        f('config', 'map'),
        f('labels', 'map'),
        f('cacert', 'string'),
        f('access-mode', 'enum', { values: ['ReadWrite', 'ReadOnly'] }),
        ...OUTPUT_FLAGS,
      ],
      1,
      1,
    ),
    read('backup-location get', spellings('backup-location', 'get', 'backup-locations', 'backup-location'), [
      f('default', 'bool'),
      ...get,
    ]),
    read(
      'backup-location set',
      [['backup-location', 'set']],
      [f('cacert', 'string'), credential, f('default', 'optionalBool')],
      1,
      1,
    ),
    read(
      'backup-location delete',
      spellings('backup-location', 'delete', 'backup-location', 'backup-locations'),
      remove,
    ),
    read(
      'snapshot-location create',
      [
        ['snapshot-location', 'create'],
        ['create', 'snapshot-location'],
      ],
      [f('provider', 'string'), f('config', 'map'), f('labels', 'map'), credential, ...OUTPUT_FLAGS],
      1,
      1,
    ),
    read(
      'snapshot-location get',
      spellings('snapshot-location', 'get', 'snapshot-locations', 'snapshot-location'),
      get,
    ),
    read('snapshot-location set', [['snapshot-location', 'set']], [credential], 1, 1),
    read('plugin get', spellings('plugin', 'get', 'plugins', 'plugin'), [
      f('output', 'string', { shorthand: 'o' }),
      f('timeout', 'duration'),
    ]),
    read('repo get', [['repo', 'get']], get),
    read('client config get', [['client', 'config', 'get']], []),
    read('client config set', [['client', 'config', 'set']], [], 1, ANY),
    read('completion', [['completion']], [], 1, 1),
    {
      ...read(
        'debug',
        [['debug']],
        [f('output', 'string'), f('backup', 'string'), f('restore', 'string'), f('verbose', 'bool')],
      ),
      extraArgsIgnored: true,
    },
    { ...read('uninstall', [['uninstall']], [f('wait', 'bool'), f('force', 'bool')]), extraArgsIgnored: true },
    { ...read('version', [['version']], [f('client-only', 'bool'), f('timeout', 'duration')]), extraArgsIgnored: true },
    { ...read('bug', [['bug']], []), extraArgsIgnored: true },
  ];
}
