/**
 * The contract between the plugin host and the actions it serves.
 *
 * The host (everything under src/host) speaks go-plugin and Velero's gRPC protocol and knows nothing
 * about cert-manager. Product code hands it a list of named actions built on these types; the host
 * advertises each one under its V2 kind, routes every call on the request's `plugin` field, decodes
 * and encodes items, and turns thrown errors into gRPC errors.
 */

/**
 * A Kubernetes object as Velero passes it: the unstructured JSON of the item. The host has checked the
 * types of kind, apiVersion and the well-known metadata fields (name, namespace, labels, annotations,
 * ownerReferences), so they can be read as typed. A number JavaScript cannot hold exactly (an integer
 * beyond 2^53, `1.0`, `1e400`) arrives as an object holding its exact text, which the host writes back
 * verbatim. The item is read-only: an action that changes it returns a copy.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  [field: string]: unknown;
}

/**
 * Identifies an item for Velero: canonical API group ("" for core), plural lowercase resource,
 * namespace ("" for cluster-scoped) and name. On restore the namespace is the backup namespace.
 */
export interface ResourceIdentifier {
  group: string;
  resource: string;
  namespace: string;
  name: string;
}

/** Velero's ResourceSelector: what an action's AppliesTo answers. Empty lists mean "all". */
export interface ResourceSelector {
  includedNamespaces?: string[];
  excludedNamespaces?: string[];
  includedResources?: string[];
  excludedResources?: string[];
  /** A Kubernetes label selector string; empty matches everything. */
  selector?: string;
}

/** The Velero Backup or Restore custom resource as JSON (only the parts actions read are typed). */
export interface VeleroRequestObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [field: string]: unknown;
}

export type LogFields = Record<string, unknown>;

/** A structured logger whose lines reach Velero's backup and restore logs. */
export interface ActionLogger {
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A child logger whose lines all carry `fields`. */
  with(fields: LogFields): ActionLogger;
}

export interface BackupActionInput {
  item: KubeObject;
  backup: VeleroRequestObject;
  log: ActionLogger;
}

export interface BackupActionResult {
  /**
   * The item to store. Return the input item itself when nothing changes: the host then sends back the
   * exact bytes Velero sent. Never omit it.
   */
  item: KubeObject;
  additionalItems?: ResourceIdentifier[];
  operationID?: string;
  postOperationItems?: ResourceIdentifier[];
}

export interface RestoreActionInput {
  /** The item about to be restored (Velero has already removed status and ownerReferences). */
  item: KubeObject;
  /** The item exactly as it was stored in the backup. */
  itemFromBackup: KubeObject;
  restore: VeleroRequestObject;
  log: ActionLogger;
}

export interface RestoreActionResult {
  item: KubeObject;
  additionalItems?: ResourceIdentifier[];
  skipRestore?: boolean;
  operationID?: string;
  /** Ask Velero to poll areAdditionalItemsReady before the item is created. */
  waitForAdditionalItems?: boolean;
  /** Upper bound for that wait in milliseconds; 0 or absent means Velero's --resource-timeout. */
  additionalItemsReadyTimeoutMs?: number;
}

export interface ItemsReadyInput {
  additionalItems: ResourceIdentifier[];
  restore: VeleroRequestObject;
  log: ActionLogger;
}

/** Where an asynchronous operation an action started stands (Velero polls it about every 10 s). */
export interface OperationProgress {
  completed: boolean;
  /** Set when the operation failed; Velero marks the operation Failed with this message. */
  error?: string;
  nCompleted?: number;
  nTotal?: number;
  operationUnits?: string;
  description?: string;
  started?: Date;
  updated?: Date;
}

export interface BackupOperationInput {
  operationID: string;
  backup: VeleroRequestObject;
  log: ActionLogger;
}

export interface RestoreOperationInput {
  operationID: string;
  restore: VeleroRequestObject;
  log: ActionLogger;
}

interface NamedAction {
  /** `<dns-subdomain>/<name>`, unique per kind; validated by the host at start-up. */
  name: string;
  /** One sentence for humans (README, logs). */
  description: string;
  appliesTo: ResourceSelector;
}

export interface BackupAction extends NamedAction {
  kind: 'backup';
  execute(input: BackupActionInput): Promise<BackupActionResult> | BackupActionResult;
  /** Required when execute returns an operationID: Velero polls it until completed. */
  progress?(input: BackupOperationInput): Promise<OperationProgress> | OperationProgress;
  /** Called by Velero when an operation times out. */
  cancel?(input: BackupOperationInput): Promise<void> | void;
}

export interface RestoreAction extends NamedAction {
  kind: 'restore';
  execute(input: RestoreActionInput): Promise<RestoreActionResult> | RestoreActionResult;
  /** Polled by Velero (every second) when execute returned waitForAdditionalItems. Defaults to ready. */
  areAdditionalItemsReady?(input: ItemsReadyInput): Promise<boolean> | boolean;
  /** Required when execute returns an operationID: Velero polls it until completed. */
  progress?(input: RestoreOperationInput): Promise<OperationProgress> | OperationProgress;
  /** Called by Velero when an operation times out. */
  cancel?(input: RestoreOperationInput): Promise<void> | void;
}

export type Action = BackupAction | RestoreAction;
