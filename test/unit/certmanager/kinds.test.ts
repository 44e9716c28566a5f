import { expect } from 'chai';
import { CRD_NAMES, certManagerTypeOf, apiGroupOf, groupResource, ORDER } from '../../../src/certmanager/kinds.js';

describe('certmanager/kinds', () => {
  it('names the six CRDs as resource.group', () => {
    expect(CRD_NAMES).to.have.members([
      'certificates.cert-manager.io',
      'certificaterequests.cert-manager.io',
      'issuers.cert-manager.io',
      'clusterissuers.cert-manager.io',
      'orders.acme.cert-manager.io',
      'challenges.acme.cert-manager.io',
    ]);
  });

  it('recognises cert-manager objects by apiVersion and kind only', () => {
    expect(certManagerTypeOf('acme.cert-manager.io/v1', 'Order')).to.equal(ORDER);
    expect(certManagerTypeOf('cert-manager.io/v1', 'Order')).to.equal(undefined);
    expect(certManagerTypeOf('v1', 'Secret')).to.equal(undefined);
  });

  it('splits apiVersion into its group', () => {
    expect(apiGroupOf('v1')).to.equal('');
    expect(apiGroupOf('networking.k8s.io/v1')).to.equal('networking.k8s.io');
    expect(groupResource({ group: '', resource: 'secrets' })).to.equal('secrets');
  });
});
