import { expect } from 'chai';
import { createActions } from '../../../src/actions/index.js';
import { PLUGIN_NAME_PREFIX } from '../../../src/actions/names.js';
import { BACKUP_ACTION_NAMES } from '../../../src/actions/backup/names.js';
import { RESTORE_ACTION_NAMES } from '../../../src/actions/restore/names.js';
import { PLUGIN_DOMAIN } from '../../../src/certmanager/annotations.js';
import type { BackupAction, RestoreAction } from '../../../src/host/action.js';
import { ActionRegistry } from '../../../src/host/registry.js';
import { clusterIssuer } from '../certmanager/fixtures.js';
import { FakeLookups, RecordingLogger, backupRequest, ids } from './helpers.js';

describe('the cert-manager actions in the plugin', () => {
  it('share one prefix with the host names', () => expect(PLUGIN_DOMAIN).to.equal(PLUGIN_NAME_PREFIX));

  it('are all served, valid and unique', () => {
    const actions = createActions({ env: {} });
    expect(actions.map((a) => a.name)).to.include.members([
      ...Object.values(BACKUP_ACTION_NAMES),
      ...Object.values(RESTORE_ACTION_NAMES),
    ]);
    expect(() => new ActionRegistry(actions)).not.to.throw();
  });

  it('run dependency actions before the skip actions, and the webhook wait before dependencies', () => {
    const names = createActions({ env: {} }).map((a) => a.name);
    expect(names.indexOf(BACKUP_ACTION_NAMES.certificateSecrets)).to.be.lessThan(
      names.indexOf(BACKUP_ACTION_NAMES.skipShimCertificates),
    );
    expect(names.indexOf(RESTORE_ACTION_NAMES.skipShimCertificates)).to.be.lessThan(
      names.indexOf(RESTORE_ACTION_NAMES.webhookReadiness),
    );
    expect(names.indexOf(RESTORE_ACTION_NAMES.webhookReadiness)).to.be.lessThan(
      names.indexOf(RESTORE_ACTION_NAMES.certificateDependencies),
    );
  });

  it('use the cluster facts the composition root provides, and read the configuration once per backup', async () => {
    const lookups = new FakeLookups({ config: { clusterResourceNamespace: 'pki' } });
    const action = createActions({ env: {}, lookupsFor: () => lookups }).find(
      (a) => a.name === BACKUP_ACTION_NAMES.issuerSecrets,
    ) as BackupAction;
    for (let i = 0; i < 5; i++) {
      const result = await action.execute({
        item: clusterIssuer(`c${i}`, { ca: { secretName: 'root' } }),
        backup: backupRequest(),
        log: new RecordingLogger(),
      });
      expect(ids(result.additionalItems)).to.deep.equal(['/secrets/pki/root']);
    }
    expect(lookups.calls.pluginConfig).to.equal(1);
  });

  it('work offline with defaults when no cluster access is wired', async () => {
    const actions = createActions({ env: {} });
    const issuerSecrets = actions.find((a) => a.name === BACKUP_ACTION_NAMES.issuerSecrets) as BackupAction;
    const log = new RecordingLogger();
    const result = await issuerSecrets.execute({
      item: clusterIssuer('c', { ca: { secretName: 'root' } }),
      backup: backupRequest(),
      log,
    });
    expect(ids(result.additionalItems)).to.deep.equal(['/secrets/cert-manager/root']);
    expect(log.at('warn').join('\n')).to.contain('no cluster access configured');
    const wait = actions.find((a) => a.name === RESTORE_ACTION_NAMES.webhookReadiness) as RestoreAction;
    const item = clusterIssuer('c', {});
    expect(
      (await wait.execute({ item, itemFromBackup: item, restore: backupRequest(), log })).waitForAdditionalItems,
    ).to.equal(undefined);
  });
});
