import { expect } from 'chai';
import { PLUGIN_NAME_PREFIX } from '../../../../src/actions/names.js';
import { restoreSkipEphemeral } from '../../../../src/actions/restore/skip-ephemeral.js';
import type { KubeObject } from '../../../../src/host/action.js';
import { captureLog } from '../log-capture.js';

const object = (apiVersion: string, kind: string): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'n', namespace: 'ns' },
  spec: { x: 1 },
});

describe('actions/restore/skip-ephemeral', () => {
  it('is a restore action named under the project prefix, applying to the three ephemeral kinds', () => {
    expect(restoreSkipEphemeral.kind).to.equal('restore');
    expect(restoreSkipEphemeral.name).to.equal(`${PLUGIN_NAME_PREFIX}/restore-skip-ephemeral`);
    expect(restoreSkipEphemeral.appliesTo.includedResources).to.have.members([
      'orders.acme.cert-manager.io',
      'challenges.acme.cert-manager.io',
      'certificaterequests.cert-manager.io',
    ]);
    expect('areAdditionalItemsReady' in restoreSkipEphemeral).to.equal(false);
  });

  for (const [apiVersion, kind] of [
    ['acme.cert-manager.io/v1', 'Order'],
    ['acme.cert-manager.io/v1', 'Challenge'],
    ['cert-manager.io/v1', 'CertificateRequest'],
  ] as const) {
    it(`skips a ${kind}, still returning the whole item`, async () => {
      const item = object(apiVersion, kind);
      const log = captureLog();
      const result = await restoreSkipEphemeral.execute({ item, itemFromBackup: item, restore: {}, log });
      expect(result.skipRestore).to.equal(true);
      expect(result.item).to.deep.equal(item);
      expect(log.lines.map((l) => l.level)).to.deep.equal(['info']);
    });
  }

  it('restores anything else unchanged and warns', async () => {
    const item = object('cert-manager.io/v1', 'Certificate');
    const log = captureLog();
    const result = await restoreSkipEphemeral.execute({ item, itemFromBackup: item, restore: {}, log });
    expect(result.skipRestore ?? false).to.equal(false);
    expect(result.item).to.equal(item);
    expect(log.lines.map((l) => l.level)).to.deep.equal(['warn']);
  });
});
