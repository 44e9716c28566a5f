import { expect } from 'chai';
import { canonicalFor, likelyTypo, resolveResource } from '../../../src/preflight/resources.js';

// Discovery as velero-cli.md §8 describes it (Velero's ResourceFor + kubectl's shortcut expander + the REST mapper).
describe('preflight resources: discovery model', () => {
  for (const [entry, canonical] of [
    ['deployments', 'deployments.apps'],
    ['deployment', 'deployments.apps'],
    ['Deployment', 'deployments.apps'], // the resource part is lower-cased
    ['deploy', 'deployments.apps'],
    ['pvc', 'persistentvolumeclaims'],
    ['Secrets', 'secrets'],
    ['crd', 'customresourcedefinitions.apiextensions.k8s.io'],
    ['cert', 'certificates.cert-manager.io'],
    ['Certificate', 'certificates.cert-manager.io'],
    ['orders.acme', 'orders.acme.cert-manager.io'], // group prefix
    ['certificates.cert-manager', 'certificates.cert-manager.io'],
    ['Ingress.networking.k8s.io', 'ingresses.networking.k8s.io'], // Velero issue 2169
  ] as const)
    it(`${entry} resolves to ${canonical}`, () => expect(resolveResource(entry)?.canonical).to.equal(canonical));
  for (const entry of [
    'PVC',
    'deploymnets',
    'Certificates.Cert-Manager.io',
    'virtualmachines.kubevirt.io',
    '*.cert-manager.io',
  ])
    it(`${entry} does not resolve`, () => expect(resolveResource(entry)).to.equal(undefined));
  it('built-in types are marked as served everywhere, custom types are not', () => {
    expect(resolveResource('pods')?.builtIn).to.equal(true);
    expect(resolveResource('certificates')?.builtIn).to.equal(false);
    expect(resolveResource('volumesnapshots.snapshot.storage.k8s.io')?.builtIn).to.equal(false);
  });
  it('canonicalFor names another spelling only', () => {
    expect(canonicalFor('secrets')).to.equal(undefined);
    expect(canonicalFor('secret')).to.equal('secrets');
  });
  it('suggests a type for near misses and stays silent for plausible custom types', () => {
    expect(likelyTypo('deploymnets')).to.equal('deployments.apps');
    expect(likelyTypo('PVC')).to.equal('persistentvolumeclaims');
    expect(likelyTypo('-apiservices')).to.equal('apiservices.apiregistration.k8s.io');
    for (const quiet of [
      'routes',
      'ingressroutes.traefik.io',
      'pvcs',
      'virtualmachines.kubevirt.io',
      ' secrets',
      '*',
      'deployments',
    ])
      expect(likelyTypo(quiet), quiet).to.equal(undefined);
  });
});
