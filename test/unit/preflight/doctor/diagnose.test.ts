import { expect } from 'chai';
import type { KubeObject } from '../../../../src/preflight/audit/findings.js';
import type { InventoryItem } from '../../../../src/preflight/audit/inventory.js';
import { diagnose } from '../../../../src/preflight/doctor/diagnose.js';
import { fixCommands } from '../../../../src/preflight/doctor/command.js';
import * as F from '../audit/fixtures.js';

const item = ([resource, obj]: [
  string,
  { metadata: { name: string; namespace?: string; [k: string]: unknown }; [k: string]: unknown },
]): InventoryItem => ({
  groupResource: resource,
  namespace: obj.metadata.namespace ?? '',
  name: obj.metadata.name,
  object: obj as unknown as KubeObject,
});

const healthy = () =>
  F.healthyCluster()
    .filter(([r]) => !r.startsWith('customresourcedefinitions'))
    .map(item);

const run = (items: InventoryItem[], context?: string) =>
  diagnose(items, { clusterResourceNamespace: 'cert-manager', file: 'cluster:test', ...(context ? { context } : {}) });
const cr = (ns: string, name: string, owned: boolean, certificate?: string): InventoryItem =>
  item([
    'certificaterequests.cert-manager.io',
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'CertificateRequest',
      metadata: {
        name,
        namespace: ns,
        ...(certificate ? { annotations: { 'cert-manager.io/certificate-name': certificate } } : {}),
        ...(owned
          ? {
              ownerReferences: [
                { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', name: 'x', uid: 'u', controller: true },
              ],
            }
          : {}),
      },
    },
  ]);

