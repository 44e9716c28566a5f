import { expect } from 'chai';
import { createBackupCertificateIssuer } from '../../../../src/actions/backup/certificate-issuer.js';
import { createBackupCertificateSecrets } from '../../../../src/actions/backup/certificate-secrets.js';
import { certificate } from '../../certmanager/fixtures.js';
import { FakeLookups, RecordingLogger, backupRequest, ids, scopesFor } from '../helpers.js';

const MUST_INCLUDE = 'backup.velero.io/must-include-additional-items';

describe('actions/backup/certificate-issuer', () => {
  const cases: { title: string; issuerRef: Record<string, string>; expected: string[] }[] = [
    {
      title: 'namespaced Issuer (defaults)',
      issuerRef: { name: 'ca' },
      expected: ['cert-manager.io/issuers/team-a/ca'],
    },
    {
      title: 'ClusterIssuer',
      issuerRef: { name: 'le', kind: 'ClusterIssuer' },
      expected: ['cert-manager.io/clusterissuers//le'],
    },
    {
      title: 'explicit group and kind',
      issuerRef: { name: 'ca', kind: 'Issuer', group: 'cert-manager.io' },
      expected: ['cert-manager.io/issuers/team-a/ca'],
    },
    {
      title: 'external issuer',
      issuerRef: { name: 'pca', kind: 'AWSPCAClusterIssuer', group: 'awspca.cert-manager.io' },
      expected: [],
    },
  ];
  for (const c of cases) {
    it(`returns the issuer: ${c.title}`, async () => {
      const action = createBackupCertificateIssuer(scopesFor(new FakeLookups()));
      const result = await action.execute({
        item: certificate('web', 'team-a', { issuerRef: c.issuerRef }),
        backup: backupRequest(),
        log: new RecordingLogger(),
      });
      expect(ids(result.additionalItems)).to.deep.equal(c.expected);
      expect(result.item.metadata.annotations?.[MUST_INCLUDE]).to.equal(undefined);
    });
  }

  it('returns a shared ClusterIssuer once per backup, again for the next backup', async () => {
    const action = createBackupCertificateIssuer(scopesFor(new FakeLookups()));
    const run = (backupUid: string, name: string) =>
      action.execute({
        item: certificate(name, 'team-a', { issuerRef: { name: 'le', kind: 'ClusterIssuer' } }),
        backup: backupRequest({}, backupUid),
        log: new RecordingLogger(),
      });
    expect(ids((await run('b1', 'one')).additionalItems)).to.have.length(1);
    expect((await run('b1', 'two')).additionalItems).to.equal(undefined);
    expect(ids((await run('b2', 'one')).additionalItems)).to.have.length(1);
  });
});

describe('actions/backup/certificate-secrets', () => {
  const keystoreCert = () =>
    certificate('web', 'team-a', {
      keystores: {
        jks: { create: true, passwordSecretRef: { name: 'jks-password', key: 'p' } },
        pkcs12: { create: true, passwordSecretRef: { name: 'p12-password', key: 'p' } },
      },
    });

  it('returns the Secret and keystore password Secrets in the Certificate namespace, following filters by default', async () => {
    const action = createBackupCertificateSecrets(scopesFor(new FakeLookups()));
    const log = new RecordingLogger();
    const result = await action.execute({
      item: keystoreCert(),
      backup: backupRequest({ includedNamespaces: ['team-a'] }),
      log,
    });
    expect(ids(result.additionalItems)).to.deep.equal([
      '/secrets/team-a/web-tls',
      '/secrets/team-a/jks-password',
      '/secrets/team-a/p12-password',
    ]);
    expect(result.item.metadata.annotations?.[MUST_INCLUDE]).to.equal(undefined);
    expect(log.at('warn')).to.deep.equal([]);
  });

  const excluding: { title: string; spec: Record<string, unknown>; reason: string }[] = [
    {
      title: 'excluded resources',
      spec: { excludedResources: ['secrets'] },
      reason: "secrets are in the backup's excludedResources",
    },
    {
      title: 'singular alias',
      spec: { excludedResources: ['Secret'] },
      reason: "secrets are in the backup's excludedResources",
    },
    {
      title: 'included resources without secrets',
      spec: { includedResources: ['certificates.cert-manager.io', 'ingresses.networking.k8s.io'] },
      reason: "secrets are not in the backup's includedResources",
    },
    {
      title: 'new-style namespace-scoped excludes',
      spec: { excludedNamespaceScopedResources: ['sec*'] },
      reason: 'excludedNamespaceScopedResources',
    },
    {
      title: 'excluded namespace (glob)',
      spec: { excludedNamespaces: ['team-*'] },
      reason: 'namespace team-a is in the backup',
    },
  ];
  for (const c of excluding) {
    it(`names every Secret the filters drop in a warning: ${c.title}`, async () => {
      const action = createBackupCertificateSecrets(scopesFor(new FakeLookups()));
      const log = new RecordingLogger();
      const result = await action.execute({ item: keystoreCert(), backup: backupRequest(c.spec), log });
      const warnings = log.at('warn');
      expect(warnings).to.have.length(3);
      expect(warnings[0]).to.contain('secrets team-a/web-tls').and.to.contain(c.reason).and.to.contain('forceSecrets');
      expect(warnings[1]).to.contain('jks-password');
      expect(result.item.metadata.annotations?.[MUST_INCLUDE]).to.equal(undefined);
      expect(ids(result.additionalItems)).to.have.length(3);
    });
  }

  it('forces the Secrets in with must-include when forceSecrets is set', async () => {
    const action = createBackupCertificateSecrets(scopesFor(new FakeLookups({ config: { forceSecrets: 'true' } })));
    const log = new RecordingLogger();
    const result = await action.execute({
      item: keystoreCert(),
      backup: backupRequest({ excludedResources: ['secrets'] }),
      log,
    });
    expect(result.item.metadata.annotations?.[MUST_INCLUDE]).to.equal('true');
    expect(ids(result.additionalItems)).to.have.length(3);
    expect(log.at('warn')).to.deep.equal([]);
    expect(log.at('info')[0]).to.contain('forcing secrets team-a/web-tls');
  });

  it('never logs Secret contents: only names and fields appear', async () => {
    const action = createBackupCertificateSecrets(scopesFor(new FakeLookups()));
    const log = new RecordingLogger();
    await action.execute({ item: keystoreCert(), backup: backupRequest({ excludedResources: ['secrets'] }), log });
    for (const line of log.lines)
      expect(Object.keys(line.fields)).to.have.members(['dependency', 'referencedBy', 'field', 'reason']);
  });
});
