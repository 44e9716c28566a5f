/**
 * The outcome scenario in timing (a): cert-manager itself comes back with the restore. The restore cluster
 * is bare (no cert-manager CRDs, Deployments, RBAC or webhook configurations; Velero's CRDs only), and the
 * kubelet stand-in (kubeletStandIn.ts) starts cert-manager's real controller as its restored
 * ServiceAccount, leader election on, and cert-manager's real webhook, a few seconds after the restore creates
 * their Deployments. So the races of a real restore are real: whether RBAC, the CRDs and the webhook
 * configurations are there when cert-manager starts, and whether the plugin's bounded wait for the webhook
 * meets a webhook that is not ready yet.
 *
 * The backup with the plugin is taken with `--exclude-namespaces kube-system`, a common command line that
 * leaves out cert-manager's leader-election Role and RoleBinding (they live in kube-system): the plugin
 * forces them in as must-include additional items, which Velero backs up past the namespace filter
 * (item_backupper.go, itemInclusionChecks). The same command line without the plugin is the RBAC-excluded
 * failure case.
 *
 * In the source cluster cert-manager's webhook configurations are installed as the chart renders them
 * (failurePolicy Fail, every cert-manager write admitted by cert-manager's real webhook), so the configurations
 * the restore brings back are the real ones, not the test environment's opt-in variant.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acmeControllerOptions, loadAcmeWorkload, type AcmeServer } from './acmeWorkload.js';
import type { CreatedObject } from './audit.js';
import type { Cluster } from './cluster.js';
import { serviceAccountKubeconfig } from './kube.js';
import { startKubeletStandIn, type KubeletTimeline } from './kubeletStandIn.js';
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
import { RECIPE_ARGS } from './outcomeScenario.js';
import { apiRequest } from './kube.js';
import { backups } from './scenarios.js';
import { startLiveChartWebhook } from './chartWebhook.js';
import type { PluginMode, World } from './world.js';

const EXCLUDE_KUBE_SYSTEM = ['--exclude-namespaces', 'kube-system'];

export interface TimingAColumnSpec {
  column: string;
  mode: PluginMode;
  backup: string;
  args: string[];
}

/** The with-plugin column: the default e2e runs only this one. */
export const WITH_PLUGIN_KUBE_SYSTEM_EXCLUDED: TimingAColumnSpec = {
  column: 'with plugin',
  mode: 'with-plugin',
  backup: 'timing-a-no-kube-system',
  args: EXCLUDE_KUBE_SYSTEM,
};

/** The columns without the plugin (E2E_OUTCOME_TIMING_A=all). */
export const WITHOUT_PLUGIN: TimingAColumnSpec[] = [
  { column: 'control', mode: 'control', backup: 'timing-a-full', args: [] },
  { column: 'kube-system excluded', mode: 'control', backup: 'timing-a-no-kube-system', args: EXCLUDE_KUBE_SYSTEM },
  { column: 'recipe', mode: 'control', backup: 'timing-a-recipe', args: RECIPE_ARGS },
];

/** How long after its Deployment is created a cert-manager process starts (a kubelet pulling and starting it). */
const START_DELAY_MS = 3_000;
const SETTLE_MS = 15_000;
const SHIM_BOUND_MS = 20_000;
/**
 * Counted from the end of the restore. Longer than timing (b)'s: the controller may start late in the
 * restore, and a restored Lease held by the source's controller is only taken over after its 60 s duration.
 */
const SETTLE_TIMEOUT_MS = 150_000;
/** What the plugin logs when its wait for the webhook begins, ends or gives up (restore-webhook-readiness). */
const WEBHOOK_WAIT_LINE =
  /waiting up to \d+s for the cert-manager webhook|cert-manager webhook is ready after|still has no ready endpoint/;
/** client-go's reflector when a CRD is not installed: "could not find the requested resource (get clusterissuers.cert-manager.io)". */
const MISSING_CRD = /could not find the requested resource \(get ([a-z0-9.-]+)\)/g;
const LEASE_FORBIDDEN = /leases?\.coordination\.k8s\.io[^\n]*forbidden|forbidden[^\n]*leases/i;

