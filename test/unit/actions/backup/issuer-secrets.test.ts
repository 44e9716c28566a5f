import { expect } from 'chai';
import { createBackupIssuerSecrets } from '../../../../src/actions/backup/issuer-secrets.js';
import { ISSUER_FIXTURES, clusterIssuer, issuer } from '../../certmanager/fixtures.js';
import { FakeLookups, HELM_INSTALLATION, RecordingLogger, backupRequest, ids, scopesFor } from '../helpers.js';

const CRN = 'velero-plugin-for-cert-manager.dev/cluster-resource-namespace';

describe('actions/backup/issuer-secrets', () => {
  for (const fixture of ISSUER_FIXTURES) {
    it(`Issuer, ${fixture.title}: Secrets and ServiceAccounts in its namespace`, async () => {
      const action = createBackupIssuerSecrets(scopesFor(new FakeLookups({ installation: HELM_INSTALLATION })));
      const result = await action.execute({
        item: issuer('iss', 'team-a', fixture.spec),
        backup: backupRequest(),
        log: new RecordingLogger(),
      });
      const expected = [
        ...fixture.secrets.map((s) => `/secrets/team-a/${s}`),
        ...(fixture.serviceAccounts ?? []).map((s) => `/serviceaccounts/team-a/${s}`),
      ];
      expect(ids(result.additionalItems)).to.have.members(expected);
      expect(ids(result.additionalItems)).to.have.length(expected.length);
      expect(result.item.metadata.annotations?.[CRN]).to.equal(undefined);
    });

    it(`ClusterIssuer, ${fixture.title}: Secrets in the cluster resource namespace, recorded on the item`, async () => {
      const installation = { ...HELM_INSTALLATION, clusterResourceNamespace: 'issuer-secrets' };
      const action = createBackupIssuerSecrets(scopesFor(new FakeLookups({ installation })));
      const result = await action.execute({
        item: clusterIssuer('ciss', fixture.spec),
        backup: backupRequest(),
        log: new RecordingLogger(),
      });
      expect(ids(result.additionalItems)).to.have.members(
        fixture.secrets
          .map((s) => `/secrets/issuer-secrets/${s}`)
          .concat((fixture.serviceAccounts ?? []).map((s) => `/serviceaccounts/issuer-secrets/${s}`)),
      );
      expect(result.item.metadata.annotations?.[CRN]).to.equal('issuer-secrets');
    });
  }

  const crnCases: {
    title: string;
    installation?: typeof HELM_INSTALLATION | 'unreachable';
    config?: Record<string, string>;
    expected: string;
    warns: boolean;
  }[] = [
    {
      title: 'configuration override wins',
      installation: HELM_INSTALLATION,
      config: { clusterResourceNamespace: 'override' },
      expected: 'override',
      warns: false,
    },
    {
      title: 'live controller flag',
      installation: { ...HELM_INSTALLATION, clusterResourceNamespace: 'kube-system' },
      expected: 'kube-system',
      warns: false,
    },
    {
      title: 'no installation: configured cert-manager namespace',
      config: { certManagerNamespace: 'security' },
      expected: 'security',
      warns: true,
    },
    {
      title: 'API unreachable: default cert-manager',
      installation: 'unreachable',
      expected: 'cert-manager',
      warns: true,
    },
  ];
  for (const c of crnCases) {
    it(`resolves the cluster resource namespace: ${c.title}`, async () => {
      const lookups = new FakeLookups({
        ...(c.installation ? { installation: c.installation } : {}),
        ...(c.config ? { config: c.config } : {}),
      });
      const action = createBackupIssuerSecrets(scopesFor(lookups));
      const log = new RecordingLogger();
      const spec = { ca: { secretName: 'root-ca' } };
      const first = await action.execute({ item: clusterIssuer('a', spec), backup: backupRequest(), log });
      await action.execute({ item: clusterIssuer('b', spec), backup: backupRequest(), log });
      expect(ids(first.additionalItems)).to.deep.equal([`/secrets/${c.expected}/root-ca`]);
      const fallbackWarnings = log.at('warn').filter((m) => m.includes('resolving ClusterIssuer Secrets'));
      expect(fallbackWarnings).to.have.length(c.warns ? 1 : 0);
      expect(lookups.calls.certManagerInstallation).to.be.at.most(1);
    });
  }

  it('warns that DNS01 webhook solver Secrets are unknown', async () => {
    const webhook = ISSUER_FIXTURES.find((f) => f.title.startsWith('DNS01 webhook'))!;
    const log = new RecordingLogger();
    await createBackupIssuerSecrets(scopesFor(new FakeLookups())).execute({
      item: issuer('w', 'team-a', webhook.spec),
      backup: backupRequest(),
      log,
    });
    expect(log.at('warn').join('\n')).to.contain('spec.acme.solvers[0].dns01.webhook');
  });

  it('forces issuer Secrets in with must-include when configured', async () => {
    const action = createBackupIssuerSecrets(scopesFor(new FakeLookups({ config: { forceSecrets: 'true' } })));
    const result = await action.execute({
      item: issuer('iss', 'team-a', { ca: { secretName: 'root' } }),
      backup: backupRequest(),
      log: new RecordingLogger(),
    });
    expect(result.item.metadata.annotations?.['backup.velero.io/must-include-additional-items']).to.equal('true');
  });
});
