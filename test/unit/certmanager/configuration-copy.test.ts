import { expect } from 'chai';
import { createBackupIssuerSecrets } from '../../../src/actions/backup/issuer-secrets.js';
import {
  APPLY_STAGES,
  compareForApply,
  configurationDependencies,
  copiedKindOf,
  withoutServerFields,
  type Dependency,
} from '../../../src/certmanager/configuration-copy.js';
import { DNS01_PROVIDER_SECRET_FIELDS, ISSUER_TYPE_SECRET_FIELDS } from '../../../src/certmanager/references.js';
import type { KubeObject } from '../../../src/host/action.js';
import { FakeLookups, HELM_INSTALLATION, RecordingLogger, backupRequest, ids, scopesFor } from '../actions/helpers.js';
import { ISSUER_FIXTURES, certificate, clusterIssuer, issuer } from './fixtures.js';

const CRN = 'issuer-secrets';
const asIds = (deps: readonly Dependency[]) =>
  deps.map((d) => `/${d.kind === 'Secret' ? 'secrets' : 'serviceaccounts'}/${d.namespace}/${d.name}`);

/** What the plugin's backup action brings along with an issuer: the reference the export must agree with. */
async function backupAdditions(item: KubeObject): Promise<string[]> {
  const installation = { ...HELM_INSTALLATION, clusterResourceNamespace: CRN };
  const action = createBackupIssuerSecrets(scopesFor(new FakeLookups({ installation })));
  const result = await action.execute({ item, backup: backupRequest(), log: new RecordingLogger() });
  return ids(result.additionalItems);
}

describe('certmanager/configuration-copy', () => {
  describe("configurationDependencies: the guide's hand list of Secrets, for every issuer type and DNS01 provider", () => {
    // The fixtures hold one issuer per type, Vault auth form, Venafi platform and DNS01 provider of the reference
    // tables; this guard fails when a table grows a provider without a fixture.
    it('has a fixture for every issuer type and DNS01 provider of the reference tables', () => {
      const specs = JSON.stringify(ISSUER_FIXTURES.map((f) => f.spec));
      for (const type of Object.keys(ISSUER_TYPE_SECRET_FIELDS)) expect(specs, type).to.contain(`"${type}":`);
      for (const provider of Object.keys(DNS01_PROVIDER_SECRET_FIELDS))
        expect(specs, provider).to.contain(`"${provider}":`);
    });

    for (const fixture of ISSUER_FIXTURES) {
      it(`${fixture.title}: the same Secrets and ServiceAccounts as the plugin's backup action`, async () => {
        const namespaced = issuer('iss', 'team-a', fixture.spec);
        const cluster = clusterIssuer('ciss', fixture.spec);
        const forIssuer = asIds(configurationDependencies([namespaced], CRN, false));
        const forClusterIssuer = asIds(configurationDependencies([cluster], CRN, false));
        expect(forIssuer).to.have.members(await backupAdditions(namespaced));
        expect(forClusterIssuer).to.have.members(await backupAdditions(cluster));
        // And exactly what the fixture declares, so an empty answer on both sides cannot pass.
        expect(forIssuer).to.have.members([
          ...fixture.secrets.map((s) => `/secrets/team-a/${s}`),
          ...(fixture.serviceAccounts ?? []).map((s) => `/serviceaccounts/team-a/${s}`),
        ]);
        expect(forClusterIssuer).to.have.members([
          ...fixture.secrets.map((s) => `/secrets/${CRN}/${s}`),
          ...(fixture.serviceAccounts ?? []).map((s) => `/serviceaccounts/${CRN}/${s}`),
        ]);
      });
    }
  });

  it("takes a Certificate's own Secret only when asked, its keystore password always, each Secret once", () => {
    const keystores = { pkcs12: { create: true, passwordSecretRef: { name: 'p12-password', key: 'pw' } } };
    const objects = [
      certificate('web', 'team-a', { keystores }),
      certificate('api', 'team-a', { keystores }),
      issuer('ca-issuer', 'team-a', { ca: { secretName: 'web-tls' } }),
    ];
    expect(asIds(configurationDependencies(objects, CRN, false))).to.have.members([
      '/secrets/team-a/p12-password',
      '/secrets/team-a/web-tls',
    ]);
    const all = configurationDependencies(objects, CRN, true);
    expect(asIds(all)).to.have.members([
      '/secrets/team-a/web-tls',
      '/secrets/team-a/p12-password',
      '/secrets/team-a/api-tls',
    ]);
    const webTls = all.find((d) => d.name === 'web-tls');
    // Needed by the CA issuer too: more than an optional key pair.
    expect(webTls?.certificateSecret).to.equal(false);
    expect(webTls?.referencedBy).to.have.length(2);
    expect(all.find((d) => d.name === 'api-tls')?.certificateSecret).to.equal(true);
  });

  it('removes status and every server-set metadata field, keeps labels, annotations and the spec, and copies', () => {
    const live: KubeObject = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: {
        name: 'web',
        namespace: 'team-a',
        uid: 'u',
        resourceVersion: '7',
        generation: 2,
        creationTimestamp: 'x',
        managedFields: [{}],
        selfLink: '/x',
        ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'y' }],
        labels: { a: 'b' },
        annotations: { c: 'd' },
      },
      spec: { secretName: 'web-tls' },
      status: { conditions: [] },
    };
    expect(withoutServerFields(live)).to.deep.equal({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'web', namespace: 'team-a', labels: { a: 'b' }, annotations: { c: 'd' } },
      spec: { secretName: 'web-tls' },
    });
    expect(live.metadata.uid).to.equal('u');
    expect(live.status).to.not.equal(undefined);
  });

  it('orders for apply: Secrets and ServiceAccounts, then issuers, then Certificates', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'b' } };
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'a' } };
    const objects = [certificate('c', 'a'), issuer('i', 'a', {}), clusterIssuer('ci', {}), sa, secret];
    expect([...objects].sort(compareForApply).map((o) => o.kind)).to.deep.equal([
      'Secret',
      'ServiceAccount',
      'ClusterIssuer',
      'Issuer',
      'Certificate',
    ]);
    expect(APPLY_STAGES.flat()).to.have.length(5);
    expect(copiedKindOf({ apiVersion: 'apps/v1', kind: 'Secret' })).to.equal(undefined);
    expect(copiedKindOf({ apiVersion: 'acme.cert-manager.io/v1', kind: 'Order' })).to.equal(undefined);
    expect(copiedKindOf({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer' })).to.equal('Issuer');
  });
});