export interface TimingAColumn extends OutcomeColumn {
  timeline: KubeletTimeline;
  /** cert-manager's Roles and RoleBindings in kube-system after the restore ("Role/name"). */
  leaderElectionRbac: string[];
  leaseTaken: boolean;
  /** The controller's first log line saying the Lease is forbidden, if any. */
  leaseForbiddenLine?: string;
  /** Resources the controller's informers could not list because their CRD is absent (it then never syncs). */
  missingCrds: string[];
  /** The plugin's restore-log lines about its wait for the webhook. */
  webhookWaitLines: string[];
  /** Velero's creates of cert-manager objects the API server refused ("kind namespace/name HTTP code"). */
  certManagerCreatesRefused: string[];
  /** Velero created the webhook configurations only after the last cert-manager object (so none met a live webhook). */
  webhookConfigurationsAfterCertManagerObjects: boolean;
  /** Problems starting cert-manager in the restore cluster (expected: none). */
  kubeletErrors: string[];
}

export interface TimingARun {
  atBackup: OutcomeSnapshot;
  columns: TimingAColumn[];
}

async function leaderElectionRbac(target: Cluster): Promise<string[]> {
  const found: string[] = [];
  for (const [kind, resource] of [
    ['Role', 'roles'],
    ['RoleBinding', 'rolebindings'],
  ] as const) {
    const response = await apiRequest(
      target.endpoint,
      'GET',
      `/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/${resource}`,
    );
    if (response.status !== 200) throw new Error(`listing kube-system ${resource}: HTTP ${response.status}`);
    for (const item of (response.body as { items: { metadata: { name: string } }[] }).items)
      if (item.metadata.name.startsWith('cert-manager')) found.push(`${kind}/${item.metadata.name}`);
  }
  return found.sort();
}

/**
 * The source cluster: cert-manager installed with its webhook configurations as rendered, cert-manager's
 * real webhook answering them, the controller as its ServiceAccount issuing the live workload. The webhook's
 * endpoints carry velero.io/exclude-from-backup: they are this harness's, not cert-manager's.
 */
async function issueSource(world: World, acme: AcmeServer): Promise<{ source: Cluster; stop: () => Promise<void> }> {
  const source = await world.cluster('timing-a-source', { withCertManager: true, webhook: 'enforce' });
  const webhook = await startLiveChartWebhook(source);
  for (const path of [
    '/apis/discovery.k8s.io/v1/namespaces/cert-manager/endpointslices/cert-manager-webhook-e2e',
    '/api/v1/namespaces/cert-manager/endpoints/cert-manager-webhook',
  ]) {
    const patched = await apiRequest(
      source.endpoint,
      'PATCH',
      path,
      { metadata: { labels: { 'velero.io/exclude-from-backup': 'true' } } },
      'application/merge-patch+json',
    );
    if (patched.status !== 200) throw new Error(`labelling ${path}: HTTP ${patched.status}`);
  }
  const kubeconfig = await serviceAccountKubeconfig(
    source.endpoint,
    'cert-manager',
    'cert-manager',
    join(source.stateDir, 'cert-manager-sa.kubeconfig'),
  );
  const controller = await source.startCertManagerController({
    kubeconfig,
    leaderElect: true,
    enableGatewayApi: true,
    ...acmeControllerOptions(acme),
  });
  world.progress(
    'issuing the live workload with the real controller (webhook configurations as rendered, ACME at Pebble)',
  );
  await loadLiveWorkload(source.endpoint);
  await loadAcmeWorkload(source.endpoint, acme, LIVE_NAMESPACE);
  const issued = await waitUntilSettled(source.endpoint, { settleMs: 3_000, timeoutMs: 180_000 });
  if (issued.timedOut) {
    const log = controller.logText().slice(-4000);
    await controller.stop();
    await webhook.stop();
    throw new Error(`the source workload was not issued; controller log:\n${log}`);
  }
  return {
    source,
    stop: async () => {
      await controller.stop();
      await webhook.stop();
      await source.stop();
    },
  };
}

const CERT_MANAGER_GROUPS = ['cert-manager.io', 'acme.cert-manager.io'];

