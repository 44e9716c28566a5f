/**
 * End to end with the release before 1.18 (v1.16.2): Velero ignores velero.io/skip-from-backup there,
 * so the ephemeral kinds are stored and must be dropped at restore, and RBAC is not in Velero's default
 * restore order, so the plugin has to put cert-manager's RBAC before its workloads itself.
 */
import { expect } from 'chai';
import {
  backupFacts,
  describeItem,
  logLevel,
  pluginLogLines,
  restoreFacts,
  type BackupFacts,
  type RestoreFacts,
} from './harness/analysis.js';
import { backups, restoreIntoFreshCluster, sourceCluster } from './harness/scenarios.js';
import { VELERO_RELEASES } from './harness/versions.js';
import { World, type PluginMode, type RestoreResult } from './harness/world.js';

const release = VELERO_RELEASES.previous;
const MODES: PluginMode[] = ['with-plugin', 'control'];
const log = (message: string): void =>
  void process.stderr.write(`      [e2e ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

describe(`e2e: Velero ${release.version} (before 1.18), with the plugin and without it (control)`, function () {
  let world: World | undefined;
  const full: Partial<
    Record<PluginMode, { backup: BackupFacts; restore: RestoreFacts; result: RestoreResult; phase: string }>
  > = {};

  before(async function () {
    this.timeout(45 * 60_000);
    world = await World.create(release, log);
    const source = await sourceCluster(world);
    for (const mode of MODES) {
      const result = (await backups(world, source, mode, [{ name: 'full', args: [] }])).full!;
      const restore = await restoreIntoFreshCluster(world, mode, result);
      full[mode] = {
        backup: backupFacts(result.contents),
        restore: restoreFacts(restore.creates),
        result: restore,
        phase: result.phase,
      };
    }
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && world) world.failed = true;
  });

  after(async function () {
    this.timeout(120_000);
    await world?.close();
  });

  it('completes the backups and restores', () => {
    for (const mode of MODES) {
      expect(full[mode]!.phase).to.equal('Completed');
      expect(['Completed', 'PartiallyFailed'], full[mode]!.result.describe).to.include(full[mode]!.result.phase);
    }
  });

  it('drops Orders, Challenges, CertificateRequests and the shim Certificate at restore (stored in the backup on this release)', () => {
    expect(full['with-plugin']!.backup.ephemeral.length, 'stored: Velero < 1.18.1 ignores skip-from-backup').to.equal(
      3,
    );
    expect(full['with-plugin']!.restore.ephemeralCreated.map((c) => `${c.resource} ${c.name}`)).to.deep.equal([]);
    expect(full['with-plugin']!.restore.shimCertificateCreated).to.equal(false);
    expect(full.control!.restore.ephemeralCreated.length).to.equal(3);
    expect(full.control!.restore.shimCertificateCreated).to.equal(true);
  });

  it('says in `velero restore logs`, at info level, what it did not restore', () => {
    const lines = pluginLogLines(full['with-plugin']!.result.logs).filter(
      (line) => logLevel(line) === 'info' && line.includes('not restoring'),
    );
    expect(lines.length, 'three ephemeral objects and the shim Certificate').to.equal(4);
    expect(pluginLogLines(full.control!.result.logs)).to.deep.equal([]);
  });

  it('creates cert-manager RBAC before its Deployments, ReplicaSets and Pods; the control does not', () => {
    expect(full['with-plugin']!.restore.rbacAfterWorkloads.map((c) => `${c.resource} ${c.name}`)).to.deep.equal([]);
    expect(full.control!.restore.rbacAfterWorkloads.length, 'control: RBAC after Pods').to.be.greaterThan(0);
  });

  it('creates every Secret before the Certificate, Ingress, Gateway or Issuer that uses it', () => {
    const failures = full['with-plugin']!.restore.secretOrder.filter((c) => !c.ok).map(
      (c) => `${describeItem(c.first)} before ${describeItem(c.then)}`,
    );
    expect(failures).to.deep.equal([]);
  });
});
