/**
 * ClusterAccess: the plugin's one way to ask the cluster things, implementing ClusterLookups.
 *
 * Answers are cached per Velero operation (key: the Backup's or Restore's uid), so a backup of 10,000
 * items makes a bounded number of API requests: each lookup is a handful of cluster-wide lists made
 * once per operation, whatever the number of items. Failures are cached too, for `failureRetryMs`, so an
 * unreachable API server costs one timeout per lookup per interval instead of one per item. Endpoint
 * readiness, which a restore waits on, is cached only for `readinessTtlMs`.
 */
import type { ResourceIdentifier, VeleroRequestObject } from '../host/action.js';
import { loadKubeApis, type KubeApis, type KubeConfigSource, type LoadOptions } from './client.js';
import { endpointsHaveReadyAddress, SERVICE_NAME_LABEL, slicesHaveReadyEndpoint } from './endpoints.js';
import { httpStatusOf, toClusterAccessError } from './errors.js';
import { controllerConfigMapName, describeInstallation, describeDeployments } from './installation.js';
import { mergePluginConfig, PLUGIN_CONFIG_LABEL } from './plugin-config.js';
import { rbacIdentifiers } from './rbac.js';
import type {
  BindingShape,
  ConfigMapShape,
  DeploymentShape,
  ServiceShape,
  WebhookConfigurationShape,
} from './shapes.js';
import { ClusterAccessError, type CertManagerInstallation, type ClusterLookups, type NamespacedName } from './types.js';

export interface ClusterAccessOptions extends LoadOptions {
  /** Velero's namespace, where the plugin's ConfigMaps live. Default: $VELERO_NAMESPACE, else `velero`. */
  veleroNamespace?: string;
  /** Upper bound of one API request. Default 10 s. */
  requestTimeoutMs?: number;
  /** How long a failed lookup is answered from cache before it is tried again. Default 30 s. */
  failureRetryMs?: number;
  /** How long an endpoint-readiness answer is reused. Default 2 s. */
  readinessTtlMs?: number;
  /** How many operations' caches are kept (least recently used dropped). Default 8. */
  maxOperations?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Replaces loading the client (tests of caching and errors). */
  loadApis?: () => Promise<KubeApis>;
  /**
   * Told once per loaded configuration where it came from, so an operator can see in the logs whether the
   * plugin talks to the cluster as the Velero Pod's ServiceAccount (in-cluster) or through a kubeconfig.
   */
  onConnected?: (connection: { source: KubeConfigSource; server: string }) => void;
}

const LIST_PAGE_SIZE = 500;
const MAX_PAGES = 200;

/** One page of a Kubernetes list call: the items and the continue token of the next page. */
type ListPage<T> = (
  apis: KubeApis,
  cont: string | undefined,
  limit: number,
) => Promise<{ items: T[]; metadata?: { _continue?: string } }>;

interface CacheEntry {
  promise: Promise<unknown>;
  createdAt: number;
  failedAt?: number;
}

export class ClusterAccess {
  /** API requests sent so far (every page of a list counts), for logs and tests. */
  requestCount = 0;
  private apis: Promise<KubeApis> | undefined;
  private apisFailedAt: number | undefined;
  private readonly operations = new Map<string, OperationLookups>();
  readonly veleroNamespace: string;
  readonly requestTimeoutMs: number;
  readonly failureRetryMs: number;
  readonly readinessTtlMs: number;
  readonly now: () => number;

  constructor(private readonly options: ClusterAccessOptions = {}) {
    const env = options.env ?? process.env;
    const fromEnv = env.VELERO_NAMESPACE;
    this.veleroNamespace = options.veleroNamespace ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : 'velero');
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.failureRetryMs = options.failureRetryMs ?? 30_000;
    this.readinessTtlMs = options.readinessTtlMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  /** The lookups of one Velero Backup or Restore (by its uid); the same object for the same uid. */
  forOperation(operationUid: string): ClusterLookups {
    let lookups = this.operations.get(operationUid);
    if (lookups) {
      // Re-insert: Map order is the LRU order.
      this.operations.delete(operationUid);
    } else {
      lookups = new OperationLookups(this);
    }
    this.operations.set(operationUid, lookups);
    const max = this.options.maxOperations ?? 8;
    for (const oldest of this.operations.keys()) {
      if (this.operations.size <= max) break;
      this.operations.delete(oldest);
    }
    return lookups;
  }

