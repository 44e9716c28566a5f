/**
 * The resolved specs rules evaluate: what Velero would put into the Backup / Schedule / Restore object
 * (from a command line or a manifest), plus server, install and plugin facts. A rule never looks at raw
 * text; command-line-only rules also get the parsed argv.
 */
import type { ParsedCommand, SourceLocation } from './parse/pflag.js';
import type { Version } from './version.js';

export interface BackupSpec {
  includedNamespaces?: string[];
  excludedNamespaces?: string[];
  includedResources?: string[];
  excludedResources?: string[];
  includeClusterResources?: boolean;
  includedClusterScopedResources?: string[];
  excludedClusterScopedResources?: string[];
  includedNamespaceScopedResources?: string[];
  excludedNamespaceScopedResources?: string[];
  labelSelector?: unknown;
  orLabelSelectors?: unknown[];
  ttl?: string;
  resourcePolicy?: { kind?: string; name?: string };
  /** Field name -> the fields whose value contains a shell expansion the preflight cannot evaluate. */
  unknownFields?: string[];
}

export interface RestoreSpec {
  backupName?: string;
  scheduleName?: string;
  includedNamespaces?: string[];
  excludedNamespaces?: string[];
  includedResources?: string[];
  excludedResources?: string[];
  includeClusterResources?: boolean;
  namespaceMapping?: Record<string, string>;
  labelSelector?: unknown;
  orLabelSelectors?: unknown[];
  existingResourcePolicy?: string;
  restoreStatus?: { includedResources?: string[]; excludedResources?: string[] };
  /** Only a command line can carry this: Velero drops status excludes when there are no status includes. */
  statusExcludesDropped?: string[];
  allowPartiallyFailed?: boolean;
  unknownFields?: string[];
}

export type SubjectKind =
  | 'backup'
  | 'schedule'
  | 'restore'
  | 'install'
  | 'plugin-add'
  | 'plugin-remove'
  | 'server'
  | 'plugin-config'
  | 'resource-policy'
  | 'other';

export interface Subject {
  kind: SubjectKind;
  origin: 'command' | 'manifest';
  /** Where the command or the manifest document starts. */
  location: SourceLocation;
  /** Location of a spec field, by field name (`includedNamespaces`, `spec.template.ttl`...). */
  fieldLocations: Record<string, SourceLocation>;
  name?: string;
  /** The Velero namespace the object or command targets (metadata.namespace or -n). */
  namespace?: string;
  command?: ParsedCommand;
  backup?: BackupSpec;
  restore?: RestoreSpec;
  /** A Schedule's cron expression (spec.schedule or --schedule). */
  cron?: string;
  /** Server arguments (Deployment container args, Helm values). */
  serverArgs?: { restoreResourcePriorities?: string; features?: string };
  /** `velero install` / Helm facts. */
  install?: {
    plugins: string[];
    features?: string;
    dryRun: boolean;
    output?: string;
    /** `--crds-only`: only the CustomResourceDefinitions are installed, no server, no node-agent. */
    crdsOnly?: boolean;
  };
  pluginImage?: string;
  pluginConfig?: { labels: Record<string, string>; namespace?: string; data: Record<string, string> };
  /** A ConfigMap whose data looks like a Velero resource policy (kind `resource-policy`), read by `policy.ts`. */
  policyConfigMap?: PolicyConfigMap;
  /**
   * A Backup, Schedule or Restore manifest's spec as written (for a Schedule its template) and where it sits in the
   * document (`spec`, `spec.template`, `schedules.NAME.template`): the engine prints it with the fixes applied.
   */
  manifestSpec?: { path: string[]; value: Record<string, unknown> };
  /** Rules suppressed for this subject, with the reason given (inline directive or annotation). */
  suppressions: Suppression[];
}

/** A ConfigMap that may hold a Velero resource policy (`--resource-policies-configmap`, `spec.resourcePolicy`). */
export interface PolicyConfigMap {
  name: string;
  namespace?: string;
  data: Record<string, string>;
  /** Per data key: its value decoded as YAML when the manifest was read (manifests.ts owns the YAML parser). */
  documents: Record<string, PolicyDocument>;
  /** Per data key: where its value's first line is in the file (a block scalar starts on the line after the key). */
  dataLocations: Record<string, SourceLocation>;
}

/** A data value read as a YAML document: its first document, none at all (Go's io.EOF), or the syntax error. */
export type PolicyDocument = { value: unknown } | { empty: true } | { error: string; line?: number };

export interface Suppression {
  rules: string[];
  reason: string;
  location: SourceLocation;
  via: 'comment' | 'annotation';
}

/** Facts from a live cluster; optional and additive (a later "cluster mode" fills them). */
export interface ClusterFacts {
  namespacesLabelledExcludeFromBackup?: string[];
  certManagerPreinstalled?: boolean;
  /** The namespace whose ConfigMaps were all read (Velero's): a resource policy missing there does not exist. */
  configMapsReadIn?: string;
}

export interface LintContext {
  veleroVersion: Version;
  pluginInstalled: boolean;
  veleroNamespace: string;
  /**
   * Whether veleroNamespace is known (the preflight's option or config file, the velero client config,
   * VELERO_NAMESPACE, or the live cluster) rather than the default `velero`: only then is a `-n` or
   * metadata.namespace that differs from it a mistake rather than the user telling where Velero runs.
   */
  veleroNamespaceKnown?: boolean;
  /** cert-manager's --cluster-resource-namespace (where ClusterIssuer Secrets live). */
  clusterResourceNamespace: string;
  /** Images to count as this plugin besides those named `…/velero-plugin-for-cert-manager` (`--plugin-image`). */
  pluginImages?: readonly string[];
  cluster?: ClusterFacts;
  /**
   * The resource-policy ConfigMaps among the inputs (the engine fills this from the subjects it lints), so a
   * Backup or Schedule that names one is checked against its policy; undefined when there are none.
   */
  resourcePolicyConfigMaps?: readonly PolicyConfigMap[];
}
