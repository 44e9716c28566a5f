/**
 * The end-to-end world: the tools (Velero for one release, its AWS object-store plugin, moto), the
 * plugin directories (with this project's packaged plugin, and a control without it), one object store
 * shared by every cluster, and helpers that run a backup in a source cluster and restore it into a
 * fresh cluster, collecting everything the assertions and the demo report look at.
 *
 * Everything started here is stopped by close(), also after a failure; the work directory (logs,
 * audit logs, downloaded backups) is removed unless E2E_KEEP=1 or a run failed.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAcmeServer, type AcmeServer } from './acmeWorkload.js';
import { readCreates, type CreatedObject } from './audit.js';
import { startCluster, type Cluster, type ClusterOptions } from './cluster.js';
import { startObjectStore, type ObjectStore } from './objectStore.js';
import { writeMemoryRecords, type MemoryRecord } from './memory.js';
import { cacheDir, repoRoot } from './paths.js';
import { mustRun } from './proc.js';
import { extractBackup, type BackupContents } from './tarball.js';
import { ensureAwsPlugin, ensureMoto, ensureVelero, silentProgress, type Progress } from './tools.js';
import type { VeleroRelease } from './versions.js';
import { prepareInClusterIdentity, type InClusterIdentity } from './inCluster.js';
import { cliEnv, installVelero, VELERO_NAMESPACE, VeleroServer } from './velero.js';

export type PluginMode = 'with-plugin' | 'control';

/** How World.veleroServer starts a server. */
export interface VeleroServerChoice {
  /** The server must pick up backups from the object store at once (restore side). */
  syncBackups?: boolean;
  extraServerArgs?: string[];
  /** Run the server as in a Pod: Velero's ServiceAccount through the in-cluster configuration, no kubeconfig. */
  inCluster?: boolean;
}

export interface BackupResult {
  name: string;
  phase: string;
  contents: BackupContents;
  describe: string;
  logs: string;
}

export interface RestoreResult {
  name: string;
  phase: string;
  describe: string;
  logs: string;
  /** Objects Velero created in the restore cluster, in order (from the API server's audit log). */
  creates: CreatedObject[];
  cluster: Cluster;
}

const PLUGIN_EXECUTABLE = 'velero-plugin-for-cert-manager';

/**
 * Builds the packaged plugin tree (hack/build-plugin, cached by its inputs) and returns its directory.
 * E2E_PLUGIN_TREE=<dir> uses an existing tree; E2E_PLUGIN=dev uses the unpackaged dist/src/plugin.js
 * (quick iteration only: Velero then runs it with the machine's node).
 */
async function pluginTree(workDir: string, progress: Progress): Promise<{ dir: string; dev: boolean }> {
  if (process.env.E2E_PLUGIN === 'dev') return { dir: join(repoRoot, 'dist', 'src'), dev: true };
  if (process.env.E2E_PLUGIN_TREE) return { dir: process.env.E2E_PLUGIN_TREE, dev: false };
  const out = join(workDir, 'plugin-tree');
  progress('packaging the plugin (hack/build-plugin; cached after the first run)');
  await mustRun(join(repoRoot, 'hack', 'build-plugin'), ['--out', out], { timeoutMs: 20 * 60_000 });
  return { dir: out, dev: false };
}

export class World {
  private readonly toStop: (() => Promise<void>)[] = [];
  private counter = 0;
  private readonly validatedLocations = new Set<string>();
  private readonly inClusterIdentities = new Map<string, Promise<InClusterIdentity>>();
  private acme: Promise<AcmeServer> | undefined;
  /** Servers started with the plugin, whose memory peaks close() records for the benchmark document. */
  private readonly pluginServers: VeleroServer[] = [];
  failed = false;

  private constructor(
    readonly release: VeleroRelease,
    readonly workDir: string,
    readonly velero: string,
    readonly objectStore: ObjectStore,
    readonly pluginDirs: Record<PluginMode, string>,
    readonly progress: Progress,
  ) {}

