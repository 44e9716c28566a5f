/**
 * The outcome in timing (a): cert-manager itself comes back with the restore into a bare cluster, and
 * its controller (real, as its restored ServiceAccount, leader election on) and webhook (real) start
 * when the restore creates their Deployments, as a kubelet would. The backup with the plugin leaves out
 * kube-system (`--exclude-namespaces kube-system`), so it also shows whether the plugin brings back the
 * leader-election RBAC the controller needs. The workload includes the outcome scenario's ACME Certificate
 * (the World's Pebble and named), so "no ACME order replayed" is measured when cert-manager comes back with
 * the restore too.
 *
 * Default: the with-plugin column only, on Velero v1.18 (kept cheap for the e2e stage's time budget).
 * E2E_OUTCOME_RELEASES=all adds Velero v1.16.2 (no RBAC in its default restore order).
 * E2E_OUTCOME_TIMING_A=all adds the columns without the plugin: the control (plain full backup), the same
 * kube-system-excluding command line without the plugin (the RBAC-excluded failure), and the guide's recipe.
 */
import { expect } from 'chai';
import { outcomeTable } from './harness/outcome.js';
import {
  runTimingAScenario,
  WITH_PLUGIN_KUBE_SYSTEM_EXCLUDED,
  WITHOUT_PLUGIN,
  type TimingAColumn,
  type TimingARun,
} from './harness/outcomeTimingA.js';
import { VELERO_RELEASES } from './harness/versions.js';
import { World } from './harness/world.js';

