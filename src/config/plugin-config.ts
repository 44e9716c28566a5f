/**
 * The plugin's configuration: the `data` of a ConfigMap in Velero's namespace that follows Velero's
 * plugin-config convention (label `velero.io/plugin-config: ""` plus a label naming one of our actions,
 * e.g. `velero-plugin-for-cert-manager.dev/backup-crds: BackupItemActionV2`). The Kubernetes access
 * layer finds and merges those ConfigMaps; this module only parses and validates their data.
 *
 * Every key is optional; the defaults below keep Velero's filters in charge and make a plain
 * `velero backup create` / `velero restore create` safe. A malformed value is an error that names the
 * key, so an operator's typo never silently changes what a backup contains.
 */

/** Keys of the ConfigMap data, with their meaning (the README documents them from here). */
export const CONFIG_KEYS = {
  disabledActions: 'Comma-separated action names (short, e.g. `backup-crds`, or full) that do nothing.',
  certManagerNamespace:
    'Namespace cert-manager runs in, when the plugin cannot find its controller Deployment. Default: found in the cluster, else `cert-manager`.',
  clusterResourceNamespace:
    "Where ClusterIssuer Secrets live. Default: the controller's `--cluster-resource-namespace`, else its namespace.",
  leaderElectionNamespace:
    'Namespace of the leader-election Roles, for backups taken without the plugin. Default: `kube-system`.',
  keepCertificateRequests: 'Back up and restore CertificateRequests instead of leaving them out. Default: `false`.',
  forceSecrets:
    "Back up the Secrets cert-manager objects reference even when the backup's filters exclude them. Default: `false`.",
  webhookWait:
    'Before restoring a cert-manager object, wait for a live cert-manager webhook to have ready endpoints. Default: `true`.',
  webhookWaitTimeout:
    'Upper bound of that wait, as a Go duration (`90s`, `2m`, `1m30s`); then the restore goes on with a warning. Default: `2m`.',
} as const;

export type ConfigKey = keyof typeof CONFIG_KEYS;

export interface PluginConfig {
  /** Short action names (after the `/`) that are turned off. */
  disabledActions: ReadonlySet<string>;
  certManagerNamespace?: string;
  clusterResourceNamespace?: string;
  leaderElectionNamespace?: string;
  keepCertificateRequests: boolean;
  forceSecrets: boolean;
  webhookWait: boolean;
  webhookWaitTimeoutMs: number;
}

const DEFAULT_WEBHOOK_WAIT_TIMEOUT_MS = 120_000;
/** Longer waits would hold a restore for longer than Velero's own default resource timeout (10 min). */
const MAX_WEBHOOK_WAIT_TIMEOUT_MS = 3_600_000;

export const DEFAULT_CONFIG: PluginConfig = Object.freeze({
  disabledActions: new Set<string>(),
  keepCertificateRequests: false,
  forceSecrets: false,
  webhookWait: true,
  webhookWaitTimeoutMs: DEFAULT_WEBHOOK_WAIT_TIMEOUT_MS,
});

/**
 * A malformed configuration value. The message names the key, describes the value by its kind and
 * length (never quotes it: it may be 100 KB, or text never meant for a log) and says what is accepted.
 */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`plugin configuration key "${key}": ${message}`);
    this.name = 'ConfigError';
  }
}

export interface ParsedConfig {
  config: PluginConfig;
  /** Things worth a warning that do not make the configuration unusable (unknown keys or actions). */
  warnings: string[];
}

export interface ParseOptions {
  /** Full names of the plugin's actions, to check `disabledActions` against. */
  knownActionNames?: readonly string[];
}

/**
 * Parses ConfigMap data into a configuration, applying defaults. Throws ConfigError on the first
 * malformed value.
 */
