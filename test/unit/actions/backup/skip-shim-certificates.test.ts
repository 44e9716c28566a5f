import { expect } from 'chai';
import { createBackupSkipShimCertificates } from '../../../../src/actions/backup/skip-shim-certificates.js';
import { OWNER_FIXTURES, certificate } from '../../certmanager/fixtures.js';
import { FakeLookups, RecordingLogger, backupRequest, scopesFor } from '../helpers.js';

describe('actions/backup/skip-shim-certificates', () => {
  for (const fixture of OWNER_FIXTURES) {
    it(`${fixture.title}: ${fixture.shimKind ? 'skipped with our marker' : 'kept unchanged'}`, async () => {
      const action = createBackupSkipShimCertificates(scopesFor(new FakeLookups()));
      const item = certificate('web-tls', 'team-a', { owners: fixture.owners });
      const log = new RecordingLogger();
      const result = await action.execute({ item, backup: backupRequest(), log });
      const annotations = result.item.metadata.annotations ?? {};
      if (!fixture.shimKind) {
        expect(result.item).to.equal(item);
        expect(log.at('info')).to.deep.equal([]);
        return;
      }
      const owner = fixture.owners[0]!;
      expect(annotations['velero.io/skip-from-backup']).to.equal(action.name);
      expect(annotations['velero-plugin-for-cert-manager.dev/skipped']).to.equal(
        `shim-owned: ${fixture.shimKind} team-a/${owner.name}`,
      );
      expect(log.at('info')[0]).to.contain(`${fixture.shimKind} team-a/${owner.name}`);
      expect(result.additionalItems ?? []).to.deep.equal([]);
      expect(item.metadata.annotations).to.equal(undefined);
    });
  }

  it('does nothing when turned off in the configuration', async () => {
    const action = createBackupSkipShimCertificates(
      scopesFor(new FakeLookups({ config: { disabledActions: 'backup-skip-shim-certificates' } })),
    );
    const item = certificate('web-tls', 'team-a', { owners: OWNER_FIXTURES[1]!.owners });
    expect((await action.execute({ item, backup: backupRequest(), log: new RecordingLogger() })).item).to.equal(item);
  });
});
