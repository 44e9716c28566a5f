import { expect } from 'chai';
import type { KubeObject } from '../../../../src/host/action.js';
import { createRestoreCertificateDependencies } from '../../../../src/actions/restore/certificate-dependencies.js';
import { createRestoreIngressSecrets } from '../../../../src/actions/restore/ingress-secrets.js';
import { backupNamespaceFor, createRestoreIssuerSecrets } from '../../../../src/actions/restore/issuer-secrets.js';
import { ISSUER_FIXTURES, certificate, clusterIssuer, issuer } from '../../certmanager/fixtures.js';
import { FakeLookups, HELM_INSTALLATION, RecordingLogger, ids, restoreRequest, scopesFor } from '../helpers.js';

const CRN = 'velero-plugin-for-cert-manager.dev/cluster-resource-namespace';

describe('actions/restore/certificate-dependencies', () => {
  const cases: { title: string; options: Parameters<typeof certificate>[2]; expected: string[] }[] = [
    {
      title: 'Issuer',
      options: { issuerRef: { name: 'ca' } },
      expected: ['/secrets/team-a/web-tls', 'cert-manager.io/issuers/team-a/ca'],
    },
    {
      title: 'ClusterIssuer',
      options: { issuerRef: { name: 'le', kind: 'ClusterIssuer' } },
      expected: ['/secrets/team-a/web-tls', 'cert-manager.io/clusterissuers//le'],
    },
    {
      title: 'external issuer',
      options: { issuerRef: { name: 'x', kind: 'X', group: 'example.com' } },
      expected: ['/secrets/team-a/web-tls'],
    },
    {
      title: 'keystores',
      options: { keystores: { pkcs12: { create: true, passwordSecretRef: { name: 'p12', key: 'k' } } } },
      expected: ['/secrets/team-a/web-tls', '/secrets/team-a/p12', 'cert-manager.io/issuers/team-a/ca-issuer'],
    },
  ];
  for (const c of cases) {
    it(`restores Secrets and issuer first, in the backup namespace: ${c.title}`, async () => {
      const cert = certificate('web', 'team-a', c.options);
      const result = await createRestoreCertificateDependencies(scopesFor(new FakeLookups())).execute({
        item: cert,
        itemFromBackup: cert,
        restore: restoreRequest({ namespaceMapping: { 'team-a': 'team-b' } }),
        log: new RecordingLogger(),
      });
      expect(ids(result.additionalItems)).to.deep.equal(c.expected);
      expect(result.skipRestore).to.equal(undefined);
      expect(result.waitForAdditionalItems).to.equal(undefined);
    });
  }
});