function webhookConfigurationsLast(creates: CreatedObject[]): boolean {
  const lastCertManagerObject = Math.max(
    -1,
    ...creates.filter((c) => CERT_MANAGER_GROUPS.includes(c.group)).map((c) => c.index),
  );
  const webhookConfigurations = creates.filter((c) => c.resource.endsWith('webhookconfigurations'));
  return webhookConfigurations.length > 0 && webhookConfigurations.every((c) => c.index > lastCertManagerObject);
}

async function restoreColumn(
  world: World,
  spec: TimingAColumnSpec,
  backupName: string,
  atBackup: OutcomeSnapshot,
  acme: AcmeServer,
): Promise<TimingAColumn> {
  const target = await world.cluster('timing-a-restore', { withCertManager: false });
  const server = await world.veleroServer(target, spec.mode, { syncBackups: true });
  const kubelet = startKubeletStandIn(target, {
    startDelayMs: START_DELAY_MS,
    controllerFlags: acmeControllerOptions(acme),
    log: (message) => world.progress(`  ${message}`),
  });
  try {
    // Columns run one after the other against the World's one Pebble: the orders counted from here to the
    // end of the checks are this column's alone.
    const acmeOrdersBefore = acme.pebble.ordersPlaced();
    const restore = await world.restore(server, target, backupName, `restore-${backupName}`);
    world.progress(`waiting for cert-manager (started by the restore) to settle (${spec.column})`);
    const settle = await waitUntilSettled(target.endpoint, { settleMs: SETTLE_MS, timeoutMs: SETTLE_TIMEOUT_MS });
    const after = await snapshot(target.endpoint);
    const outcome = countOutcome(atBackup, after, requestsCreatedByController(target.auditLog), settle);
    const shim = await checkShimFollows(target.endpoint, SHIM_BOUND_MS);
    const acmeOrdersAfterRestore = acme.pebble.ordersPlaced() - acmeOrdersBefore;
    const controllerLog = kubelet.controller()?.logText() ?? '';
    return {
      column: spec.column,
      restorePhase: restore.phase,
      outcome,
      shim,
      acmeOrdersAfterRestore,
      timeline: kubelet.timeline,
      leaderElectionRbac: await leaderElectionRbac(target),
      leaseTaken: controllerLog.includes('took the leader-election Lease'),
      leaseForbiddenLine: controllerLog.split('\n').find((line) => LEASE_FORBIDDEN.test(line)),
      certManagerCreatesRefused: restore.creates
        .filter((c) => CERT_MANAGER_GROUPS.includes(c.group) && c.code !== 201)
        .map((c) => `${c.resource} ${c.namespace}/${c.name} HTTP ${c.code}`),
      webhookConfigurationsAfterCertManagerObjects: webhookConfigurationsLast(restore.creates),
      missingCrds: [...new Set([...controllerLog.matchAll(MISSING_CRD)].map((m) => m[1]!))].sort(),
      webhookWaitLines: restore.logs.split('\n').filter((line) => WEBHOOK_WAIT_LINE.test(line)),
      kubeletErrors: kubelet.errors,
    };
  } finally {
    await kubelet.stop();
    await server.stop();
    await target.stop();
  }
}

/** Runs the given columns of timing (a): one source, its backups, one fresh bare cluster per column. */
export async function runTimingAScenario(world: World, specs: TimingAColumnSpec[]): Promise<TimingARun> {
  const acme = await world.acmeServer();
  const { source, stop } = await issueSource(world, acme);
  let atBackup: OutcomeSnapshot;
  const made: Record<string, string> = {};
  try {
    atBackup = await snapshot(source.endpoint);
    for (const mode of ['with-plugin', 'control'] as const) {
      const wanted = specs.filter((s) => s.mode === mode);
      const unique = [...new Map(wanted.map((s) => [s.backup, { name: s.backup, args: s.args }])).values()];
      if (unique.length === 0) continue;
      const results = await backups(world, source, mode, unique);
      for (const [name, result] of Object.entries(results)) made[`${name} ${mode}`] = result.name;
    }
  } finally {
    await stop();
  }
  const columns: TimingAColumn[] = [];
  for (const spec of specs)
    columns.push(await restoreColumn(world, spec, made[`${spec.backup} ${spec.mode}`]!, atBackup, acme));
  writeFileSync(join(world.workDir, 'outcome-timing-a.json'), JSON.stringify({ atBackup, columns }, null, 2));
  return { atBackup, columns };
}
