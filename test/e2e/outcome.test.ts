/**
 * The outcome the plugin exists for, measured with cert-manager's real controller in both clusters:
 * after restoring a full backup into a fresh cluster where cert-manager is already installed and running
 * (timing b: cert-manager installed first, then the application restored), how many certificates were
 * issued again, how many restored CertificateRequests were signed again, which Secrets were
 * overwritten, and whether the ingress-shim Certificate follows its Ingress. Three columns: with the
 * plugin; the control (plain full backup, no plugin); the guide's manual recipe without the plugin.
 * The control and the recipe are asserted on what really happens (findings, not failures).
 *
 * Both of the suite's Velero releases (v1.18.3 and v1.16.2) run by default, side by side: each World has its
 * own object store, Pebble and named, clusters and Velero servers, so the two scenarios share nothing but
 * the machine, and most of a scenario is waiting (settle and shim bounds) rather than computing. Run one
 * after the other they would not fit the e2e stage's 10-minute budget. Inside a World the columns stay
 * sequential: Pebble's order count between a column's restore and the end of its checks is then that
 * column's alone. E2E_OUTCOME_RELEASES=current runs only v1.18.3 (quicker iteration).
 */
import { expect } from 'chai';
import { outcomeTable, type OutcomeColumn, type OutcomeSnapshot } from './harness/outcome.js';
import { runOutcomeScenario, type OutcomeRun } from './harness/outcomeScenario.js';
import { expectPluginPromiseKept } from './harness/pluginOutcome.js';
import { VELERO_RELEASES, type VeleroRelease } from './harness/versions.js';
import { World } from './harness/world.js';

const RELEASES =
  process.env.E2E_OUTCOME_RELEASES === 'current'
    ? [VELERO_RELEASES.current]
    : [VELERO_RELEASES.current, VELERO_RELEASES.previous];
/** Progress lines name their release: the two scenarios' lines interleave. */
const logFor =
  (release: VeleroRelease) =>
  (message: string): void =>
    void process.stderr.write(`      [e2e ${new Date().toISOString().slice(11, 19)} ${release.version}] ${message}\n`);

/** One release's scenario: its World, and what it measured or why it failed. */
interface ReleaseRun {
  world?: World;
  run?: OutcomeRun;
  error?: unknown;
}