  static async create(release: VeleroRelease, progress: Progress = silentProgress): Promise<World> {
    const workDir = mkdtempSync(join(process.env.E2E_WORK_DIR ?? tmpdir(), `vcm-e2e-${release.version}-`));
    const velero = await ensureVelero(release, progress);
    const awsPlugin = await ensureAwsPlugin(progress);
    const moto = await ensureMoto(progress);
    const tree = await pluginTree(workDir, progress);

    const pluginDirs: Record<PluginMode, string> = {
      'with-plugin': join(workDir, 'plugins-with'),
      control: join(workDir, 'plugins-control'),
    };
    for (const dir of Object.values(pluginDirs)) {
      mkdirSync(dir, { recursive: true });
      copyFileSync(awsPlugin, join(dir, 'velero-plugin-for-aws'));
    }
    if (tree.dev) {
      symlinkSync(join(tree.dir, 'plugin.js'), join(pluginDirs['with-plugin'], PLUGIN_EXECUTABLE));
    } else {
      if (!existsSync(join(tree.dir, PLUGIN_EXECUTABLE)))
        throw new Error(`no ${PLUGIN_EXECUTABLE} in the plugin tree ${tree.dir}`);
      // The whole tree: the executable and its private, non-executable runtime libraries beside it.
      for (const entry of readdirSync(tree.dir))
        cpSync(join(tree.dir, entry), join(pluginDirs['with-plugin'], entry), { recursive: true });
    }
    progress('starting the object store (moto) on loopback');
    const objectStore = await startObjectStore(moto, workDir);
    const world = new World(release, workDir, velero, objectStore, pluginDirs, progress);
    world.toStop.push(() => objectStore.stop());
    return world;
  }

  /**
   * The World's one ACME CA (Pebble) and DNS server (bind9's named), started on first use and shared by
   * every cluster: like Let's Encrypt, it outlives the source cluster and sees the restore clusters' orders.
   */
  acmeServer(): Promise<AcmeServer> {
    this.acme ??= startAcmeServer(join(this.workDir, 'acme'), (m) => this.progress(`  ${m}`)).then((server) => {
      this.toStop.push(() => server.stop());
      return server;
    });
    return this.acme;
  }

  /** A new cluster (source: with cert-manager; restore: empty unless options say otherwise), stopped by close(). */
  async cluster(role: string, options: ClusterOptions): Promise<Cluster> {
    const name = `${role}-${++this.counter}`;
    this.progress(
      `starting API server "${name}"${options.withCertManager ? ' with cert-manager installed' : ' (empty)'}`,
    );
    const cluster = await startCluster(name, this.workDir, { ...options, log: (m) => this.progress(`  ${m}`) });
    this.toStop.push(() => cluster.stop());
    await installVelero(this.velero, this.release.version, cluster, this.objectStore, join(this.workDir, name));
    return cluster;
  }

  /**
   * Starts a Velero server for a cluster; stop it with the returned server's stop() (close() also does).
   * syncBackups: the server must pick up backups from the object store (restore side). Velero's backup
   * sync runs at start and then once a minute, and skips a location not yet validated; so the first
   * server of a cluster is started once to validate the location, then again to sync at once.
   */
  async veleroServer(cluster: Cluster, mode: PluginMode, options: VeleroServerChoice = {}): Promise<VeleroServer> {
    if (options.syncBackups && !this.validatedLocations.has(cluster.name)) {
      const first = await this.startVeleroServer(cluster, mode, options);
      await first.stop();
    }
    this.validatedLocations.add(cluster.name);
    return this.startVeleroServer(cluster, mode, options);
  }

  /** Velero's ServiceAccount in a cluster and the Pod's files for it, made once per cluster (inCluster.ts). */
  private inClusterIdentity(cluster: Cluster): Promise<InClusterIdentity> {
    let identity = this.inClusterIdentities.get(cluster.name);
    if (!identity) {
      const dir = join(this.workDir, cluster.name, 'in-cluster');
      identity = prepareInClusterIdentity(this.velero, cluster, VELERO_NAMESPACE, dir, cliEnv(dir));
      this.inClusterIdentities.set(cluster.name, identity);
    }
    return identity;
  }

  private async startVeleroServer(
    cluster: Cluster,
    mode: PluginMode,
    options: VeleroServerChoice,
  ): Promise<VeleroServer> {
    const label = `${cluster.name}-${mode}`;
    this.progress(
      `starting velero server ${this.release.version} for ${cluster.name} (${mode === 'control' ? 'control: no plugin' : 'with the plugin'}${options.inCluster ? ', in-cluster configuration' : ''})`,
    );
    const inCluster = options.inCluster ? await this.inClusterIdentity(cluster) : undefined;
    const server = await VeleroServer.start({
      velero: this.velero,
      cluster,
      objectStore: this.objectStore,
      pluginDir: this.pluginDirs[mode],
      workDir: join(this.workDir, cluster.name),
      label,
      extraServerArgs: options.extraServerArgs ?? [],
      ...(inCluster ? { inCluster } : {}),
    });
    this.toStop.push(() => server.stop());
    if (mode === 'with-plugin') this.pluginServers.push(server);
    return server;
  }

