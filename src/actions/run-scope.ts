/**
 * What the cert-manager actions share within one backup or restore ("a run"): the run's ClusterLookups,
 * its configuration (read once), the cert-manager installation (looked up once), the identifiers
 * already handed to Velero, and log lines that should appear once per run rather than once per item.
 *
 * Velero starts a plugin process per backup or restore but may run several at once and calls actions
 * concurrently, so state is keyed by the run (the Backup or Restore UID, else its name) and bounded.
 * Both the backup and the restore actions use this module.
 */
import type { ActionLogger, ResourceIdentifier, VeleroRequestObject } from '../host/action.js';
import {
  ClusterAccessError,
  type CertManagerInstallation,
  type ClusterLookups,
  type NamespacedName,
} from '../kube/types.js';
import { describeId } from '../certmanager/identifiers.js';
import { loadPluginConfig } from '../config/load.js';
import { isActionEnabled, type PluginConfig } from '../config/plugin-config.js';

/** What the action factories need from the composition root. */
export interface CertManagerActionDeps {
  /**
   * The ClusterLookups serving this Backup or Restore. Called for every item; the provider may return
   * the same object for a run (its caches then span the run) or a new one (this module keeps the first).
   */
  lookupsFor(request: VeleroRequestObject): ClusterLookups;
  /** Full names of every action the plugin serves, to check `disabledActions` against. */
  knownActionNames?: readonly string[];
  /** How long a run waits for a cluster lookup before it goes on without the cluster. Default 5 s. */
  clusterBudgetMs?: number;
}

/** See CertManagerActionDeps.clusterBudgetMs. */
export const DEFAULT_CLUSTER_BUDGET_MS = 5000;

/** A lookup the run stopped waiting for: the cluster did not answer within the run's budget. */
class ClusterBudgetExceeded extends ClusterAccessError {
  constructor(message: string) {
    super(message, 'timeout');
    this.name = 'ClusterBudgetExceeded';
  }
}

/** The installation lookup's outcome: the installation, "not installed", or "could not ask". */
export type InstallationLookup =
  | { status: 'found'; installation: CertManagerInstallation }
  | { status: 'absent' }
  | { status: 'unavailable'; reason: string };

export class RunScope {
  private configPromise: Promise<PluginConfig> | undefined;
  private installationPromise: Promise<InstallationLookup> | undefined;
  private readonly handedOut = new Set<string>();
  private readonly loggedOnce = new Set<string>();
  /** Free-form per-run state of individual actions (e.g. the webhook wait), keyed by action. */
  readonly actionState = new Map<string, unknown>();
  /**
   * The run's cluster lookups, bounded as a whole: each waits at most the run's budget, and once one
   * has gone unanswered the run stops asking (later lookups fail at once), so an API server that never
   * answers costs a backup or restore one budget, not two 10 s timeouts per item.
   */
  readonly lookups: ClusterLookups;
  private clusterGaveUp = false;
  private readonly budgetMs: number;

  constructor(
    readonly key: string,
    cluster: ClusterLookups,
    private readonly knownActionNames: readonly string[] | undefined,
    budgetMs = DEFAULT_CLUSTER_BUDGET_MS,
  ) {
    this.budgetMs = budgetMs;
    const bounded =
      <A extends unknown[], R>(what: string, call: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> =>
        this.bounded(what, () => call(...args));
    this.lookups = {
      pluginConfig: bounded('read the plugin configuration', (name?: string) => cluster.pluginConfig(name)),
      certManagerInstallation: bounded('look up the cert-manager installation', () =>
        cluster.certManagerInstallation(),
      ),
      rbacForServiceAccount: bounded('look up RBAC', (sa: NamespacedName) => cluster.rbacForServiceAccount(sa)),
      serviceHasReadyEndpoints: bounded('check endpoints', (service: NamespacedName) =>
        cluster.serviceHasReadyEndpoints(service),
      ),
    };
  }

  /** The run's one warning when the cluster does not answer, logged by whichever lookup gave up first. */
  private runLog: ActionLogger | undefined;

  private bounded<R>(what: string, call: () => Promise<R>): Promise<R> {
    if (this.clusterGaveUp)
      return Promise.reject(
        new ClusterBudgetExceeded(`cannot ${what}: the cluster did not answer earlier in this run`),
      );
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.giveUpOnCluster();
        reject(new ClusterBudgetExceeded(`cannot ${what}: no answer from the cluster within ${this.budgetMs} ms`));
      }, this.budgetMs);
      timer.unref();
      call().then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private giveUpOnCluster(): void {
    if (this.clusterGaveUp) return;
    this.clusterGaveUp = true;
    const log = this.runLog;
    if (log)
      this.warnOnce(
        'cluster-budget',
        log.with({ kind: undefined, namespace: undefined, name: undefined }),
        `the cluster did not answer within ${this.budgetMs / 1000} s; this ${this.runKind()} goes on without asking it: ` +
          "the plugin configuration's defaults, the Helm chart's names for cert-manager's objects, no webhook wait",
        { budgetMs: this.budgetMs },
      );
  }

  private runKind(): string {
    return this.key.split('/')[0] ?? 'run';
  }

  /**
   * Starts the run's two up-front lookups together (configuration and installation), so their waits
   * overlap instead of adding up.
   */
  private start(log: ActionLogger): void {
    this.runLog ??= log;
    void this.installationAnswer();
  }

  /** The installation lookup itself, started once; its outcome is logged by whoever reads it first. */
  private installationAnswer(): Promise<CertManagerInstallation | undefined> {
    if (!this.installationRequest) {
      this.installationRequest = this.lookups.certManagerInstallation();
      // Handled later by installation(); until then a failure must not count as an unhandled rejection.
      this.installationRequest.catch(() => undefined);
    }
    return this.installationRequest;
  }
  private installationRequest: Promise<CertManagerInstallation | undefined> | undefined;

