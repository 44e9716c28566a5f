import { expect } from 'chai';
import type { BackupAction, ResourceIdentifier } from '../../../src/host/action.js';
import { createActions } from '../../../src/actions/index.js';
import { certificate, clusterIssuer } from '../certmanager/fixtures.js';
import { FakeLookups, HELM_INSTALLATION, RecordingLogger, backupRequest } from './helpers.js';

/**
 * A 10,000-Certificate backup through every backup action, as Velero would run them: the plugin asks
 * the cluster a constant number of questions, and the additional items it returns (each of which Velero
 * fetches from the API server) grow only with the Certificates' own Secrets, not with shared objects.
 */
describe('a 10,000-Certificate backup', () => {
  it('makes a constant number of cluster lookups and returns shared objects once', async function () {
    this.timeout(60_000);
    const lookups = new FakeLookups({ installation: HELM_INSTALLATION });
    const actions = createActions({ env: {}, lookupsFor: () => lookups }).filter(
      (a): a is BackupAction => a.kind === 'backup',
    );
    const backup = backupRequest({ includedNamespaces: ['apps'] });
    const log = new RecordingLogger();
    const returned: ResourceIdentifier[] = [];
    const items = [
      clusterIssuer('letsencrypt', {
        acme: { privateKeySecretRef: { name: 'le-account' }, solvers: [{ http01: { ingress: {} } }] },
      }),
    ];
    for (let i = 0; i < 10_000; i++)
      items.push(certificate(`site-${i}`, 'apps', { issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } }));
    const started = process.hrtime.bigint();
    for (const item of items) {
      for (const action of actions) {
        if (!action.appliesTo.includedResources?.includes(`${item.kind.toLowerCase()}s.cert-manager.io`)) continue;
        const result = await action.execute({ item, backup, log });
        returned.push(...(result.additionalItems ?? []));
      }
    }
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(lookups.calls).to.deep.equal({
      pluginConfig: 1,
      certManagerInstallation: 1,
      rbacForServiceAccount: 0,
      serviceHasReadyEndpoints: 0,
    });
    const byResource = (resource: string) => returned.filter((id) => id.resource === resource).length;
    expect(byResource('customresourcedefinitions')).to.equal(6);
    expect(byResource('clusterissuers')).to.equal(1);
    expect(byResource('secrets')).to.equal(10_001);
    expect(returned).to.have.length(6 + 1 + 10_001);
    // The one Secret the namespace filter drops is the ClusterIssuer's, named once.
    expect(log.at('warn')).to.have.length(1);
    expect(log.at('warn')[0]).to.contain('secrets cert-manager/le-account');
    // Not a benchmark assertion, a guard against accidental quadratic work: well under 100 µs per action call.
    expect(elapsedMs).to.be.lessThan(30_000);
  });
});
