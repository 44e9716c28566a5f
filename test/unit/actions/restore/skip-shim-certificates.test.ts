import { expect } from 'chai';
import { createRestoreSkipShimCertificates } from '../../../../src/actions/restore/skip-shim-certificates.js';
import { OWNER_FIXTURES, certificate } from '../../certmanager/fixtures.js';
import { FakeLookups, RecordingLogger, restoreRequest, scopesFor } from '../helpers.js';

/** What Velero hands a restore action: owner references (and status) already stripped from `item`. */
function asVeleroPassesIt(fromBackup: ReturnType<typeof certificate>) {
  const { ownerReferences: _dropped, uid: _uid, ...metadata } = fromBackup.metadata;
  return { item: { ...fromBackup, metadata }, itemFromBackup: fromBackup };
}

describe('actions/restore/skip-shim-certificates', () => {
  for (const fixture of OWNER_FIXTURES) {
    it(`${fixture.title}: ${fixture.shimKind ? 'skipped, owner logged' : 'restored'}`, async () => {
      const log = new RecordingLogger();
      const { item, itemFromBackup } = asVeleroPassesIt(certificate('web-tls', 'team-a', { owners: fixture.owners }));
      const result = await createRestoreSkipShimCertificates(scopesFor(new FakeLookups())).execute({
        item,
        itemFromBackup,
        restore: restoreRequest(),
        log,
      });
      expect(result.item).to.equal(item);
      expect(result.skipRestore === true).to.equal(fixture.shimKind !== undefined);
      if (fixture.shimKind)
        expect(log.at('info')[0]).to.contain(`${fixture.shimKind} team-a/${fixture.owners[0]!.name}`);
    });
  }

  it('skips a Certificate carrying the backup marker even without owner references (backup from Velero < 1.18.1)', async () => {
    const fromBackup = certificate('web-tls', 'team-a', {
      annotations: { 'velero-plugin-for-cert-manager.dev/skipped': 'shim-owned: Gateway team-a/gw' },
    });
    const log = new RecordingLogger();
    const result = await createRestoreSkipShimCertificates(scopesFor(new FakeLookups())).execute({
      item: fromBackup,
      itemFromBackup: fromBackup,
      restore: restoreRequest(),
      log,
    });
    expect(result.skipRestore).to.equal(true);
    expect(log.at('info')[0]).to.contain('Gateway team-a/gw');
  });

  it('restores shim Certificates when the action is turned off', async () => {
    const { item, itemFromBackup } = asVeleroPassesIt(
      certificate('web-tls', 'team-a', { owners: OWNER_FIXTURES[1]!.owners }),
    );
    const lookups = new FakeLookups({ config: { disabledActions: 'restore-skip-shim-certificates' } });
    const result = await createRestoreSkipShimCertificates(scopesFor(lookups)).execute({
      item,
      itemFromBackup,
      restore: restoreRequest(),
      log: new RecordingLogger(),
    });
    expect(result.skipRestore).to.equal(undefined);
  });
});