  /**
   * The run's configuration, read once. A malformed value is reported once per run, as an error line
   * (Velero counts a backup's error lines in its errors, so the backup ends PartiallyFailed and `velero
   * backup describe` lists it) that names the key and the kind of value; the run then goes on with the
   * built-in defaults, so no item is lost and no Secret is forced.
   */
  config(log: ActionLogger): Promise<PluginConfig> {
    if (this.configPromise) return this.configPromise;
    this.runLog ??= log;
    // A configuration the cluster did not deliver in time is the defaults; the run's one warning says why.
    const source = {
      pluginConfig: () =>
        this.lookups.pluginConfig().catch((error: unknown) => {
          if (error instanceof ClusterBudgetExceeded) return {};
          throw error;
        }),
    };
    this.configPromise = loadPluginConfig(
      source,
      this.knownActionNames ? { knownActionNames: this.knownActionNames } : {},
    ).then(({ config, warnings, error }) => {
      for (const warning of warnings) log.warn(warning);
      if (error)
        // Without the item's fields: the problem belongs to the run, not to the item that happened to read it first.
        log
          .with({ kind: undefined, namespace: undefined, name: undefined })
          .error(
            `${error.message}. The plugin configuration is ignored for this ${this.key.split('/')[0] ?? 'run'}: every item is handled with the built-in defaults (Secrets follow the backup's filters)`,
            { key: error.key },
          );
      return config;
    });
    this.start(log);
    return this.configPromise;
  }

  /** True when the action is not listed in the configuration's `disabledActions`. */
  async enabled(actionName: string, log: ActionLogger): Promise<{ enabled: boolean; config: PluginConfig }> {
    const config = await this.config(log);
    return { enabled: isActionEnabled(config, actionName), config };
  }

  /** The live cert-manager installation, asked once per run; lookup failures are reported, not thrown. */
  installation(log: ActionLogger): Promise<InstallationLookup> {
    this.installationPromise ??= this.installationAnswer().then(
      (installation): InstallationLookup => (installation ? { status: 'found', installation } : { status: 'absent' }),
      (error: unknown): InstallationLookup => {
        const reason = error instanceof Error ? error.message : String(error);
        // A lookup the run gave up on is covered by the run's one warning.
        if (!(error instanceof ClusterBudgetExceeded))
          log.warn(
            'could not look up the cert-manager installation; falling back to configuration and chart defaults',
            { reason },
          );
        return { status: 'unavailable', reason };
      },
    );
    return this.installationPromise;
  }

  /**
   * The identifiers not yet handed out in this run, which are recorded as handed out. Velero fetches
   * every additional item from the API server before it notices a duplicate, so returning the six CRDs
   * or a shared ClusterIssuer once per run instead of once per item keeps API traffic bounded.
   */
  firstTime(ids: readonly ResourceIdentifier[], scope = ''): ResourceIdentifier[] {
    return ids.filter((id) => {
      const key = `${scope}|${describeId(id)}`;
      if (this.handedOut.has(key)) return false;
      this.handedOut.add(key);
      return true;
    });
  }

  /** Logs `message` at warn level the first time this key is seen in the run; true when it logged. */
  warnOnce(key: string, log: ActionLogger, message: string, fields?: Record<string, unknown>): boolean {
    if (this.loggedOnce.has(key)) return false;
    this.loggedOnce.add(key);
    log.warn(message, fields);
    return true;
  }
}

/** How many runs' state is kept; older runs are forgotten first (a process rarely sees more than one). */
const MAX_RUNS = 16;

export class RunScopes {
  private readonly scopes = new Map<string, RunScope>();

  constructor(private readonly deps: CertManagerActionDeps) {}

  get(request: VeleroRequestObject): RunScope {
    const key = runKey(request);
    let scope = this.scopes.get(key);
    if (scope) {
      // Re-insert so the map's order is least recently used first.
      this.scopes.delete(key);
      this.scopes.set(key, scope);
      return scope;
    }
    scope = new RunScope(key, this.deps.lookupsFor(request), this.deps.knownActionNames, this.deps.clusterBudgetMs);
    this.scopes.set(key, scope);
    while (this.scopes.size > MAX_RUNS) {
      const oldest = this.scopes.keys().next().value;
      if (oldest === undefined) break;
      this.scopes.delete(oldest);
    }
    return scope;
  }
}

/** The run's identity: `Kind/uid`, else `Kind/namespace/name`. */
function runKey(request: VeleroRequestObject): string {
  const kind = request.kind ?? 'Run';
  const uid = request.metadata?.uid;
  if (uid) return `${kind}/${uid}`;
  return `${kind}/${request.metadata?.namespace ?? ''}/${request.metadata?.name ?? ''}`;
}

/**
 * ClusterLookups for a plugin started without cluster access (no provider wired, or tests of the
 * composition): the configuration is empty and every cluster question fails as "not configured", so
 * the actions fall back to their documented defaults and the Helm chart's names.
 */
function notConfigured(): ClusterAccessError {
  return new ClusterAccessError('no cluster access configured in this plugin process', 'not-configured');
}

export const OFFLINE_LOOKUPS: ClusterLookups = {
  pluginConfig: () => Promise.resolve({}),
  certManagerInstallation: () => Promise.reject(notConfigured()),
  rbacForServiceAccount: () => Promise.reject(notConfigured()),
  serviceHasReadyEndpoints: () => Promise.reject(notConfigured()),
};
