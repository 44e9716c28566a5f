/**
 * The compatibility table (docs/compatibility.md): the outcome scenario (timing b: cert-manager installed
 * and running before the restore) with an older cert-manager controller (v1.15.5,
 * hack/testenv/cert-manager-controller-v1.15) in both clusters, against the pinned chart's objects and
 * CRDs and cert-manager's real webhook. The plugin's column is asserted; the control and the recipe are
 * measured and logged for the table (their findings are asserted for the pinned release in outcome.test.ts).
 *
 * Off by default: E2E_CERT_MANAGER=old turns it on (its first run builds the v1.15.5 controller, about
 * 12 minutes cold on the shared 2-core machine, then ~6 minutes per Velero release). E2E_OUTCOME_RELEASES=all runs it
 * on both Velero releases.
 */
import { outcomeTable, type OutcomeColumn } from './harness/outcome.js';
import { runOutcomeScenario } from './harness/outcomeScenario.js';
import { expectPluginPromiseKept } from './harness/pluginOutcome.js';
import { VELERO_RELEASES } from './harness/versions.js';
import { World } from './harness/world.js';

const ENABLED = process.env.E2E_CERT_MANAGER === 'old';
const RELEASES =
  process.env.E2E_OUTCOME_RELEASES === 'all'
    ? [VELERO_RELEASES.current, VELERO_RELEASES.previous]
    : [VELERO_RELEASES.current];
const log = (message: string): void =>
  void process.stderr.write(`      [e2e ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

for (const release of RELEASES) {
  (ENABLED ? describe : describe.skip)(
    `e2e compatibility: Velero ${release.version} with cert-manager v1.15.5's controller (E2E_CERT_MANAGER=old)`,
    function () {
      let world: World | undefined;
      let withPlugin: OutcomeColumn;

      before(async function () {
        this.timeout(40 * 60_000);
        world = await World.create(release, log);
        const { columns } = await runOutcomeScenario(world, { certManager: 'old' });
        withPlugin = columns.find((c) => c.column === 'with plugin')!;
        log(`outcome (Velero ${release.version}, cert-manager v1.15.5 controller):\n${outcomeTable(columns)}`);
      });

      afterEach(function () {
        if (this.currentTest?.state === 'failed' && world) world.failed = true;
      });

      after(async function () {
        this.timeout(120_000);
        await world?.close();
      });

      it('with the plugin: nothing reissued or re-signed, no Secret overwritten, the shim Certificate follows its restored Ingress', () => {
        expectPluginPromiseKept(withPlugin);
      });
    },
  );
}
