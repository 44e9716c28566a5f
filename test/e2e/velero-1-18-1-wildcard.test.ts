/**
 * Issue #18 point 7, on a live Velero v1.18.1 (opt-in: E2E_VELERO_1_18_1=1; builds hack/e2e/velero-v1.18.1
 * once, several minutes on 2 cores, then about a minute per run). Velero issue 9869: v1.18.1 expands the
 * namespace include `*` into the live namespaces. Does the guide's old-style backup without
 * `--include-cluster-resources=true` then still collect ClusterIssuers, the CRDs and the webhook configurations?
 *
 * Measured (2026-12, kube-apiserver v1.37.2): yes. The backup log shows the expansion ("Including
 * namespaces: cert-manager, default, ..." instead of "*"), yet the backup holds the ClusterIssuer, all six
 * cert-manager CRDs and cert-manager's webhook configurations, exactly as on v1.18.3 (velero-current.test.ts,
 * "the guide's old-style backup"). Why: Velero lists the namespaces with an uncached client, the API
 * server returns them sorted by name, and that equals the expanded, sorted includes, so IncludeEverything
 * still holds. The preflight's CMV035 says so (src/preflight/rules/namespace-wildcard-expansion-1-18-1.ts).
 */
import { expect } from 'chai';
import { OLD_STYLE_BACKUP_ARGS, oldStyleCoverage, type OldStyleCoverage } from './harness/oldStyleBackup.js';
import { backups, sourceCluster } from './harness/scenarios.js';
import { VELERO_1_18_1 } from './harness/versions.js';
import { World } from './harness/world.js';

const log = (message: string): void =>
  void process.stderr.write(`      [e2e ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

if (process.env.E2E_VELERO_1_18_1 === '1') {
  describe(`e2e: Velero ${VELERO_1_18_1.version}, the guide's old-style backup (namespace '*' expanded, Velero issue 9869)`, function () {
    let world: World | undefined;
    let coverage: OldStyleCoverage;

    before(async function () {
      this.timeout(45 * 60_000);
      world = await World.create(VELERO_1_18_1, log);
      const source = await sourceCluster(world);
      const result = (await backups(world, source, 'control', [{ name: 'old-style', args: OLD_STYLE_BACKUP_ARGS }]))[
        'old-style'
      ]!;
      expect(result.phase, result.describe).to.equal('Completed');
      coverage = oldStyleCoverage(result);
      log(`old-style backup on ${VELERO_1_18_1.version}: ${JSON.stringify(coverage)}`);
    });

    afterEach(function () {
      if (this.currentTest?.state === 'failed' && world) world.failed = true;
    });

    after(async function () {
      this.timeout(120_000);
      await world?.close();
    });

    it('expands the namespace include into the live namespaces (the 1.18.1 code path ran)', () => {
      expect(coverage.includedNamespaces).not.to.equal('*');
      expect(coverage.includedNamespaces.split(', ')).to.include.members(['cert-manager', 'shop', 'velero']);
    });

    it('still collects the ClusterIssuer, every cert-manager CRD and the webhook configurations', () => {
      expect(coverage.clusterIssuer, 'ClusterIssuer').to.equal(true);
      expect(coverage.missingCrds, 'CRDs').to.deep.equal([]);
      expect(coverage.webhookConfigurations.length, 'webhook configurations').to.be.greaterThan(0);
      expect(coverage.skippedClusterScoped, 'cluster-scoped types skipped as namespace-filtered').to.equal(0);
    });
  });
}