describe('actions/restore/issuer-secrets', () => {
  for (const fixture of ISSUER_FIXTURES) {
    it(`Issuer, ${fixture.title}`, async () => {
      const item = issuer('i', 'team-a', fixture.spec);
      const result = await createRestoreIssuerSecrets(scopesFor(new FakeLookups())).execute({
        item,
        itemFromBackup: item,
        restore: restoreRequest(),
        log: new RecordingLogger(),
      });
      const expected = [
        ...fixture.secrets.map((s) => `/secrets/team-a/${s}`),
        ...(fixture.serviceAccounts ?? []).map((s) => `/serviceaccounts/team-a/${s}`),
      ];
      expect(ids(result.additionalItems)).to.have.members(expected);
    });
  }

  const ca = { ca: { secretName: 'root' } };
  const crnCases: {
    title: string;
    annotation?: string;
    lookups: FakeLookups;
    spec?: Record<string, unknown>;
    expected: string;
  }[] = [
    {
      title: 'recorded at backup',
      annotation: 'backup-crn',
      lookups: new FakeLookups({ installation: HELM_INSTALLATION }),
      expected: 'backup-crn',
    },
    {
      title: 'configured',
      lookups: new FakeLookups({ config: { clusterResourceNamespace: 'configured' } }),
      expected: 'configured',
    },
    {
      title: 'target cluster, mapped back',
      lookups: new FakeLookups({ installation: { ...HELM_INSTALLATION, clusterResourceNamespace: 'cm-new' } }),
      spec: { namespaceMapping: { 'cert-manager': 'cm-new' } },
      expected: 'cert-manager',
    },
    {
      title: 'target cluster, no mapping',
      lookups: new FakeLookups({ installation: { ...HELM_INSTALLATION, clusterResourceNamespace: 'security' } }),
      expected: 'security',
    },
    { title: 'nothing known', lookups: new FakeLookups(), expected: 'cert-manager' },
  ];
  for (const c of crnCases) {
    it(`ClusterIssuer Secrets come from the backup's cluster resource namespace: ${c.title}`, async () => {
      const fromBackup = clusterIssuer('ci', ca);
      if (c.annotation) fromBackup.metadata.annotations = { [CRN]: c.annotation, keep: 'me' };
      const result = await createRestoreIssuerSecrets(scopesFor(c.lookups)).execute({
        item: fromBackup,
        itemFromBackup: fromBackup,
        restore: restoreRequest(c.spec ?? {}),
        log: new RecordingLogger(),
      });
      expect(ids(result.additionalItems)).to.deep.equal([`/secrets/${c.expected}/root`]);
      expect(result.item.metadata.annotations?.[CRN]).to.equal(undefined);
      if (c.annotation) expect(result.item.metadata.annotations).to.deep.equal({ keep: 'me' });
    });
  }

  it('maps target namespaces back through the restore namespace mapping', () => {
    expect(backupNamespaceFor(restoreRequest({ namespaceMapping: { a: 'b' } }), 'b')).to.equal('a');
    expect(backupNamespaceFor(restoreRequest({ namespaceMapping: { a: 'b' } }), 'c')).to.equal('c');
    expect(backupNamespaceFor(restoreRequest(), 'c')).to.equal('c');
  });
});

describe('actions/restore/ingress-secrets', () => {
  const ingress = (annotations: Record<string, string>): KubeObject => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'team-a', annotations },
    spec: {
      tls: [
        { hosts: ['a.example'], secretName: 'a-tls' },
        { hosts: ['b.example'], secretName: 'b-tls' },
      ],
    },
  });
  const cases: { title: string; item: KubeObject; expected: string[] }[] = [
    {
      title: 'Ingress with cluster-issuer',
      item: ingress({ 'cert-manager.io/cluster-issuer': 'le' }),
      expected: ['/secrets/team-a/a-tls', '/secrets/team-a/b-tls', 'cert-manager.io/clusterissuers//le'],
    },
    {
      title: 'Ingress with issuer',
      item: ingress({ 'cert-manager.io/issuer': 'ca' }),
      expected: ['/secrets/team-a/a-tls', '/secrets/team-a/b-tls', 'cert-manager.io/issuers/team-a/ca'],
    },
    {
      title: 'Ingress with tls-acme (default issuer lives in flags)',
      item: ingress({ 'kubernetes.io/tls-acme': 'true' }),
      expected: ['/secrets/team-a/a-tls', '/secrets/team-a/b-tls'],
    },
    { title: 'Ingress without cert-manager annotations', item: ingress({}), expected: [] },
    {
      title: 'Gateway with cluster-issuer',
      item: {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'gw', namespace: 'edge', annotations: { 'cert-manager.io/cluster-issuer': 'le' } },
        spec: {
          listeners: [
            { name: 'https', hostname: 'a.example', protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'gw-tls' }] } },
          ],
        },
      },
      expected: ['/secrets/edge/gw-tls', 'cert-manager.io/clusterissuers//le'],
    },
  ];
  for (const c of cases) {
    it(c.title, async () => {
      const result = await createRestoreIngressSecrets(scopesFor(new FakeLookups())).execute({
        item: c.item,
        itemFromBackup: c.item,
        restore: restoreRequest(),
        log: new RecordingLogger(),
      });
      expect(ids(result.additionalItems)).to.deep.equal(c.expected);
      expect(result.item).to.equal(c.item);
    });
  }
});