const ALL_COLUMNS = process.env.E2E_OUTCOME_TIMING_A === 'all';
const SPECS = ALL_COLUMNS ? [WITH_PLUGIN_KUBE_SYSTEM_EXCLUDED, ...WITHOUT_PLUGIN] : [WITH_PLUGIN_KUBE_SYSTEM_EXCLUDED];
const LEADER_ELECTION_RBAC = ['Role/cert-manager:leaderelection', 'RoleBinding/cert-manager:leaderelection'];
const log = (message: string): void =>
  void process.stderr.write(`      [e2e ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const RELEASES =
  process.env.E2E_OUTCOME_RELEASES === 'all'
    ? [VELERO_RELEASES.current, VELERO_RELEASES.previous]
    : [VELERO_RELEASES.current];

for (const release of RELEASES)
  describe(`e2e outcome, timing (a): Velero ${release.version}, cert-manager comes back with the restore and starts when its Deployments are restored`, function () {
    let world: World | undefined;
    let run: TimingARun;
    const byColumn = (column: string): TimingAColumn => run.columns.find((c) => c.column === column)!;

    before(async function () {
      this.timeout(40 * 60_000);
      world = await World.create(release, log);
      const started = Date.now();
      run = await runTimingAScenario(world, SPECS);
      log(
        `outcome, timing (a) (Velero ${release.version}, ${Math.round((Date.now() - started) / 1000)} s):\n${outcomeTable(run.columns)}`,
      );
      for (const c of run.columns)
        log(
          `${c.column}: ${JSON.stringify({ timeline: c.timeline, leaderElectionRbac: c.leaderElectionRbac, leaseTaken: c.leaseTaken, leaseForbiddenLine: c.leaseForbiddenLine, missingCrds: c.missingCrds, webhookWaitLines: c.webhookWaitLines, refused: c.certManagerCreatesRefused, webhookConfigurationsLast: c.webhookConfigurationsAfterCertManagerObjects, kubeletErrors: c.kubeletErrors })}`,
        );
    });

    afterEach(function () {
      if (this.currentTest?.state === 'failed' && world) world.failed = true;
    });

    after(async function () {
      this.timeout(120_000);
      await world?.close();
    });

    it('started cert-manager from the restore: controller and webhook after their Deployments were created', () => {
      for (const column of run.columns) {
        const { timeline, kubeletErrors } = column;
        expect(kubeletErrors, column.column).to.deep.equal([]);
        expect(timeline.controllerDeploymentCreated, `${column.column}: controller Deployment restored`).to.be.a(
          'number',
        );
        expect(timeline.controllerStarted, `${column.column}: controller started`).to.be.greaterThan(
          timeline.controllerDeploymentCreated!,
        );
      }
    });

    it('with the plugin (--exclude-namespaces kube-system): the leader-election RBAC comes back, the controller takes its Lease; nothing reissued or re-signed, no ACME order placed, the shim Certificate follows its restored Ingress', () => {
      const c = byColumn(WITH_PLUGIN_KUBE_SYSTEM_EXCLUDED.column);
      expect(c.restorePhase).to.be.oneOf(['Completed', 'PartiallyFailed']);
      expect(c.leaderElectionRbac).to.include.members(LEADER_ELECTION_RBAC);
      expect(c.leaseTaken, 'controller took its Lease').to.equal(true);
      expect(c.leaseForbiddenLine, 'no forbidden Lease').to.equal(undefined);
      expect(c.timeline.webhookReady, 'webhook started').to.be.a('number');
      expect(c.missingCrds, 'every cert-manager CRD restored').to.deep.equal([]);
      // Velero restores the webhook configurations (admissionregistration, alphabetically late) after every
      // cert-manager object, so no restored object meets a live webhook and the plugin's wait has nothing to wait for.
      expect(c.webhookConfigurationsAfterCertManagerObjects, 'webhook configurations restored last').to.equal(true);
      expect(c.certManagerCreatesRefused).to.deep.equal([]);
      expect(c.outcome.settleTimedOut, 'settled').to.equal(false);
      expect(c.outcome.certificatesNotReady).to.deep.equal([]);
      expect(c.outcome.certificatesReissued).to.deep.equal([]);
      expect(c.outcome.requestsCreatedAfterRestore).to.equal(0);
      expect(c.outcome.restoredRequestsResigned).to.equal(0);
      expect(c.outcome.secretsOverwritten).to.deep.equal([]);
      expect(c.acmeOrdersAfterRestore, 'ACME orders placed at Pebble').to.equal(0);
      expect(c.shim.follows, 'shim follows').to.equal(true);
      expect(c.shim.ownedByRestoredIngress, 'shim owned by the restored Ingress').to.equal(true);
    });

    if (ALL_COLUMNS) {
      // Findings, as measured (Velero v1.18.1, cert-manager v1.21.2): see docs/development.md, timing (a).
      it("control (plain full backup): the restored Lease of the source's controller holds the new one off for its 60 s duration; then the CRDs of kinds without objects (ClusterIssuer, Order, Challenge) are missing, the controllers' caches never sync, no Certificate becomes Ready and the restored requests stay pending", () => {
        const c = byColumn('control');
        expect(c.leaseTaken, 'controller took the Lease').to.equal(true);
        expect(
          c.timeline.leaseTaken! - c.timeline.controllerStarted!,
          'waited for the restored Lease',
        ).to.be.greaterThan(45_000);
        expect(c.missingCrds).to.include.members(['clusterissuers.cert-manager.io']);
        expect(c.outcome.settleTimedOut).to.equal(true);
        expect(c.outcome.certificatesNotReady, 'none Ready').to.deep.equal(
          Object.keys(run.atBackup.certificateSerials).sort(),
        );
        expect(c.outcome.restoredRequestsResigned).to.equal(0);
        expect(c.outcome.certificatesReissued).to.deep.equal([]);
        expect(c.shim.follows).to.equal(false);
      });

      it('recipe: the restored Lease holds the controller off for its duration, then every Certificate is Ready with nothing re-signed or reissued; the shim Certificate no longer follows its Ingress', () => {
        const c = byColumn('recipe');
        expect(
          c.timeline.leaseTaken! - c.timeline.controllerStarted!,
          'waited for the restored Lease',
        ).to.be.greaterThan(45_000);
        expect(c.missingCrds).to.deep.equal([]);
        expect(c.outcome.settleTimedOut).to.equal(false);
        expect(c.outcome.certificatesNotReady).to.deep.equal([]);
        expect(c.outcome.restoredRequestsResigned).to.equal(0);
        expect(c.outcome.requestsCreatedAfterRestore).to.equal(0);
        expect(c.outcome.certificatesReissued).to.deep.equal([]);
        expect(c.outcome.secretsOverwritten).to.deep.equal([]);
        expect(c.shim.follows).to.equal(false);
      });

      it('without the plugin, --exclude-namespaces kube-system: the leader-election RBAC is lost, the controller is forbidden its Lease and never starts; no Certificate becomes Ready', () => {
        const c = byColumn('kube-system excluded');
        expect(c.leaderElectionRbac).to.deep.equal([]);
        expect(c.leaseTaken, 'controller took its Lease').to.equal(false);
        expect(c.leaseForbiddenLine, 'controller log: Lease forbidden').to.be.a('string');
        expect(c.outcome.settleTimedOut).to.equal(true);
        expect(c.outcome.certificatesNotReady, 'none Ready').to.deep.equal(
          Object.keys(run.atBackup.certificateSerials).sort(),
        );
        expect(c.shim.follows).to.equal(false);
      });
    }
  });
