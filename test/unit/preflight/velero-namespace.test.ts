import { expect } from 'chai';
import { clientConfigNamespace, resolveVeleroNamespace } from '../../../src/preflight/velero-namespace.js';

// Precedence as velero's client factory applies it (pkg/client/factory.go, v1.18.1): the config file's namespace
// overrides VELERO_NAMESPACE, and both fall back to `velero`; the preflight's own option wins over both.
describe('preflight: Velero namespace as the velero CLI finds it', () => {
  const none = () => undefined;
  it('defaults to velero, marked as not known', () => {
    expect(resolveVeleroNamespace(undefined, {}, none)).to.deep.equal({ namespace: 'velero', source: 'default' });
  });
  it('reads VELERO_NAMESPACE', () => {
    expect(resolveVeleroNamespace(undefined, { VELERO_NAMESPACE: 'kube-system' }, none)).to.deep.equal({
      namespace: 'kube-system',
      source: 'VELERO_NAMESPACE',
    });
  });
  it('the client config file wins over VELERO_NAMESPACE', () => {
    const config = () => JSON.stringify({ namespace: 'openshift-adp', features: '' });
    expect(resolveVeleroNamespace(undefined, { VELERO_NAMESPACE: 'kube-system' }, config)).to.deep.equal({
      namespace: 'openshift-adp',
      source: 'velero client config',
    });
  });
  it('the preflight option wins over the client settings', () => {
    const config = () => '{"namespace":"openshift-adp"}';
    expect(resolveVeleroNamespace('backup', { VELERO_NAMESPACE: 'x' }, config).namespace).to.equal('backup');
  });
  it('ignores an empty or broken config file and an empty variable', () => {
    expect(clientConfigNamespace('{"namespace":""}')).to.equal(undefined);
    expect(clientConfigNamespace('{not json')).to.equal(undefined);
    expect(clientConfigNamespace('[]')).to.equal(undefined);
    expect(resolveVeleroNamespace(undefined, { VELERO_NAMESPACE: '' }, () => '{').source).to.equal('default');
  });
});
