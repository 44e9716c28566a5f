/**
 * The scenarios of the cert-manager backup guide, each runnable with the plugin and as a control
 * without it. Used by the e2e tests (test/e2e/*.test.ts) and by `npm run demo`.
 */
import type { Cluster } from './cluster.js';
import { loadShop } from './fixtures.js';
import type { BackupResult, PluginMode, RestoreResult, VeleroServerChoice, World } from './world.js';

/** Runs several backups of the source cluster with one Velero server (with the plugin or without it). */
export async function backups(
  world: World,
  source: Cluster,
  mode: PluginMode,
  specs: { name: string; args: string[]; prepare?: () => Promise<void> }[],
  serverChoice: VeleroServerChoice = {},
): Promise<Record<string, BackupResult>> {
  const server = await world.veleroServer(source, mode, serverChoice);
  const results: Record<string, BackupResult> = {};
  try {
    for (const spec of specs) {
      await spec.prepare?.();
      results[spec.name] = await world.backup(server, `${spec.name}-${mode}`, spec.args);
    }
  } finally {
    await server.stop();
  }
  return results;
}

/** Restores a backup into a fresh, empty cluster with its own Velero server. */
export async function restoreIntoFreshCluster(
  world: World,
  mode: PluginMode,
  backup: BackupResult,
  restoreArgs: string[] = [],
): Promise<RestoreResult> {
  const target = await world.cluster('restore', { withCertManager: false });
  const server = await world.veleroServer(target, mode, { syncBackups: true });
  try {
    return await world.restore(server, target, backup.name, backup.name, restoreArgs);
  } finally {
    await server.stop();
    // Done with it (its state directory, with the audit log, stays until the world closes).
    await target.stop();
  }
}

/** A source cluster with cert-manager installed and the shop workload loaded. */
export async function sourceCluster(world: World): Promise<Cluster> {
  const cluster = await world.cluster('source', { withCertManager: true });
  world.progress(
    'loading the cert-manager workload (namespace shop, ClusterIssuer, ephemeral kinds, shim Certificate)',
  );
  await loadShop(cluster.endpoint);
  return cluster;
}
