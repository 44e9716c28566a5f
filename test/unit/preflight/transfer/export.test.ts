/**
 * exportConfiguration against the fake API server: what is exported (issuers, Certificates, the Secrets and
 * ServiceAccounts they reference, without server fields), what is left out and said (shim Certificates, missing
 * Secrets, webhook solvers), --namespace, --with-certificate-secrets, and the refusals (no CRDs, a denied Secret).
 */
import { expect } from 'chai';
import { ClusterAccessError } from '../../../../src/kube/types.js';
import { exportConfiguration, type ExportResult } from '../../../../src/preflight/transfer/export.js';
import { ConfigurationCopyError } from '../../../../src/preflight/transfer/paths.js';
import { startFakeApiServer, type FakeApiServer } from '../cluster/fake-apiserver.js';
import { sourceCluster } from './clusters.js';

const keys = (r: ExportResult) =>
  r.objects.map((o) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name ?? ''}`);

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('resolved, expected a rejection');
}

describe('preflight/transfer/export against a fake API server', () => {
  let api: FakeApiServer | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('exports every issuer and non-shim Certificate with the Secrets and ServiceAccounts they reference, read by name, server fields removed', async () => {
    api = await startFakeApiServer(sourceCluster());
    const r = await exportConfiguration({ kubeconfigPath: api.kubeconfig, withCertificateSecrets: false });
    expect(r.source).to.match(/^context fake \(http:\/\/127\.0\.0\.1:\d+\)$/);
    expect([r.clusterResourceNamespace, r.clusterResourceNamespaceSource]).to.deep.equal([
      'issuer-secrets',
      'controller-flag',
    ]);
    expect(keys(r)).to.have.members([
      'ClusterIssuer org-ca',
      'ClusterIssuer unused',
      'Issuer app/ca',
      'Issuer app/acme',
      'Issuer app/vault',
      'Certificate app/web',
      'Certificate app/pending',
      'Certificate other/api',
      'Secret issuer-secrets/org-ca-key',
      'Secret app/ca-key',
      'Secret app/cf-token',
      'ServiceAccount app/vault-auth',
    ]);
    expect(keys(r)).to.have.length(12);
    for (const o of r.objects) {
      expect(o, `${o.kind} ${o.metadata.name ?? ''}`).to.not.have.property('status');
      for (const field of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields'])
        expect(o.metadata, `${o.kind} ${o.metadata.name ?? ''}`).to.not.have.property(field);
    }
    const caKey = r.objects.find((o) => o.kind === 'Secret' && o.metadata.name === 'ca-key');
    expect(caKey).to.deep.include({ apiVersion: 'v1', type: 'Opaque', data: { k: 'dg==' } });
    expect(r.shimCertificates).to.deep.equal(['Certificate app/shop (owned by Ingress app/shop)']);
    expect(r.missing.map((d) => [d.kind, d.namespace, d.name, d.referencedBy, d.acmeAccountKey])).to.deep.equal([
      ['Secret', 'app', 'acme-account', ['Issuer app/acme spec.acme.privateKeySecretRef'], true],
    ]);
    expect(r.opaqueSolvers).to.deep.equal(['Issuer app/acme spec.acme.solvers[1].dns01.webhook']);
    // Read-only; Secrets are never listed, only the referenced ones fetched by name.
    expect(api.requests.every((q) => q.method === 'GET')).to.equal(true);
    const secretPaths = api.requests.filter((q) => q.path.includes('/secrets')).map((q) => q.path);
    expect(secretPaths).to.have.members([
      '/api/v1/namespaces/issuer-secrets/secrets/org-ca-key',
      '/api/v1/namespaces/app/secrets/ca-key',
      '/api/v1/namespaces/app/secrets/acme-account',
      '/api/v1/namespaces/app/secrets/cf-token',
    ]);
  });

  it('--namespace: only that namespace, with the ClusterIssuers its Certificates use and their Secrets', async () => {
    api = await startFakeApiServer(sourceCluster());
    const r = await exportConfiguration({
      kubeconfigPath: api.kubeconfig,
      namespaces: ['other'],
      withCertificateSecrets: false,
    });
    expect(keys(r)).to.have.members([
      'ClusterIssuer org-ca',
      'Certificate other/api',
      'Secret issuer-secrets/org-ca-key',
    ]);
    expect(keys(r)).to.have.length(3);
    expect([r.shimCertificates, r.missing, r.opaqueSolvers]).to.deep.equal([[], [], []]);
    const listed = api.requests.filter((q) => /issuers$|certificates$/.test(q.path)).map((q) => q.path);
    expect(listed).to.deep.equal([
      '/apis/cert-manager.io/v1/clusterissuers',
      '/apis/cert-manager.io/v1/namespaces/other/issuers',
      '/apis/cert-manager.io/v1/namespaces/other/certificates',
    ]);
  });

  it('--with-certificate-secrets: the issued key pairs too; a Certificate not issued yet is named, as optional', async () => {
    api = await startFakeApiServer(sourceCluster());
    const r = await exportConfiguration({
      kubeconfigPath: api.kubeconfig,
      namespaces: ['app'],
      withCertificateSecrets: true,
    });
    const secrets = keys(r).filter((k) => k.startsWith('Secret '));
    expect(secrets).to.have.members(['Secret app/ca-key', 'Secret app/cf-token', 'Secret app/web-tls']);
    // The shim Certificate's Secret stays with its Certificate: out.
    expect(secrets).to.not.include('Secret app/shop-tls');
    expect(keys(r).filter((k) => k.startsWith('ClusterIssuer'))).to.deep.equal([]);
    const pending = r.missing.find((d) => d.name === 'pending-tls');
    expect(pending).to.deep.include({
      kind: 'Secret',
      namespace: 'app',
      certificateSecret: true,
      acmeAccountKey: false,
      referencedBy: ['Certificate app/pending spec.secretName'],
    });
  });

  it('takes the cluster resource namespace from the option without reading Deployments, and defaults without a controller', async () => {
    api = await startFakeApiServer(sourceCluster());
    const given = await exportConfiguration({
      kubeconfigPath: api.kubeconfig,
      clusterResourceNamespace: 'cert-manager',
      withCertificateSecrets: false,
    });
    expect([given.clusterResourceNamespace, given.clusterResourceNamespaceSource]).to.deep.equal([
      'cert-manager',
      'option',
    ]);
    expect(api.requests.some((q) => q.path.includes('deployments'))).to.equal(false);
    // ClusterIssuer org-ca's key pair is looked for where the option says, and is not there.
    expect(given.missing.map((d) => `${d.namespace}/${d.name}`)).to.include('cert-manager/org-ca-key');
    await api.close();

    api = await startFakeApiServer(sourceCluster({ withController: false }));
    const defaulted = await exportConfiguration({ kubeconfigPath: api.kubeconfig, withCertificateSecrets: false });
    expect([defaulted.clusterResourceNamespace, defaulted.clusterResourceNamespaceSource]).to.deep.equal([
      'cert-manager',
      'not found: default',
    ]);
  });

  it("refuses a cluster without cert-manager's CRDs, naming the missing ones, before reading anything else", async () => {
    api = await startFakeApiServer(sourceCluster({ withCrds: false }));
    const err = await rejection(exportConfiguration({ kubeconfigPath: api.kubeconfig, withCertificateSecrets: false }));
    expect(err).to.be.instanceOf(ConfigurationCopyError);
    expect(err.message).to.match(
      /^cert-manager's CRDs are not installed in context fake \(http:\/\/127\.0\.0\.1:\d+\) \(missing certificates\.cert-manager\.io, issuers\.cert-manager\.io, clusterissuers\.cert-manager\.io\): nothing to export$/,
    );
    expect(api.requests.map((q) => q.path)).to.deep.equal(['/apis/apiextensions.k8s.io/v1/customresourcedefinitions']);
  });

  it('a 403 on a referenced Secret names the Secret, what references it and the export role', async () => {
    api = await startFakeApiServer(sourceCluster(), { forbidden: ['get secrets'] });
    const err = await rejection(
      exportConfiguration({ kubeconfigPath: api.kubeconfig, namespaces: ['app'], withCertificateSecrets: false }),
    );
    expect(err).to.be.instanceOf(ClusterAccessError);
    expect((err as ClusterAccessError).reason).to.equal('forbidden');
    expect(err.message).to.equal(
      'cannot get secrets app/ca-key (referenced by Issuer app/ca spec.ca.secretName): forbidden by RBAC ' +
        '(HTTP 403: secrets "ca-key" is forbidden: User "viewer" cannot get resource "secrets"); ' +
        'see docs/preflight-cluster-role.yaml for the export role (velero-cm-preflight-export)',
    );
  });
});