  /** Runs one API request with the timeout, counting it and translating its errors. */
  async request<T>(what: string, call: (apis: KubeApis) => Promise<T>): Promise<T> {
    const apis = await this.getApis();
    this.requestCount++;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new ClusterAccessError(
            `cannot ${what}: no answer from ${apis.server} within ${this.requestTimeoutMs} ms`,
            'timeout',
          ),
        );
      }, this.requestTimeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([call(apis), timeout]);
    } catch (err) {
      throw toClusterAccessError(err, what);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Every item of a list, page by page. */
  async listAll<T>(what: string, page: ListPage<T>): Promise<T[]> {
    const items: T[] = [];
    let cont: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const result = await this.request(what, (apis) => page(apis, cont, LIST_PAGE_SIZE));
      items.push(...result.items);
      const next = result.metadata?._continue;
      cont = next !== undefined && next !== '' ? next : undefined;
      if (!cont) return items;
    }
    throw new ClusterAccessError(`cannot ${what}: more than ${MAX_PAGES * LIST_PAGE_SIZE} objects`, 'other');
  }

  private getApis(): Promise<KubeApis> {
    if (this.apis && this.apisFailedAt !== undefined && this.now() - this.apisFailedAt >= this.failureRetryMs)
      this.apis = undefined;
    if (!this.apis) {
      this.apisFailedAt = undefined;
      const load = this.options.loadApis ?? (() => loadKubeApis(this.options));
      this.apis = load();
      this.apis.then(
        ({ source, server }) => this.options.onConnected?.({ source, server }),
        () => (this.apisFailedAt = this.now()),
      );
    }
    return this.apis;
  }
}