describe("e2e outcome: cert-manager's real controller, restore into a running cert-manager, on both Velero releases at once", function () {
  const runs = new Map<string, ReleaseRun>(RELEASES.map((release) => [release.version, {}]));

  before(async function () {
    this.timeout(40 * 60_000);
    // The Worlds one after the other: on a cold machine World.create builds Velero and packages the plugin,
    // and two builds at once would only fight over the cores.
    for (const release of RELEASES) {
      const entry = runs.get(release.version)!;
      try {
        entry.world = await World.create(release, logFor(release));
      } catch (err) {
        entry.error = err;
      }
    }
    // A failing release does not stop the other: its describe below reports the error, the other asserts.
    await Promise.all(
      RELEASES.map(async (release) => {
        const entry = runs.get(release.version)!;
        if (!entry.world) return;
        const log = logFor(release);
        const started = Date.now();
        try {
          entry.run = await runOutcomeScenario(entry.world);
        } catch (err) {
          entry.error = err;
          entry.world.failed = true;
          log(`outcome scenario failed after ${Math.round((Date.now() - started) / 1000)} s`);
          return;
        }
        log(
          `outcome (Velero ${release.version}, cert-manager running before the restore, ${Math.round((Date.now() - started) / 1000)} s):\n${outcomeTable(entry.run.columns)}`,
        );
        for (const c of entry.run.columns)
          log(
            `${c.column}: ${JSON.stringify({ settledAfterMs: c.outcome.settledAfterMs, settleTimedOut: c.outcome.settleTimedOut, shimAfterMs: c.shim.afterMs, acmeOrdersAfterRestore: c.acmeOrdersAfterRestore, requestsPending: c.outcome.requestsPending })}`,
          );
      }),
    );
  });

  after(async function () {
    this.timeout(240_000);
    await Promise.all([...runs.values()].flatMap(({ world }) => (world ? [world.close()] : [])));
  });

  for (const release of RELEASES) {
    describe(`Velero ${release.version}`, function () {
      let atBackup: OutcomeSnapshot;
      let results: OutcomeColumn[] = [];
      const byColumn = (column: string): OutcomeColumn => results.find((r) => r.column === column)!;

      before(function () {
        const entry = runs.get(release.version)!;
        if (!entry.run)
          throw entry.error instanceof Error
            ? entry.error
            : new Error(`the outcome scenario on Velero ${release.version} did not run: ${String(entry.error)}`);
        ({ atBackup, columns: results } = entry.run);
      });

      afterEach(function () {
        const world = runs.get(release.version)?.world;
        if (this.currentTest?.state === 'failed' && world) world.failed = true;
      });

      it('issued the workload for real in the source cluster', () => {
        expect(Object.keys(atBackup.certificateSerials).sort()).to.deep.equal([
          'api',
          'root',
          'shop-acme',
          'storefront-tls',
          'web',
        ]);
        for (const [name, serial] of Object.entries(atBackup.certificateSerials))
          expect(serial, name).to.be.a('string');
        expect(Object.keys(atBackup.requestCertificates)).to.have.length(5);
      });

      it('with the plugin: nothing reissued or re-signed, no Secret overwritten, the shim Certificate follows its restored Ingress', () => {
        expectPluginPromiseKept(byColumn('with plugin'));
        expect(byColumn('with plugin').acmeOrdersAfterRestore, 'ACME orders placed at Pebble').to.equal(0);
      });

      // Findings, as measured (Velero v1.16.2, v1.18.1 and v1.18.3, cert-manager v1.21.2); see README "What cert-manager does after a restore".
      it('control: the restored CertificateRequests (no status) are signed again at the CA, though no Secret changes; the SelfSigned one can never be signed again and stays pending; the restored ACME Order is placed again at the ACME CA (its request mostly stays pending); the shim Certificate no longer follows its Ingress', () => {
        const { outcome, shim } = byColumn('control');
        expect(outcome.restoredRequestsResigned, 'restored requests re-signed').to.be.greaterThan(0);
        expect(outcome.certificatesReissued, 'Secrets keep their certificates').to.deep.equal([]);
        expect(outcome.secretsOverwritten).to.deep.equal([]);
        expect(outcome.requestsPending, 'the SelfSigned request (its temporary key Secret is gone)').to.include(
          'root-1',
        );
        // The restored Order (no status) is placed again at the ACME CA and finalized there. Then one of two things,
        // a race between the restored Order and the restored CertificateRequest (new uid): mostly the request
        // refuses that Order as "not owned by this CertificateRequest" and stays pending (the Certificate keeps its
        // Secret); once in seven runs (a cold CI run, v1.18.3) it was signed again instead (4 re-signed, 1 pending).
        // More than one order when the order controller's first status write loses an optimistic-locking race
        // (measured 1, 1, 2, 2 orders on v1.18.1, 2, 3, 1 and then 2, 1, 1, 2, 2, 1 on v1.18.3, 3, 1, 2, 1, 2 on v1.16.2).
        expect(byColumn('control').acmeOrdersAfterRestore, 'ACME orders placed at Pebble').to.be.at.least(1);
        const acmePending = outcome.requestsPending.includes('shop-acme-1');
        expect(
          outcome.requestsPending,
          'pending: the SelfSigned request, and the ACME one unless it was re-signed',
        ).to.deep.equal(acmePending ? ['root-1', 'shop-acme-1'] : ['root-1']);
        expect(shim.follows, 'shim follows').to.equal(false);
      });

      it('recipe: nothing re-signed or reissued, no ACME order, but the restored shim Certificate no longer follows its Ingress', () => {
        const { outcome, shim } = byColumn('recipe');
        expect(outcome.restoredRequestsResigned).to.equal(0);
        expect(outcome.requestsCreatedAfterRestore).to.equal(0);
        expect(outcome.certificatesReissued).to.deep.equal([]);
        expect(outcome.secretsOverwritten).to.deep.equal([]);
        expect(byColumn('recipe').acmeOrdersAfterRestore, 'ACME orders placed at Pebble').to.equal(0);
        expect(shim.follows, 'shim follows').to.equal(false);
      });
    });
  }
});
