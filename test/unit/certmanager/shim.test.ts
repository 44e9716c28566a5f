import { expect } from 'chai';
import type { KubeObject } from '../../../src/host/action.js';
import {
  hasShimAnnotations,
  ingressLikeTlsSecrets,
  isIngressLike,
  shimIssuerReference,
  shimOwnerOf,
} from '../../../src/certmanager/shim.js';
import { OWNER_FIXTURES, certificate } from './fixtures.js';

const ingress = (annotations: Record<string, string>, tls: unknown[] = []): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'team-a', annotations },
  spec: { tls },
});

const gateway = (annotations: Record<string, string>, listeners: unknown[]): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gw', namespace: 'team-b', annotations },
  spec: { gatewayClassName: 'x', listeners },
});

describe('certmanager/shim', () => {
  describe('shimOwnerOf', () => {
    for (const fixture of OWNER_FIXTURES) {
      it(`${fixture.title} -> ${fixture.shimKind ?? 'user-managed'}`, () => {
        expect(shimOwnerOf(certificate('c', 'ns', { owners: fixture.owners }))?.kind).to.equal(fixture.shimKind);
      });
    }
  });

  const annotationCases: {
    title: string;
    item: KubeObject;
    shim: boolean;
    issuer?: { name: string; kind: string; group: string };
  }[] = [
    {
      title: 'Ingress with issuer',
      item: ingress({ 'cert-manager.io/issuer': 'ca' }),
      shim: true,
      issuer: { name: 'ca', kind: 'Issuer', group: 'cert-manager.io' },
    },
    {
      title: 'Ingress with cluster-issuer',
      item: ingress({ 'cert-manager.io/cluster-issuer': 'le' }),
      shim: true,
      issuer: { name: 'le', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    },
    {
      title: 'Ingress with external issuer kind and group',
      item: ingress({
        'cert-manager.io/issuer': 'pca',
        'cert-manager.io/issuer-kind': 'AWSPCAIssuer',
        'cert-manager.io/issuer-group': 'awspca.cert-manager.io',
      }),
      shim: true,
      issuer: { name: 'pca', kind: 'AWSPCAIssuer', group: 'awspca.cert-manager.io' },
    },
    { title: 'Ingress with tls-acme true', item: ingress({ 'kubernetes.io/tls-acme': 'true' }), shim: true },
    { title: 'Ingress with tls-acme false', item: ingress({ 'kubernetes.io/tls-acme': 'false' }), shim: false },
    {
      title: 'Ingress with only an ingress class',
      item: ingress({ 'kubernetes.io/ingress.class': 'nginx' }),
      shim: false,
    },
    {
      title: 'Gateway with tls-acme (Ingress only)',
      item: gateway({ 'kubernetes.io/tls-acme': 'true' }, []),
      shim: false,
    },
    {
      title: 'Gateway with cluster-issuer',
      item: gateway({ 'cert-manager.io/cluster-issuer': 'le' }, []),
      shim: true,
      issuer: { name: 'le', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    },
  ];
  for (const c of annotationCases) {
    it(`annotations: ${c.title}`, () => {
      expect(hasShimAnnotations(c.item)).to.equal(c.shim);
      expect(shimIssuerReference(c.item)).to.deep.equal(c.issuer);
    });
  }

  it('reads Ingress TLS Secrets', () => {
    const item = ingress({}, [
      { hosts: ['a'], secretName: 'a-tls' },
      { hosts: ['b'] },
      { secretName: 'a-tls' },
      { secretName: 'c-tls' },
    ]);
    expect(ingressLikeTlsSecrets(item)).to.deep.equal([
      { namespace: 'team-a', name: 'a-tls', field: 'spec.tls[0].secretName' },
      { namespace: 'team-a', name: 'c-tls', field: 'spec.tls[3].secretName' },
    ]);
  });

  it('reads Gateway listener certificateRefs of core Secrets only, honouring their namespace', () => {
    const item = gateway({}, [
      {
        name: 'https',
        protocol: 'HTTPS',
        hostname: 'a.example',
        tls: {
          mode: 'Terminate',
          certificateRefs: [{ name: 'a-tls' }, { kind: 'Secret', group: '', name: 'b-tls', namespace: 'shared' }],
        },
      },
      { name: 'http', protocol: 'HTTP' },
      {
        name: 'other',
        protocol: 'TLS',
        tls: {
          certificateRefs: [
            { kind: 'ConfigMap', name: 'no' },
            { group: 'example.com', kind: 'Secret', name: 'no' },
          ],
        },
      },
    ]);
    expect(ingressLikeTlsSecrets(item).map((r) => `${r.namespace}/${r.name}`)).to.deep.equal([
      'team-b/a-tls',
      'shared/b-tls',
    ]);
  });

  it('recognises the kinds the shims watch', () => {
    expect(isIngressLike(ingress({}))).to.equal(true);
    expect(isIngressLike(gateway({}, []))).to.equal(true);
    expect(isIngressLike({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ListenerSet', metadata: {} })).to.equal(
      true,
    );
    expect(isIngressLike({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: {} })).to.equal(
      false,
    );
    expect(isIngressLike(certificate('c', 'n'))).to.equal(false);
  });
});
