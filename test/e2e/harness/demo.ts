/**
 * `npm run demo`: the plugin's main job end to end on this machine. A source cluster with cert-manager
 * and a workload is backed up by a real Velero server and restored into a fresh cluster, once with the
 * plugin and once without it (the control); then a short report says what the plugin kept out, forced
 * in, reordered and waited for, and what the control run restored wrongly. Last, the outcome with
 * cert-manager's real controller (harness/outcomeScenario.ts): reissued certificates, re-signed requests,
 * overwritten Secrets and the shim Certificate, with the plugin, the control and the manual recipe.
 */
import {
  backupFacts,
  createdAt,
  describeItem,
  pluginLogLines,
  restoreFacts,
  SECRET_BEFORE_USER,
  type ItemRef,
} from './analysis.js';
import { outcomeTable } from './outcome.js';
import { runOutcomeScenario } from './outcomeScenario.js';
import { backups, restoreIntoFreshCluster, sourceCluster } from './scenarios.js';
import type { Progress } from './tools.js';
import { VELERO_RELEASES } from './versions.js';
import { World, type BackupResult, type PluginMode, type RestoreResult } from './world.js';

/** Progress lines with elapsed time, plus a heartbeat while a step runs long (Go builds, first pip install). */
function progressPrinter(write: (line: string) => void): { progress: Progress; stop: () => void } {
  const started = Date.now();
  let current = '';
  let since = Date.now();
  const stamp = () => `[${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s]`;
  const timer = setInterval(() => {
    if (current && Date.now() - since >= 20_000)
      write(`${stamp()}   ... still ${current} (${Math.round((Date.now() - since) / 1000)} s)`);
  }, 20_000);
  timer.unref();
  return {
    progress: (message) => {
      if (!message.startsWith('  ')) {
        current = message;
        since = Date.now();
      }
      write(`${stamp()} ${message}`);
    },
    stop: () => clearInterval(timer),
  };
}

const key = (item: ItemRef): string => `${item.resource}|${item.namespace}|${item.name}`;

/** Items of backup a that backup b lacks, leaving out Velero's own objects (download requests and the like differ per run). */
function difference(a: BackupResult, b: BackupResult): ItemRef[] {
  const inB = new Set(b.contents.items.map(key));
  // Velero's own objects, and the CRDs of its kinds (a DownloadRequest's CRD is collected whenever one exists),
  // differ between any two runs: they say nothing about the plugin.
  return a.contents.items.filter(
    (item) => !inB.has(key(item)) && !item.resource.endsWith('.velero.io') && !item.name.endsWith('.velero.io'),
  );
}

function list(items: string[], empty = 'nothing'): string {
  if (items.length === 0) return `    ${empty}`;
  const shown = items.slice(0, 12).map((line) => `    - ${line}`);
  if (items.length > 12) shown.push(`    ... and ${items.length - 12} more`);
  return shown.join('\n');
}

