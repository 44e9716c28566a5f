/**
 * The outcome scenario, shared by the e2e test (test/e2e/outcome.test.ts) and `npm run demo`: a source
 * cluster where cert-manager's real controller issues the live workload, three full backups (with the
 * plugin; the control, no plugin; the guide's manual recipe, no plugin), each restored into a fresh
 * cluster where cert-manager is installed and its controller already runs (timing b), then counted. In
 * both clusters the controller runs as cert-manager's ServiceAccount with leader election, as the chart
 * deploys it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acmeControllerOptions, loadAcmeWorkload, type AcmeServer } from './acmeWorkload.js';
import {
  checkShimFollows,
  countOutcome,
  LIVE_NAMESPACE,
  loadLiveWorkload,
  requestsCreatedByController,
  snapshot,
  waitUntilSettled,
  type OutcomeColumn,
  type OutcomeSnapshot,
} from './outcome.js';
import type { Cluster, RunningController } from './cluster.js';
import type { VeleroServer } from './velero.js';
import { serviceAccountKubeconfig } from './kube.js';
import { backups } from './scenarios.js';
import { startLiveChartWebhook } from './chartWebhook.js';
import type { PluginMode, World } from './world.js';

/** The guide's manual recipe for a backup without the plugin. */
export const RECIPE_ARGS = [
  '--include-cluster-resources=true',
  '--exclude-resources',
  'orders.acme.cert-manager.io,challenges.acme.cert-manager.io,certificaterequests.cert-manager.io',
];

const COLUMNS: { column: string; mode: PluginMode; backup: string; args: string[] }[] = [
  { column: 'with plugin', mode: 'with-plugin', backup: 'outcome', args: [] },
  { column: 'control', mode: 'control', backup: 'outcome', args: [] },
  { column: 'recipe', mode: 'control', backup: 'outcome-recipe', args: RECIPE_ARGS },
];

/** How long the restore cluster must stay calm (all Ready, nothing pending) before counting. */
const SETTLE_MS = 15_000;
/** How long ingress-shim gets to follow a host change of the restored Ingress. */
const SHIM_BOUND_MS = 20_000;
/**
 * How long the restore cluster gets to settle. A restored request that can never be signed (the control's
 * SelfSigned request, whose temporary key Secret is gone) keeps it unsettled: then the counts are taken at
 * this bound and the table shows the pending request.
 */
const SETTLE_TIMEOUT_MS = 60_000;

export interface OutcomeOptions {
  /** Which cert-manager controller runs in both clusters: the pinned release (default) or the older one. */
  certManager?: 'pinned' | 'old';
}

export interface OutcomeRun {
  atBackup: OutcomeSnapshot;
  columns: OutcomeColumn[];
}

/**
 * Starts the controller as the chart deploys it: as cert-manager's own ServiceAccount (a bound token from
 * the TokenRequest API), leader election on the chart's Lease in kube-system, gateway-shim on. So missing
 * RBAC shows as the failure it causes in a real cluster.
 */
async function startChartController(
  cluster: Cluster,
  release: 'pinned' | 'old',
  acme: AcmeServer,
): Promise<RunningController> {
  const kubeconfig = await serviceAccountKubeconfig(
    cluster.endpoint,
    'cert-manager',
    'cert-manager',
    join(cluster.stateDir, 'cert-manager-sa.kubeconfig'),
  );
  return cluster.startCertManagerController({
    kubeconfig,
    leaderElect: true,
    enableGatewayApi: true,
    release,
    ...acmeControllerOptions(acme),
  });
}

/** A restore cluster made ready for one column: cert-manager installed and running, Velero's server started. */
interface RestoreSide {
  target: Cluster;
  server: VeleroServer;
  stop(): Promise<void>;
}

/**
 * Velero's server starts only once `backupsMade` has settled: a new server syncs the backups from the object
 * store at its start and then only a minute later (hack/e2e/README.md), so it must not start before they exist.
 */
