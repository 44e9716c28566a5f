/**
 * A Velero server run outside the cluster (as a plain process with a kubeconfig), and its CLI.
 *
 * The exact command line (documented in README, "End-to-end suite"):
 *   velero server --kubeconfig K --namespace velero --plugin-dir DIR --log-level info
 *     --metrics-address 127.0.0.1:PORT --profiler-address= --backup-sync-period 2s
 *     --store-validation-frequency 5s --resource-timeout 3m
 * with AWS_SHARED_CREDENTIALS_FILE pointing at a credentials file for the object store, KUBECONFIG at
 * the cluster's kubeconfig (plugins inherit it: that is how they reach the API server outside a Pod)
 * and HOME at a scratch dir (the CLI reads $HOME/.config/velero). A Deployment named "velero" must
 * exist in Velero's namespace (see installVelero). No node agent: there are no nodes, and no volumes
 * to back up. The BackupStorageLocation is created with the CLI:
 *   velero backup-location create default --provider aws --bucket velero --default
 *     --config region=us-east-1,s3ForcePathStyle=true,s3Url=http://127.0.0.1:PORT
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cluster } from './cluster.js';
import { inClusterCommand, type InClusterIdentity } from './inCluster.js';
import { apiRequest } from './kube.js';
import { MemorySampler, type MemoryPeaks } from './memory.js';
import type { ObjectStore } from './objectStore.js';
import { BackgroundProcess, freeLoopbackPort, mustRun, runCommand, waitFor, type CommandResult } from './proc.js';

export const VELERO_NAMESPACE = 'velero';

let startCount = 0;

export interface VeleroServerOptions {
  /** The velero binary (CLI and server). */
  velero: string;
  cluster: Cluster;
  objectStore: ObjectStore;
  /** Directory Velero scans for plugin executables. */
  pluginDir: string;
  /** Where logs, credentials and the CLI's HOME go. */
  workDir: string;
  /** A label for log file names, e.g. "source-with-plugin". */
  label: string;
  extraServerArgs?: string[];
  /** Run as in a Pod: in-cluster configuration instead of the kubeconfig (inCluster.ts). */
  inCluster?: InClusterIdentity;
}

/** Installs Velero's CRDs, its namespace and the BackupStorageLocation into a cluster (idempotent). */
export async function installVelero(
  velero: string,
  veleroVersion: string,
  cluster: Cluster,
  objectStore: ObjectStore,
  workDir: string,
): Promise<void> {
  const env = cliEnv(workDir);
  await mustRun(velero, ['install', '--crds-only', '--kubeconfig', cluster.kubeconfig, '--wait=false'], {
    env,
    timeoutMs: 120_000,
  });
  const ns = await apiRequest(cluster.endpoint, 'POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: VELERO_NAMESPACE },
  });
  if (ns.status !== 201 && ns.status !== 409)
    throw new Error(`creating namespace ${VELERO_NAMESPACE}: HTTP ${ns.status}`);
  // Velero's built-in pod-volume restore action reads its own Deployment ("velero") for the restore
  // helper's image when it is set up, and every restore fails without it. Outside a cluster there is
  // none, so a stand-in is created (nothing runs it: there is no controller-manager).
  const deployment = await apiRequest(
    cluster.endpoint,
    'POST',
    `/apis/apps/v1/namespaces/${VELERO_NAMESPACE}/deployments`,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'velero', namespace: VELERO_NAMESPACE, labels: { component: 'velero' } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { deploy: 'velero' } },
        template: {
          metadata: { labels: { deploy: 'velero' } },
          spec: { containers: [{ name: 'velero', image: `velero/velero:${veleroVersion}` }] },
        },
      },
    },
  );
  if (deployment.status !== 201 && deployment.status !== 409)
    throw new Error(`creating the stand-in velero Deployment: HTTP ${deployment.status}`);
  await waitFor(
    'Velero CRDs to be served',
    async () =>
      (
        await apiRequest(
          cluster.endpoint,
          'GET',
          `/apis/velero.io/v1/namespaces/${VELERO_NAMESPACE}/backupstoragelocations`,
        )
      ).status === 200,
    { timeoutMs: 60_000 },
  );
  const existing = await apiRequest(
    cluster.endpoint,
    'GET',
    `/apis/velero.io/v1/namespaces/${VELERO_NAMESPACE}/backupstoragelocations/default`,
  );
  if (existing.status === 200) return;
  await mustRun(
    velero,
    [
      'backup-location',
      'create',
      'default',
      '--provider',
      'aws',
      '--bucket',
      objectStore.bucket,
      '--default',
      '--config',
      `region=${objectStore.region},s3ForcePathStyle=true,s3Url=${objectStore.url}`,
      '--kubeconfig',
      cluster.kubeconfig,
      '--namespace',
      VELERO_NAMESPACE,
    ],
    { env, timeoutMs: 60_000 },
  );
}