/** The cached lookups of one operation. */
class OperationLookups implements ClusterLookups {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly access: ClusterAccess) {}

  pluginConfig(actionName?: string): Promise<Record<string, string>> {
    return this.pluginConfigMaps().then((maps) => mergePluginConfig(maps, actionName));
  }

  async certManagerInstallation(): Promise<CertManagerInstallation | undefined> {
    return this.memo('installation', async () => {
      const deployments = await this.deployments();
      const found = describeDeployments(deployments);
      if (found.length === 0) return undefined;
      const [validating, mutating] = await Promise.all([
        this.list<WebhookConfigurationShape>('validating', 'list validatingwebhookconfigurations', (a, cont, limit) =>
          a.admission.listValidatingWebhookConfiguration({ _continue: cont, limit }),
        ),
        this.list<WebhookConfigurationShape>('mutating', 'list mutatingwebhookconfigurations', (a, cont, limit) =>
          a.admission.listMutatingWebhookConfiguration({ _continue: cont, limit }),
        ),
      ]);
      const webhook = found.find((d) => d.component === 'webhook');
      // The Services are needed only when no webhook configuration names the webhook's Service.
      const configsNameService = [...validating, ...mutating].some((c) =>
        (c.webhooks ?? []).some((w) => w.clientConfig?.service),
      );
      const services = webhook && !configsNameService ? await this.services(webhook.namespace) : [];
      const controller = found.find((d) => d.component === 'controller');
      const controllerObject = controller
        ? deployments.find((d) => d.metadata?.namespace === controller.namespace && d.metadata.name === controller.name)
        : undefined;
      // The plugin's configuration is optional here: unreadable means not set.
      const pluginConfig: Record<string, string> = await this.pluginConfig().catch(() => ({}));
      const configured = pluginConfig.clusterResourceNamespace;
      return describeInstallation({
        deployments,
        validating,
        mutating,
        services,
        configFileClusterResourceNamespace: controllerObject
          ? await this.configFileClusterResourceNamespace(controllerObject)
          : undefined,
        pluginConfigClusterResourceNamespace: configured !== undefined && configured !== '' ? configured : undefined,
      });
    });
  }

  async rbacForServiceAccount(serviceAccount: NamespacedName): Promise<ResourceIdentifier[]> {
    const [clusterRoleBindings, roleBindings] = await Promise.all([
      this.list<BindingShape>('clusterrolebindings', 'list clusterrolebindings', (a, cont, limit) =>
        a.rbac.listClusterRoleBinding({ _continue: cont, limit }),
      ),
      this.list<BindingShape>('rolebindings', 'list rolebindings in all namespaces', (a, cont, limit) =>
        a.rbac.listRoleBindingForAllNamespaces({ _continue: cont, limit }),
      ),
    ]);
    return rbacIdentifiers(serviceAccount, clusterRoleBindings, roleBindings);
  }

  serviceHasReadyEndpoints(service: NamespacedName): Promise<boolean> {
    const key = `ready:${service.namespace}/${service.name}`;
    return this.memo(
      key,
      async () => {
        const slices = await this.access.listAll(
          `list endpointslices of service ${service.namespace}/${service.name}`,
          (a, cont, limit) =>
            a.discovery.listNamespacedEndpointSlice({
              namespace: service.namespace,
              labelSelector: `${SERVICE_NAME_LABEL}=${service.name}`,
              _continue: cont,
              limit,
            }),
        );
        if (slices.length > 0) return slicesHaveReadyEndpoint(slices);
        try {
          const endpoints = await this.access.request(`get endpoints ${service.namespace}/${service.name}`, (a) =>
            a.core.readNamespacedEndpoints({ namespace: service.namespace, name: service.name }),
          );
          return endpointsHaveReadyAddress(endpoints);
        } catch (err) {
          if (httpStatusOf((err as Error).cause) === 404) return false;
          throw err;
        }
      },
      this.access.readinessTtlMs,
    );
  }

  private pluginConfigMaps(): Promise<ConfigMapShape[]> {
    const namespace = this.access.veleroNamespace;
    return this.list<ConfigMapShape>(
      'plugin-config',
      `list plugin-config ConfigMaps in namespace ${namespace}`,
      (a, cont, limit) =>
        a.core.listNamespacedConfigMap({ namespace, labelSelector: PLUGIN_CONFIG_LABEL, _continue: cont, limit }),
    );
  }

  private deployments(): Promise<DeploymentShape[]> {
    return this.list<DeploymentShape>('deployments', 'list deployments.apps in all namespaces', (a, cont, limit) =>
      a.apps.listDeploymentForAllNamespaces({ _continue: cont, limit }),
    );
  }

  private services(namespace: string): Promise<ServiceShape[]> {
    return this.list<ServiceShape>(
      `services:${namespace}`,
      `list services in namespace ${namespace}`,
      (a, cont, limit) => a.core.listNamespacedService({ namespace, _continue: cont, limit }),
    );
  }

  /** clusterResourceNamespace from the controller's --config file (a ConfigMap), when it has one. */
  private async configFileClusterResourceNamespace(controller: DeploymentShape): Promise<string | undefined> {
    const name = controllerConfigMapName(controller);
    const namespace = controller.metadata?.namespace;
    if (!name || !namespace) return undefined;
    let configMap: ConfigMapShape;
    try {
      configMap = await this.access.request(`get configmap ${namespace}/${name}`, (a) =>
        a.core.readNamespacedConfigMap({ namespace, name }),
      );
    } catch {
      // Unreadable config: the flag-less default is the best remaining answer.
      return undefined;
    }
    const yaml = await import('js-yaml');
    for (const text of Object.values(configMap.data ?? {})) {
      try {
        const parsed = yaml.load(text) as { clusterResourceNamespace?: unknown } | undefined;
        if (typeof parsed?.clusterResourceNamespace === 'string' && parsed.clusterResourceNamespace)
          return parsed.clusterResourceNamespace;
      } catch {
        // not YAML: ignore that key
      }
    }
    return undefined;
  }

  private list<T>(key: string, what: string, page: ListPage<unknown>): Promise<T[]> {
    return this.memo(`list:${key}`, () => this.access.listAll(what, page) as Promise<T[]>);
  }

  /** The cached answer for `key`, computed once; failures are retried after failureRetryMs, others after `ttlMs` if given. */
  private memo<T>(key: string, compute: () => Promise<T>, ttlMs?: number): Promise<T> {
    const now = this.access.now();
    const entry = this.cache.get(key);
    const fresh =
      entry &&
      (entry.failedAt === undefined || now - entry.failedAt < this.access.failureRetryMs) &&
      (ttlMs === undefined ||
        now - entry.createdAt < ttlMs ||
        (entry.failedAt !== undefined && now - entry.failedAt < this.access.failureRetryMs));
    if (fresh) return entry.promise as Promise<T>;
    const created: CacheEntry = { promise: compute(), createdAt: now };
    created.promise.catch(() => (created.failedAt = this.access.now()));
    this.cache.set(key, created);
    return created.promise as Promise<T>;
  }
}

/**
 * For the composition root: one ClusterAccess for the plugin process, and the lookups of each Velero
 * Backup or Restore keyed by its uid (its namespace/name when a request carries no uid).
 */
export function createLookupsProvider(
  options: ClusterAccessOptions = {},
): (request: VeleroRequestObject) => ClusterLookups {
  const access = new ClusterAccess(options);
  return (request) => {
    const meta = request.metadata;
    const key = meta?.uid ?? `${meta?.namespace ?? ''}/${meta?.name ?? ''}`;
    return access.forOperation(key);
  };
}
