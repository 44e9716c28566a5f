import { expect } from 'chai';
import { backupSkipEphemeral, markedToSkip } from '../../../../src/actions/backup/skip-ephemeral.js';
import { isEphemeral } from '../../../../src/certmanager/kinds.js';
import {
  EPHEMERAL_MARKER_ANNOTATION,
  PLUGIN_NAME_PREFIX,
  VELERO_SKIP_FROM_BACKUP_ANNOTATION,
} from '../../../../src/actions/names.js';
import type { KubeObject } from '../../../../src/host/action.js';
import { captureLog } from '../log-capture.js';

const object = (apiVersion: string, kind: string, annotations?: Record<string, string>): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'n', namespace: 'ns', ...(annotations ? { annotations } : {}) },
  spec: { x: 1 },
});

describe('actions/backup/skip-ephemeral', () => {
  it('is a backup action named under the project prefix', () => {
    expect(backupSkipEphemeral.kind).to.equal('backup');
    expect(backupSkipEphemeral.name).to.equal(`${PLUGIN_NAME_PREFIX}/backup-skip-ephemeral`);
  });

  it('applies to exactly Orders, Challenges and CertificateRequests, in any namespace', () => {
    expect(backupSkipEphemeral.appliesTo).to.deep.equal({
      includedResources: [
        'orders.acme.cert-manager.io',
        'challenges.acme.cert-manager.io',
        'certificaterequests.cert-manager.io',
      ],
    });
  });

  for (const [apiVersion, kind] of [
    ['acme.cert-manager.io/v1', 'Order'],
    ['acme.cert-manager.io/v1', 'Challenge'],
    ['cert-manager.io/v1', 'CertificateRequest'],
  ] as const) {
    it(`marks a ${kind} with velero.io/skip-from-backup and our marker, keeping existing annotations`, async () => {
      const log = captureLog();
      const item = object(apiVersion, kind, { keep: 'me' });
      const result = await backupSkipEphemeral.execute({ item, backup: {}, log });
      expect(result.item.metadata.annotations).to.deep.equal({
        keep: 'me',
        [VELERO_SKIP_FROM_BACKUP_ANNOTATION]: backupSkipEphemeral.name,
        [EPHEMERAL_MARKER_ANNOTATION]: 'true',
      });
      expect(result.item.spec).to.deep.equal({ x: 1 });
      expect(result.additionalItems ?? []).to.deep.equal([]);
      expect(log.lines.map((l) => l.level)).to.deep.equal(['info']);
    });
  }

  it('does not modify its input', () => {
    const item = object('acme.cert-manager.io/v1', 'Order');
    const snapshot = structuredClone(item);
    markedToSkip(item);
    expect(item).to.deep.equal(snapshot);
  });

  it('adds annotations when the item has none', () => {
    expect(markedToSkip(object('acme.cert-manager.io/v1', 'Challenge')).metadata.annotations).to.have.keys(
      VELERO_SKIP_FROM_BACKUP_ANNOTATION,
      EPHEMERAL_MARKER_ANNOTATION,
    );
  });

  it('leaves anything else unchanged and warns (Velero only sends it matching items)', async () => {
    for (const item of [
      object('cert-manager.io/v1', 'Certificate'),
      object('v1', 'Order'),
      object('example.com/v1', 'Challenge'),
    ]) {
      const log = captureLog();
      const result = await backupSkipEphemeral.execute({ item, backup: {}, log });
      expect(result.item).to.equal(item);
      expect(log.lines.map((l) => l.level)).to.deep.equal(['warn']);
    }
  });

  it('recognises ephemeral kinds by group and kind, any version', () => {
    expect(isEphemeral({ apiVersion: 'acme.cert-manager.io/v1alpha2', kind: 'Order' })).to.equal(true);
    expect(isEphemeral({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer' })).to.equal(false);
  });
});
