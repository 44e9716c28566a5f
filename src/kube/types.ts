/**
 * What the actions need to know about the live cluster, as an interface the Kubernetes access layer
 * (src/kube, on @kubernetes/client-node) implements and the actions consume. Actions never talk to the
 * API server directly, so their logic stays pure and testable with an in-memory implementation.
 *
 * Every method may throw ClusterAccessError (API unreachable, forbidden, timeout); callers treat that as
 * "unknown", log a clear warning and carry on, never crash.
 */
import type { ResourceIdentifier } from '../host/action.js';

export interface NamespacedName {
  namespace: string;
  name: string;
}

export interface CertManagerDeployment extends NamespacedName {
  /** controller, webhook, cainjector, startupapicheck, or other (recognised by chart labels or image). */
  component: string;
  serviceAccountName: string;
}

export interface CertManagerInstallation {
  /** Namespace the controller Deployment runs in. */
  namespace: string;
  /**
   * Where ClusterIssuer Secrets live: the plugin configuration's `clusterResourceNamespace`, else the
   * controller's --cluster-resource-namespace (or its --config file), else cert-manager's own default
   * `kube-system` when the controller runs with neither, else (no controller Deployment found) the
   * installation's namespace.
   */
  clusterResourceNamespace: string;
  /** Where clusterResourceNamespace came from, for logs. */
  clusterResourceNamespaceSource: 'controller-flag' | 'controller-namespace' | 'plugin-config' | 'default';
  deployments: CertManagerDeployment[];
  /** The webhook's Service, when a webhook Deployment and Service were found. */
  webhookService?: NamespacedName;
  validatingWebhookConfigurations: string[];
  mutatingWebhookConfigurations: string[];
}

export interface ClusterLookups {
  /**
   * The plugin's configuration: data of the ConfigMaps in the Velero namespace labelled
   * `velero.io/plugin-config` and `<actionName>` (or any of our action names when actionName is absent),
   * merged. Empty when none exists.
   */
  pluginConfig(actionName?: string): Promise<Record<string, string>>;
  /** The cert-manager installation, or undefined when cert-manager is not installed. */
  certManagerInstallation(): Promise<CertManagerInstallation | undefined>;
  /**
   * The ServiceAccount itself plus every Role, RoleBinding (in any namespace, e.g. kube-system for leader
   * election), ClusterRole and ClusterRoleBinding that binds or is bound to it, as Velero identifiers.
   */
  rbacForServiceAccount(serviceAccount: NamespacedName): Promise<ResourceIdentifier[]>;
  /** True when the Service has at least one ready endpoint (EndpointSlices, falling back to Endpoints). */
  serviceHasReadyEndpoints(service: NamespacedName): Promise<boolean>;
}

export class ClusterAccessError extends Error {
  constructor(
    message: string,
    readonly reason: 'unreachable' | 'forbidden' | 'timeout' | 'not-configured' | 'other',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ClusterAccessError';
  }
}
