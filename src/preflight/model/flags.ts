/**
 * The velero commands the preflight understands, with every flag, its value type and pflag behaviour.
 * Source: ../shared/docs/velero-cli.md sections 1-6 (read from Velero v1.18.1, cobra v1.10.2, pflag v1.0.10);
 * each `since` was checked against the first release tag whose CLI code registers the flag.
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
  'backup create' | 'schedule create' | 'restore create' | 'install' | 'plugin add' | 'plugin remove';

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
  ...[
    'provider',
    'bucket',
    'prefix',
    'secret-file',
    'image',
    'service-account-name',
    'cacert',
    'uploader-type',
    'kubelet-root-dir',
  ].map((n) => f(n, 'string')),
  ...[
    'no-secret',
    'no-default-backup-location',
    'dry-run',
    'wait',
    'crds-only',
    'restore-only',
    'use-node-agent',
    'privileged-node-agent',
    'default-volumes-to-fs-backup',
    'default-snapshot-move-data',
    'disable-informer-cache',
    'schedule-skip-immediately',
  ].map((n) => f(n, 'bool')),
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
  ...['default-repo-maintain-frequency', 'garbage-collection-frequency', 'pod-volume-operation-timeout'].map((n) =>
    f(n, 'duration'),
  ),
  f('plugins', 'stringArray'),
  // install's own --features is a plain string that shadows the root stringArray.
  f('features', 'string'),
  f('keep-latest-maintenance-jobs', 'int'),
  f('item-block-worker-count', 'int', { since: '1.16.0' }),
  f('concurrent-backups', 'int', { since: '1.18.0' }),
  ...[
    'maintenance-job-cpu-request',
    'maintenance-job-mem-request',
    'maintenance-job-cpu-limit',
    'maintenance-job-mem-limit',
  ].map((n) => f(n, 'string')),
  ...['backup-repository-configmap', 'repo-maintenance-job-configmap'].map((n) => f(n, 'string')),
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
}

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
];

/** Top-level velero commands the preflight does not model: recognised so they are not reported as unknown. */
export const OTHER_TOP_LEVEL = new Set([
  'backup',
  'schedule',
  'restore',
  'create',
  'delete',
  'describe',
  'get',
  'logs',
  'plugin',
  'backup-location',
  'snapshot-location',
  'client',
  'completion',
  'debug',
  'help',
  'repo',
  'uninstall',
  'version',
  'bug',
  'datamover',
  'node-agent',
  'server',
  'repo-maintenance',
]);