export function report(
  version: string,
  backup: Record<PluginMode, Record<string, BackupResult>>,
  restore: Record<PluginMode, RestoreResult>,
): string {
  const withFull = backup['with-plugin'].full!;
  const controlFull = backup.control.full!;
  const withRestore = restoreFacts(restore['with-plugin'].creates);
  const controlRestore = restoreFacts(restore.control.creates);
  const controlBackup = backupFacts(controlFull.contents);
  const keptOut = difference(controlFull, withFull).map(describeItem);
  const forcedIn = difference(withFull, controlFull).map(describeItem);
  const reordered = SECRET_BEFORE_USER.filter(({ secret, user }) => {
    const control = [createdAt(restore.control.creates, secret), createdAt(restore.control.creates, user)];
    const plugin = [createdAt(restore['with-plugin'].creates, secret), createdAt(restore['with-plugin'].creates, user)];
    // Reordered: both restored in both runs, the wrong way round in the control only.
    return (
      control[0]! >= 0 && control[1]! >= 0 && control[0]! > control[1]! && plugin[0]! >= 0 && plugin[0]! < plugin[1]!
    );
  }).map(({ secret, user }) => `${describeItem(secret)} now before ${describeItem(user)}`);
  const rbacFixed = controlRestore.rbacAfterWorkloads.length > 0 && withRestore.rbacAfterWorkloads.length === 0;
  const waits = pluginLogLines(restore['with-plugin'].logs).filter(
    (line) => /webhook/i.test(line) && /wait/i.test(line),
  );
  const excludeWith = backupFacts(backup['with-plugin']['exclude-ns']!.contents);
  const excludeControl = backupFacts(backup.control['exclude-ns']!.contents);

  const broken: string[] = [];
  if (controlRestore.ephemeralCreated.length > 0) {
    broken.push(
      `recreated ${controlRestore.ephemeralCreated.length} Order/Challenge/CertificateRequest objects without status (what cert-manager then does is measured below: restored CertificateRequests signed again)`,
    );
  }
  if (controlRestore.shimCertificateCreated)
    broken.push(
      'restored the ingress-shim Certificate without its owner (measured below: it no longer follows its Ingress)',
    );
  if (controlBackup.ephemeral.length > 0 && controlRestore.ephemeralCreated.length === 0)
    broken.push('stored the ephemeral kinds in the backup');
  const missingCrds = excludeWith.certManagerCrds.filter((crd) => !excludeControl.certManagerCrds.includes(crd));
  if (missingCrds.length > 0)
    broken.push(
      `with --exclude-namespaces, left out CRDs ${missingCrds.join(', ')}: their objects could not be restored into a fresh cluster`,
    );
  if (excludeWith.certManagerRbac.length > excludeControl.certManagerRbac.length) {
    broken.push(
      `with --exclude-namespaces, left out ${excludeWith.certManagerRbac.length - excludeControl.certManagerRbac.length} cert-manager RBAC objects`,
    );
  }
  for (const check of controlRestore.secretOrder.filter((c) => !c.ok)) {
    if (check.thenAt < 0)
      broken.push(`did not restore ${describeItem(check.then)} at all (a plain backup leaves it out)`);
    else if (check.firstAt < 0)
      broken.push(`restored ${describeItem(check.then)} without its Secret ${describeItem(check.first)}`);
    else broken.push(`created ${describeItem(check.then)} before its Secret ${describeItem(check.first)}`);
  }
  if (controlRestore.rbacAfterWorkloads.length > 0)
    broken.push(`created ${controlRestore.rbacAfterWorkloads.length} cert-manager RBAC objects after its Pods`);

  return [
    '',
    `Velero ${version}: full backup of a cert-manager cluster, restored into a fresh cluster`,
    `  with the plugin: backup ${withFull.phase}, restore ${restore['with-plugin'].phase}; control (no plugin): backup ${controlFull.phase}, restore ${restore.control.phase}`,
    '',
    `  Kept out of the backup by the plugin (${keptOut.length}):`,
    list(keptOut),
    `  Forced into the backup by the plugin (${forcedIn.length}):`,
    list(forcedIn),
    `  Reordered on restore:`,
    list(
      [...reordered, ...(rbacFixed ? ['cert-manager RBAC now before its Deployments, ReplicaSets and Pods'] : [])],
      "nothing (Velero's default order already put these Secrets first)",
    ),
    `  Waited for:`,
    list(
      waits.map((line) => line.replace(/.*msg="([^"]*)".*/, '$1')),
      'nothing (no live cert-manager webhook in the fresh cluster)',
    ),
    '',
    '  What the control run (without the plugin) restored wrongly:',
    list(broken, 'nothing'),
    '',
  ].join('\n');
}

export async function runDemo(
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Promise<boolean> {
  const { progress, stop } = progressPrinter(write);
  const release = VELERO_RELEASES.current;
  let world: World | undefined;
  try {
    world = await World.create(release, progress);
    const source = await sourceCluster(world);
    const backup: Record<PluginMode, Record<string, BackupResult>> = { 'with-plugin': {}, control: {} };
    for (const mode of ['with-plugin', 'control'] as const) {
      backup[mode] = await backups(world, source, mode, [
        { name: 'full', args: [] },
        { name: 'exclude-ns', args: ['--exclude-namespaces', 'velero,kube-system'] },
      ]);
    }
    const restore = {} as Record<PluginMode, RestoreResult>;
    for (const mode of ['with-plugin', 'control'] as const)
      restore[mode] = await restoreIntoFreshCluster(world, mode, backup[mode].full!);
    write(report(release.version, backup, restore));
    progress("the outcome with cert-manager's real controller: restore into a cluster where cert-manager already runs");
    const outcome = await runOutcomeScenario(world);
    write(
      [
        '',
        `Velero ${release.version}, cert-manager's real controller running in both clusters: what cert-manager did after the restore`,
        '  (with plugin: plain full backup with the plugin; control: plain full backup, no plugin;',
        '   recipe: the manual recipe --include-cluster-resources=true --exclude-resources orders,challenges,certificaterequests)',
        '',
        outcomeTable(outcome.columns)
          .split('\n')
          .map((line) => `  ${line}`)
          .join('\n'),
        '',
      ].join('\n'),
    );
    return true;
  } catch (err) {
    if (world) world.failed = true;
    write(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  } finally {
    progress('stopping everything');
    await world?.close();
    stop();
  }
}
