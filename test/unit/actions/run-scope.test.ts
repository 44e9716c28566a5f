import { expect } from 'chai';
import { createActions } from '../../../src/actions/index.js';
import type { BackupAction, RestoreAction } from '../../../src/host/action.js';
import { certificate } from '../certmanager/fixtures.js';
import { backupRequest, FakeLookups, RecordingLogger, restoreRequest } from './helpers.js';

const MUST_INCLUDE = 'backup.velero.io/must-include-additional-items';

describe('actions/run-scope', () => {
  describe('a malformed plugin configuration (issue 20 case 6: every cert-manager item used to fail)', () => {
    // forceSecrets is well-formed and on; webhookWait is broken, and its 100 KB value must never be echoed.
    const config = { forceSecrets: 'true', webhookWait: 'm'.repeat(100_000) };

    it('is reported once per backup, by key and kind of value, and every item is handled with the defaults', async () => {
      const lookups = new FakeLookups({ config });
      const actions = createActions({ env: {}, lookupsFor: () => lookups });
      const log = new RecordingLogger();
      // A backup that leaves Secrets out: with forceSecrets honoured, the Certificates would force theirs in.
      const backup = backupRequest({ excludedResources: ['secrets'] });
      const backupActions = actions.filter((a): a is BackupAction => a.kind === 'backup');
      for (let i = 0; i < 200; i++) {
        const item = certificate(`web-${i}`, 'shop');
        for (const action of backupActions) {
          if (!action.appliesTo.includedResources?.includes('certificates.cert-manager.io')) continue;
          const result = await action.execute({
            item,
            backup,
            log: log.with({ kind: 'Certificate', name: item.metadata.name }),
          });
          const forcesSecrets =
            result.item.metadata.annotations?.[MUST_INCLUDE] === 'true' &&
            (result.additionalItems ?? []).some((id) => id.resource === 'secrets');
          expect(forcesSecrets, `${action.name}: a broken configuration never forces Secrets`).to.equal(false);
        }
      }
      const errors = log.lines.filter((line) => line.level === 'error');
      expect(errors).to.have.length(1);
      expect(errors[0]?.message).to.match(
        /^plugin configuration key "webhookWait": the value \(a 100000-character string\) is not a boolean.*ignored for this Backup: every item is handled with the built-in defaults/,
      );
      expect(errors[0]?.message).not.to.include('mmmm');
      expect(errors[0]?.fields).to.deep.include({ key: 'webhookWait', kind: undefined, name: undefined });
      expect(lookups.calls.pluginConfig).to.equal(1);
    });

    it('is reported again, once, by the next run (a restore)', async () => {
      const actions = createActions({ env: {}, lookupsFor: () => new FakeLookups({ config }) });
      const log = new RecordingLogger();
      const restoreActions = actions.filter((a): a is RestoreAction => a.kind === 'restore');
      const item = certificate('web', 'shop');
      for (const action of restoreActions)
        await action.execute({ item, itemFromBackup: item, restore: restoreRequest(), log });
      expect(log.at('error')).to.have.length(1);
      expect(log.at('error')[0]).to.match(/ignored for this Restore/);
    });
  });
});