export function cliEnv(workDir: string): NodeJS.ProcessEnv {
  const home = join(workDir, 'home');
  mkdirSync(home, { recursive: true });
  const credentials = join(workDir, 'object-store-credentials');
  // moto does not check keys; Velero's AWS plugin still needs some.
  writeFileSync(credentials, '[default]\naws_access_key_id = e2e\naws_secret_access_key = e2e-secret\n', {
    mode: 0o600,
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_CONFIG_FILE: join(home, 'aws-config'),
  };
  delete env.VELERO_NAMESPACE;
  delete env.KUBECONFIG;
  return env;
}

/** The file name of this project's plugin executable, as the memory sampler finds its processes. */
const PLUGIN_EXECUTABLE_NAME = 'velero-plugin-for-cert-manager';

export class VeleroServer {
  /** What this server was asked to do (`backup NAME`, `restore NAME`), for the memory records. */
  readonly operations: string[] = [];
  /** Peak memory of the server and its plugin processes, known once the server has been stopped. */
  memoryPeaks: MemoryPeaks | undefined;
  private readonly memory: MemorySampler | undefined;

  private constructor(
    readonly options: VeleroServerOptions,
    readonly logFile: string,
    private readonly process_: BackgroundProcess,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    const pid = process_.pid;
    if (pid !== undefined) this.memory = new MemorySampler(pid, PLUGIN_EXECUTABLE_NAME);
  }

  static async start(options: VeleroServerOptions): Promise<VeleroServer> {
    // KUBECONFIG: how plugins (which inherit the server's environment) reach the API server outside a Pod.
    // In a Pod (options.inCluster) there is neither: the ServiceAccount and VELERO_NAMESPACE stand in.
    const inCluster = options.inCluster;
    const env = inCluster
      ? { ...cliEnv(options.workDir), ...inCluster.env }
      : { ...cliEnv(options.workDir), KUBECONFIG: options.cluster.kubeconfig };
    // klog verbosity 4 makes client-go name the configuration it loads ("Using in-cluster configuration") on
    // stderr, before Velero hands klog to its own logger (whose info level drops verbosity 4 afterwards).
    const connection = inCluster
      ? ['--v=4']
      : ['--kubeconfig', options.cluster.kubeconfig, '--namespace', VELERO_NAMESPACE];
    const metricsPort = await freeLoopbackPort();
    const logFile = join(options.workDir, `velero-server-${options.label}-${++startCount}.log`);
    const args = [
      'server',
      ...connection,
      '--plugin-dir',
      options.pluginDir,
      '--log-level',
      'info',
      '--metrics-address',
      `127.0.0.1:${metricsPort}`,
      '--profiler-address=',
      '--backup-sync-period',
      '2s',
      '--store-validation-frequency',
      '5s',
      '--resource-timeout',
      '3m',
      ...(options.extraServerArgs ?? []),
    ];
    const command = inCluster ? inClusterCommand(inCluster, options.velero, args) : { command: options.velero, args };
    const process_ = BackgroundProcess.start(
      `velero server (${options.label})`,
      command.command,
      command.args,
      logFile,
      env,
    );
    const server = new VeleroServer(options, logFile, process_, env);
    try {
      // "Server starting..." follows plugin discovery (every plugin started, listed and stopped) and
      // precedes the controllers; before it, a killed plugin would stop the server from starting at all.
      await waitFor(
        'velero server to start (log line "Server starting...")',
        () => {
          process_.assertRunning();
          return existsSync(logFile) && readFileSync(logFile, 'utf8').includes('msg="Server starting..."');
        },
        { timeoutMs: 120_000, intervalMs: 250 },
      );
      await waitFor(
        'the BackupStorageLocation to become Available',
        async () => {
          process_.assertRunning();
          const bsl = await apiRequest(
            options.cluster.endpoint,
            'GET',
            `/apis/velero.io/v1/namespaces/${VELERO_NAMESPACE}/backupstoragelocations/default`,
          );
          return (bsl.body as { status?: { phase?: string } }).status?.phase === 'Available';
        },
        { timeoutMs: 120_000, intervalMs: 1_000 },
      );
    } catch (err) {
      await process_.stop();
      throw new Error(`${(err as Error).message}\nvelero server log (${logFile}):\n${process_.logTail(25)}`);
    }
    return server;
  }

  get pid(): number | undefined {
    return this.process_.pid;
  }

  assertRunning(): void {
    this.process_.assertRunning();
  }

  /** Runs the velero CLI against this server's cluster and namespace. */
  cli(args: string[], timeoutMs = 300_000): Promise<CommandResult> {
    return runCommand(
      this.options.velero,
      [...args, '--kubeconfig', this.options.cluster.kubeconfig, '--namespace', VELERO_NAMESPACE],
      { env: this.env, timeoutMs },
    );
  }

  async mustCli(args: string[], timeoutMs = 300_000): Promise<string> {
    const result = await this.cli(args, timeoutMs);
    if (result.code !== 0) {
      throw new Error(
        `velero ${args.join(' ')} exited ${result.code}:\n${result.stderr || result.stdout}\nserver log: ${this.logFile}`,
      );
    }
    return result.stdout;
  }

  /** Reads a Velero custom resource (backups, restores, ...) by name. */
  async getResource(resource: string, name: string): Promise<Record<string, unknown> | undefined> {
    const response = await apiRequest(
      this.options.cluster.endpoint,
      'GET',
      `/apis/velero.io/v1/namespaces/${VELERO_NAMESPACE}/${resource}/${name}`,
    );
    return response.status === 200 ? (response.body as Record<string, unknown>) : undefined;
  }

  /** Waits for a backup or restore to reach a terminal phase and returns the phase. */
  async waitForPhase(resource: 'backups' | 'restores', name: string, timeoutMs = 300_000): Promise<string> {
    const terminal = new Set(['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation']);
    return waitFor(
      `${resource}/${name} to finish`,
      async () => {
        this.process_.assertRunning();
        const object = await this.getResource(resource, name);
        const phase = (object?.status as { phase?: string } | undefined)?.phase;
        return phase && terminal.has(phase) ? phase : undefined;
      },
      { timeoutMs, intervalMs: 1_000 },
    );
  }

  stop(): Promise<void> {
    this.memoryPeaks ??= this.memory?.stop();
    return this.process_.stop(10_000);
  }
}