export function parsePluginConfig(data: Readonly<Record<string, string>>, options: ParseOptions = {}): ParsedConfig {
  const warnings: string[] = [];
  const config: PluginConfig = { ...DEFAULT_CONFIG, disabledActions: new Set() };
  for (const [key, raw] of Object.entries(data)) {
    if (!(key in CONFIG_KEYS)) {
      warnings.push(
        `unknown plugin configuration key "${key}" is ignored; known keys: ${Object.keys(CONFIG_KEYS).join(', ')}`,
      );
      continue;
    }
    const value = raw.trim();
    switch (key as ConfigKey) {
      case 'disabledActions':
        config.disabledActions = parseActionList(key, value, options.knownActionNames, warnings);
        break;
      case 'certManagerNamespace':
      case 'clusterResourceNamespace':
      case 'leaderElectionNamespace':
        if (value !== '') config[key as 'certManagerNamespace'] = parseNamespace(key, value);
        break;
      case 'keepCertificateRequests':
      case 'forceSecrets':
      case 'webhookWait':
        config[key as 'forceSecrets'] = parseBoolean(key, value);
        break;
      case 'webhookWaitTimeout':
        config.webhookWaitTimeoutMs = parseTimeout(key, value);
        break;
    }
  }
  return { config, warnings };
}

/** True unless the action (full name or its short part) is listed in `disabledActions`. */
export function isActionEnabled(config: PluginConfig, actionName: string): boolean {
  return !config.disabledActions.has(shortActionName(actionName));
}

function shortActionName(actionName: string): string {
  const slash = actionName.lastIndexOf('/');
  return slash < 0 ? actionName : actionName.slice(slash + 1);
}

/** What a rejected value is, without its text: "the value (a 3-character string)", "an empty value". */
function describeValue(value: string, noun = 'the value'): string {
  return value === '' ? `${noun} (empty)` : `${noun} (a ${value.length}-character string)`;
}

function parseBoolean(key: string, value: string): boolean {
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new ConfigError(key, `${describeValue(value)} is not a boolean; use "true" or "false"`);
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function parseNamespace(key: string, value: string): string {
  if (value.length > 63 || !DNS1123_LABEL.test(value)) {
    throw new ConfigError(
      key,
      `${describeValue(value)} is not a valid namespace name (lowercase letters, digits and "-", at most 63 characters)`,
    );
  }
  return value;
}

function parseActionList(
  key: string,
  value: string,
  known: readonly string[] | undefined,
  warnings: string[],
): Set<string> {
  const names = new Set<string>();
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    if (!/^[a-z0-9][-a-z0-9.]*(\/[-a-z0-9]+)?$/.test(entry)) {
      throw new ConfigError(key, `${describeValue(entry, 'an entry')} is not an action name (e.g. "backup-crds")`);
    }
    const short = shortActionName(entry);
    if (known && !known.some((name) => shortActionName(name) === short)) {
      warnings.push(
        `plugin configuration key "${key}" names unknown action "${entry}"; known: ${known.map(shortActionName).join(', ')}`,
      );
    }
    names.add(short);
  }
  return names;
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration subset that makes sense here: sequences of <number><ms|s|m|h>. */
export function parseDurationMs(value: string): number | undefined {
  if (value === '0') return 0;
  const pattern = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
    total += Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? ''] ?? NaN);
    consumed = pattern.lastIndex;
  }
  return consumed === value.length && consumed > 0 && Number.isFinite(total) ? Math.round(total) : undefined;
}

function parseTimeout(key: string, value: string): number {
  const ms = parseDurationMs(value);
  if (ms === undefined) {
    throw new ConfigError(key, `${describeValue(value)} is not a duration; write it like "90s", "2m" or "1m30s"`);
  }
  if (ms < 1000 || ms > MAX_WEBHOOK_WAIT_TIMEOUT_MS) {
    throw new ConfigError(
      key,
      `${describeValue(value)} is out of range; use between 1s and 1h (to turn the wait off, set webhookWait: "false")`,
    );
  }
  return ms;
}