async function prepareRestoreSide(
  world: World,
  mode: PluginMode,
  release: 'pinned' | 'old',
  acme: AcmeServer,
  backupsMade: Promise<unknown>,
): Promise<RestoreSide> {
  const target = await world.cluster('outcome-restore', { withCertManager: true, webhook: 'enforce' });
  const stops: (() => Promise<void>)[] = [() => target.stop()];
  const stop = async (): Promise<void> => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    // cert-manager runs before the restore (timing b): its real webhook is live (so the plugin's bounded
    // wait for it ends at once and it admits what Velero restores), then its controller starts.
    const webhook = await startLiveChartWebhook(target);
    stops.push(() => webhook.stop());
    const controller = await startChartController(target, release, acme);
    stops.push(() => controller.stop());
    await backupsMade;
    const server = await world.veleroServer(target, mode, { syncBackups: true });
    stops.push(() => server.stop());
    return { target, server, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * The source cluster: the live workload issued by the real controller, then the backups of every column.
 * `issued` is called once the workload is issued and snapshotted, before the backups.
 */
async function issueAndBackUp(
  world: World,
  release: 'pinned' | 'old',
  acme: AcmeServer,
  issued: () => void,
): Promise<{ atBackup: OutcomeSnapshot; made: Record<string, string> }> {
  // The chart's webhook configurations as rendered (no opt-in selector): cert-manager's real webhook admits
  // every cert-manager write, the controller's and Velero's, as in a cluster.
  const source = await world.cluster('outcome-source', { withCertManager: true, webhook: 'enforce' });
  const sourceWebhook = await startLiveChartWebhook(source);
  const sourceController = await startChartController(source, release, acme);
  const made: Record<string, string> = {};
  try {
    world.progress(
      'issuing the live workload with the real controller (SelfSigned -> CA -> Certificates, ingress-shim, ACME at Pebble)',
    );
    await loadLiveWorkload(source.endpoint);
    await loadAcmeWorkload(source.endpoint, acme, LIVE_NAMESPACE);
    const settled = await waitUntilSettled(source.endpoint, { settleMs: 3_000, timeoutMs: 180_000 });
    if (settled.timedOut)
      throw new Error(
        `the source workload was not issued; controller log:\n${sourceController.logText().slice(-4000)}`,
      );
    const atBackup = await snapshot(source.endpoint);
    issued();
    for (const mode of ['with-plugin', 'control'] as const) {
      const specs = COLUMNS.filter((c) => c.mode === mode).map((c) => ({ name: c.backup, args: c.args }));
      const results = await backups(world, source, mode, specs);
      for (const [name, result] of Object.entries(results)) made[`${name} ${mode}`] = result.name;
    }
    return { atBackup, made };
  } finally {
    await sourceController.stop();
    await sourceWebhook.stop();
    await source.stop();
  }
}

export async function runOutcomeScenario(world: World, options: OutcomeOptions = {}): Promise<OutcomeRun> {
  const release = options.certManager ?? 'pinned';
  const acme = await world.acmeServer();
  let sourceIssued!: () => void;
  const issued = new Promise<void>((resolve) => (sourceIssued = resolve));
  const sourcePhase = issueAndBackUp(world, release, acme, sourceIssued);
  // Each column's restore cluster is made ready while the work before it runs (the source's backups, the
  // previous column's settle and shim checks): it holds no workload until its own restore, so its controller
  // can place no ACME order, and Pebble's count from a restore to the end of its checks stays that column's
  // alone. Columns still restore and measure one after the other. Not during the source's issuance: a cluster
  // starting takes the cores the source's controller needs, and once in seven source issuances under such load
  // its trigger controller read a stale Secret cache right after the ACME issuance and asked for a second
  // request, whose Order then stayed owned by a deleted request (no garbage collector in a bare API server):
  // the source never settled.
  let nextSide: Promise<RestoreSide> | undefined = Promise.race([issued, sourcePhase]).then(() =>
    prepareRestoreSide(world, COLUMNS[0]!.mode, release, acme, sourcePhase),
  );
  // Both are awaited below; until then a failure must not count as unhandled.
  nextSide.catch(() => undefined);
  sourcePhase.catch(() => undefined);
  try {
    const { atBackup, made } = await sourcePhase;
    const columns: OutcomeColumn[] = [];
    for (const [index, { column, mode, backup }] of COLUMNS.entries()) {
      const side = await nextSide!;
      const { target, server } = side;
      nextSide = undefined;
      try {
        const backupName = made[`${backup} ${mode}`]!;
        const acmeOrdersBefore = acme.pebble.ordersPlaced();
        const restore = await world.restore(server, target, backupName, `restore-${backupName}`);
        const following = COLUMNS[index + 1];
        if (following) {
          nextSide = prepareRestoreSide(world, following.mode, release, acme, Promise.resolve());
          nextSide.catch(() => undefined);
        }
        world.progress(`waiting for cert-manager to settle after the restore (${column})`);
        const settle = await waitUntilSettled(target.endpoint, { settleMs: SETTLE_MS, timeoutMs: SETTLE_TIMEOUT_MS });
        const after = await snapshot(target.endpoint);
        const outcome = countOutcome(atBackup, after, requestsCreatedByController(target.auditLog), settle);
        const shim = await checkShimFollows(target.endpoint, SHIM_BOUND_MS);
        const acmeOrdersAfterRestore = acme.pebble.ordersPlaced() - acmeOrdersBefore;
        columns.push({ column, restorePhase: restore.phase, outcome, shim, acmeOrdersAfterRestore });
      } finally {
        await side.stop();
      }
    }
    writeFileSync(join(world.workDir, 'outcome.json'), JSON.stringify({ atBackup, columns }, null, 2));
    return { atBackup, columns };
  } finally {
    // A failure left a restore cluster made or half made: stop it here, not after the World has closed.
    if (nextSide)
      await nextSide.then(
        (side) => side.stop(),
        () => undefined,
      );
  }
}