describe('preflight doctor: diagnosis of a restored cluster', () => {
  it('a healthy cluster has no findings', () => {
    expect(run(healthy())).to.deep.equal([]);
  });

  it('orphaned CertificateRequests: the one named like the next request blocks issuance', () => {
    const items = [
      ...healthy(),
      cr('app', 'web-1', false, 'web'),
      cr('app', 'internal-7', false),
      cr('app', 'web-2', true, 'web'),
    ];
    const found = run(items, 'prod');
    expect(found.map((f) => [f.ruleId, f.severity, f.message])).to.deep.equal([
      [
        'CMV301',
        'warning',
        "CertificateRequest app/internal-7 has no owner (restored without its Certificate's ownerReference): it is signed again and never cleaned up",
      ],
      [
        'CMV301',
        'error',
        'CertificateRequest app/web-1 has no owner and is named like the next request of Certificate app/web (revision 1): its next issuance fails with AlreadyExists',
      ],
    ]);
    expect(found[1]!.commands).to.deep.equal([
      ['kubectl', '--context', 'prod', 'delete', 'certificaterequests.cert-manager.io', '-n', 'app', 'web-1'],
    ]);
  });

  it('a shim Certificate not controlled by its annotated Ingress', () => {
    const ingress = item([
      'ingresses.networking.k8s.io',
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          name: 'shop',
          namespace: 'app',
          uid: 'uid-new',
          annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
        },
        spec: { tls: [{ hosts: ['shop.example'], secretName: 'shop-tls' }] },
      },
    ]);
    const orphan = item(
      F.certificate('app', 'shop-tls', {
        secretName: 'shop-tls',
        issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
      }),
    );
    const stale = item(
      F.certificate(
        'app',
        'shop-tls',
        { secretName: 'shop-tls', issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
        F.ingressOwner('shop', 'uid-old'),
      ),
    );
    const good = item(
      F.certificate(
        'app',
        'shop-tls',
        { secretName: 'shop-tls', issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
        F.ingressOwner('shop', 'uid-new'),
      ),
    );
    const secret = item(
      F.secret('app', 'shop-tls', {
        'cert-manager.io/certificate-name': 'shop-tls',
        'cert-manager.io/issuer-name': 'letsencrypt',
        'cert-manager.io/issuer-kind': 'ClusterIssuer',
      }),
    );
    const shim = (cert: InventoryItem) =>
      run([...healthy(), ingress, cert, secret]).filter((f) => f.ruleId === 'CMV302');
    expect(shim(orphan).map((f) => f.message)).to.deep.equal([
      'Certificate app/shop-tls is not controlled by Ingress app/shop, whose TLS entry it serves (it has no owner): the shim will not manage it',
    ]);
    expect(shim(stale)[0]!.message).to.contain('its controller is Ingress shop with another UID');
    expect(shim(good)).to.deep.equal([]);
    expect(shim(orphan)[0]!.commands).to.deep.equal([
      ['kubectl', 'delete', 'certificates.cert-manager.io', '-n', 'app', 'shop-tls'],
    ]);
  });

  it('Certificate Secrets missing or not matching, issuer Secrets missing', () => {
    const items = healthy()
      .filter(
        (i) => !(i.groupResource === 'secrets' && (i.name === 'internal-tls' || i.name === 'letsencrypt-account')),
      )
      .map((i) =>
        i.groupResource === 'secrets' && i.name === 'web-tls'
          ? {
              ...i,
              object: {
                ...i.object,
                metadata: { ...i.object.metadata, annotations: { 'cert-manager.io/certificate-name': 'web' } },
              },
            }
          : i,
      );
    expect(run(items).map((f) => `${f.ruleId} ${f.message}`)).to.deep.equal([
      'CMV303 Secret app/internal-tls of Certificate app/internal does not exist: cert-manager issues the certificate again (new key)',
      'CMV303 Secret app/web-tls of Certificate app/web was issued by kind Issuer, not ClusterIssuer (cert-manager.io/issuer-kind): cert-manager issues the certificate again (new key)',
      'CMV304 ClusterIssuer letsencrypt references Secret cert-manager/letsencrypt-account (spec.acme.privateKeySecretRef), which does not exist',
    ]);
  });

  it('--namespace: only findings about objects in those namespaces, and always those about cluster-scoped ones', () => {
    const items = [
      ...healthy().filter((i) => !(i.groupResource === 'secrets' && i.name === 'letsencrypt-account')),
      cr('app', 'web-1', false, 'web'),
      cr('shop', 'old-3', false),
      cr('cert-manager', 'stray-1', false),
    ];
    const about = (namespaces?: string[]) =>
      diagnose(items, {
        clusterResourceNamespace: 'cert-manager',
        file: 'cluster:test',
        ...(namespaces ? { namespaces } : {}),
      }).map((f) => `${f.ruleId} ${f.subject.kind} ${f.subject.name ?? ''}`);
    const clusterIssuer = 'CMV304 ClusterIssuer letsencrypt';
    expect(about()).to.deep.equal([
      'CMV301 CertificateRequest app/web-1',
      'CMV301 CertificateRequest cert-manager/stray-1',
      'CMV301 CertificateRequest shop/old-3',
      clusterIssuer,
    ]);
    expect(about(['shop'])).to.deep.equal(['CMV301 CertificateRequest shop/old-3', clusterIssuer]);
    expect(about(['app', 'shop'])).to.deep.equal([
      'CMV301 CertificateRequest app/web-1',
      'CMV301 CertificateRequest shop/old-3',
      clusterIssuer,
    ]);
    // The ClusterIssuer's Secret is judged in the cluster resource namespace even when that namespace is not chosen.
    expect(about(['nowhere'])).to.deep.equal([clusterIssuer]);
  });

  it('Orders and Challenges without status or owner, the Challenge finalizer cleared first', () => {
    const order = item([
      'orders.acme.cert-manager.io',
      { apiVersion: 'acme.cert-manager.io/v1', kind: 'Order', metadata: { name: 'web-1-1', namespace: 'app' } },
    ]);
    const live = item([
      'orders.acme.cert-manager.io',
      {
        apiVersion: 'acme.cert-manager.io/v1',
        kind: 'Order',
        metadata: { name: 'web-2-1', namespace: 'app' },
        status: { state: 'pending' },
      },
    ]);
    const challenge = item([
      'challenges.acme.cert-manager.io',
      {
        apiVersion: 'acme.cert-manager.io/v1',
        kind: 'Challenge',
        metadata: { name: 'web-1-1-0', namespace: 'app', finalizers: ['acme.cert-manager.io/finalizer'] },
      },
    ]);
    const found = run([...healthy(), order, live, challenge]);
    expect(found.map((f) => f.subject.name)).to.deep.equal(['app/web-1-1', 'app/web-1-1-0']);
    expect(fixCommands(found)).to.deep.equal([
      ['kubectl', 'delete', 'orders.acme.cert-manager.io', '-n', 'app', 'web-1-1'],
      [
        'kubectl',
        'patch',
        'challenges.acme.cert-manager.io',
        '-n',
        'app',
        'web-1-1-0',
        '--type=merge',
        '-p',
        '{"metadata":{"finalizers":null}}',
      ],
      ['kubectl', 'delete', 'challenges.acme.cert-manager.io', '-n', 'app', 'web-1-1-0'],
    ]);
  });
});
