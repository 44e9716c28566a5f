import { expect } from 'chai';
import type { KubeObject } from '../../../../src/host/action.js';
import { createBackupCrds } from '../../../../src/actions/backup/crds.js';
import { certificate, chartDeployment, clusterIssuer, issuer } from '../../certmanager/fixtures.js';
import { FakeLookups, RecordingLogger, backupRequest, ids, scopesFor } from '../helpers.js';

const MUST_INCLUDE = 'backup.velero.io/must-include-additional-items';
const CRDS = [
  'certificates.cert-manager.io',
  'certificaterequests.cert-manager.io',
  'issuers.cert-manager.io',
  'clusterissuers.cert-manager.io',
  'orders.acme.cert-manager.io',
  'challenges.acme.cert-manager.io',
].map((name) => `apiextensions.k8s.io/customresourcedefinitions//${name}`);

const order: KubeObject = {
  apiVersion: 'acme.cert-manager.io/v1',
  kind: 'Order',
  metadata: { name: 'o', namespace: 'a' },
  spec: {},
};
const unrelated: KubeObject = {
  ...chartDeployment('controller'),
  metadata: { name: 'nginx', namespace: 'web' },
  spec: { template: { spec: { containers: [{ image: 'nginx' }] } } },
};

describe('actions/backup/crds', () => {
  const pulling: [string, KubeObject][] = [
    ['Certificate', certificate('c', 'a')],
    ['Issuer', issuer('i', 'a', {})],
    ['ClusterIssuer', clusterIssuer('ci', {})],
    ['Order', order],
    ['cert-manager controller Deployment', chartDeployment('controller')],
    ['cert-manager webhook Deployment (static manifests)', chartDeployment('webhook', { helm: false })],
  ];
  for (const [title, item] of pulling) {
    it(`${title} forces all six CRDs in`, async () => {
      const result = await createBackupCrds(scopesFor(new FakeLookups())).execute({
        item,
        backup: backupRequest(),
        log: new RecordingLogger(),
      });
      expect(ids(result.additionalItems)).to.have.members(CRDS);
      expect(result.item.metadata.annotations?.[MUST_INCLUDE]).to.equal('true');
    });
  }

  it('leaves an unrelated Deployment alone', async () => {
    const result = await createBackupCrds(scopesFor(new FakeLookups())).execute({
      item: unrelated,
      backup: backupRequest(),
      log: new RecordingLogger(),
    });
    expect(result).to.deep.equal({ item: unrelated });
  });

  it('returns the CRDs once per backup and without must-include afterwards', async () => {
    const action = createBackupCrds(scopesFor(new FakeLookups()));
    const backup = backupRequest();
    await action.execute({ item: certificate('one', 'a'), backup, log: new RecordingLogger() });
    for (let i = 0; i < 100; i++) {
      const item = certificate(`c${i}`, 'a');
      const result = await action.execute({ item, backup, log: new RecordingLogger() });
      expect(result).to.deep.equal({ item });
    }
  });
});
