import { expect } from 'chai';
import type { KubeObject } from '../../../src/host/action.js';
import { createBackupSkipEphemeral } from '../../../src/actions/backup/skip-ephemeral.js';
import { createRestoreSkipEphemeral } from '../../../src/actions/restore/skip-ephemeral.js';
import { EPHEMERAL_MARKER_ANNOTATION } from '../../../src/actions/names.js';
import { FakeLookups, RecordingLogger, backupRequest, restoreRequest, scopesFor } from './helpers.js';

const object = (apiVersion: string, kind: string, annotations?: Record<string, string>): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'n', namespace: 'ns', ...(annotations ? { annotations } : {}) },
  spec: {},
});
const cr = object('cert-manager.io/v1', 'CertificateRequest');
const order = object('acme.cert-manager.io/v1', 'Order');

describe('skip-ephemeral under the plugin configuration', () => {
  const cases: { title: string; config: Record<string, string>; item: KubeObject; skipped: boolean }[] = [
    { title: 'CertificateRequest by default', config: {}, item: cr, skipped: true },
    {
      title: 'CertificateRequest with keepCertificateRequests',
      config: { keepCertificateRequests: 'true' },
      item: cr,
      skipped: false,
    },
    {
      title: 'Order with keepCertificateRequests',
      config: { keepCertificateRequests: 'true' },
      item: order,
      skipped: true,
    },
    {
      title: 'Order with the action turned off',
      config: { disabledActions: 'backup-skip-ephemeral,restore-skip-ephemeral' },
      item: order,
      skipped: false,
    },
  ];
  for (const c of cases) {
    it(`backup: ${c.title} -> ${c.skipped ? 'skipped' : 'kept'}`, async () => {
      const result = await createBackupSkipEphemeral(scopesFor(new FakeLookups({ config: c.config }))).execute({
        item: c.item,
        backup: backupRequest(),
        log: new RecordingLogger(),
      });
      expect(result.item.metadata.annotations?.['velero.io/skip-from-backup'] !== undefined).to.equal(c.skipped);
    });
    it(`restore: ${c.title} -> ${c.skipped ? 'skipped' : 'restored'}`, async () => {
      const result = await createRestoreSkipEphemeral(scopesFor(new FakeLookups({ config: c.config }))).execute({
        item: c.item,
        itemFromBackup: c.item,
        restore: restoreRequest(),
        log: new RecordingLogger(),
      });
      expect(result.skipRestore === true).to.equal(c.skipped);
    });
  }

  it('restore: a CertificateRequest our backup marked stays skipped even with keepCertificateRequests', async () => {
    const marked = object('cert-manager.io/v1', 'CertificateRequest', { [EPHEMERAL_MARKER_ANNOTATION]: 'true' });
    const lookups = new FakeLookups({ config: { keepCertificateRequests: 'true' } });
    const result = await createRestoreSkipEphemeral(scopesFor(lookups)).execute({
      item: marked,
      itemFromBackup: marked,
      restore: restoreRequest(),
      log: new RecordingLogger(),
    });
    expect(result.skipRestore).to.equal(true);
  });
});