  /** `velero backup create NAME ARGS`, waited for; then describe --details, logs, and the downloaded tarball. */
  async backup(server: VeleroServer, name: string, args: string[], timeoutMs = 300_000): Promise<BackupResult> {
    this.progress(`velero backup create ${name} ${args.join(' ')}`);
    server.operations.push(`backup ${name}`);
    await server.mustCli(['backup', 'create', name, ...args]);
    return this.collectBackup(server, name, timeoutMs);
  }

  /** Waits for an existing backup to finish, then reads describe --details, its logs and its tarball. */
  async collectBackup(server: VeleroServer, name: string, timeoutMs = 300_000): Promise<BackupResult> {
    const phase = await server.waitForPhase('backups', name, timeoutMs);
    const describe = await server.mustCli(['backup', 'describe', name, '--details'], 60_000);
    const logs = await server.mustCli(['backup', 'logs', name], 120_000);
    const tarball = join(this.workDir, `${name}.tar.gz`);
    await server.mustCli(['backup', 'download', name, '-o', tarball, '--force'], 120_000);
    const contents = await extractBackup(tarball, join(this.workDir, `${name}-contents`));
    return { name, phase, contents, describe, logs };
  }

  /** Waits until the restore cluster's Velero has synced the backup from the object store, then restores it. */
  async restore(
    server: VeleroServer,
    cluster: Cluster,
    backupName: string,
    name: string,
    args: string[] = [],
    timeoutMs = 420_000,
  ): Promise<RestoreResult> {
    await waitForSyncedBackup(server, backupName);
    this.progress(`velero restore create ${name} --from-backup ${backupName} ${args.join(' ')}`);
    server.operations.push(`restore ${name}`);
    await server.mustCli(['restore', 'create', name, '--from-backup', backupName, ...args]);
    const phase = await server.waitForPhase('restores', name, timeoutMs);
    const describe = await server.mustCli(['restore', 'describe', name, '--details'], 60_000);
    const logs = await server.mustCli(['restore', 'logs', name], 120_000);
    const creates = readCreates(cluster.auditLog, 'velero-server').filter((c) => c.group !== 'velero.io');
    return { name, phase, describe, logs, creates, cluster };
  }

  private recordMemory(): void {
    try {
      recordMemoryFile(this.release, this.pluginServers);
    } catch (err) {
      this.progress(`could not record the memory peaks: ${(err as Error).message}`);
    }
  }

  async close(): Promise<void> {
    for (const stop of this.toStop.reverse()) {
      try {
        await stop();
      } catch {
        // keep stopping the rest
      }
    }
    this.toStop.length = 0;
    if (!this.failed) this.recordMemory();
    if (!this.failed && process.env.E2E_KEEP !== '1') rmSync(this.workDir, { recursive: true, force: true });
    else this.progress(`logs, audit logs and backups kept in ${this.workDir}`);
  }
}

/**
 * Writes the plugin servers' memory peaks where `npm run bench` reads them (hack/bench/run.mjs): the
 * real-cluster memory rows of docs/benchmarks.md. Only servers that did work count; only a passing run writes.
 */
function recordMemoryFile(release: VeleroRelease, servers: VeleroServer[]): void {
  const records: MemoryRecord[] = [];
  for (const server of servers) {
    if (!server.memoryPeaks || server.operations.length === 0) continue;
    records.push({ what: server.operations.join(', '), veleroVersion: release.version, ...server.memoryPeaks });
  }
  if (records.length === 0) return;
  const dir = join(cacheDir(), 'bench');
  mkdirSync(dir, { recursive: true });
  writeMemoryRecords(join(dir, `e2e-memory-${release.version}.json`), records);
}

async function waitForSyncedBackup(server: VeleroServer, backupName: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    server.assertRunning();
    const backup = await server.getResource('backups', backupName);
    if ((backup?.status as { phase?: string } | undefined)?.phase) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`backup ${backupName} did not appear in the restore cluster (backup sync) within 90 s`);
}
