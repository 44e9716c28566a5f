import { expect } from 'chai';
import type { KubeObject } from '../../../../src/preflight/audit/findings.js';
import { findCertManager } from '../../../../src/preflight/cluster/installation.js';

const controller = (namespace: string, args: string[]): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'cert-manager',
    namespace,
    labels: {
      'app.kubernetes.io/name': 'cert-manager',
      'app.kubernetes.io/component': 'controller',
      'app.kubernetes.io/instance': 'cert-manager',
    },
  },
  spec: {
    template: {
      metadata: {
        labels: {
          'app.kubernetes.io/name': 'cert-manager',
          'app.kubernetes.io/component': 'controller',
          'app.kubernetes.io/instance': 'cert-manager',
        },
      },
      spec: {
        containers: [
          {
            name: 'cert-manager-controller',
            image: 'quay.io/jetstack/cert-manager-controller:v1.19.1',
            args,
            env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
          },
        ],
      },
    },
  },
});

describe('preflight cluster mode: cert-manager installation', () => {
  it("expands the chart's $(POD_NAMESPACE) in --cluster-resource-namespace", () => {
    expect(
      findCertManager([controller('cm', ['--v=2', '--cluster-resource-namespace=$(POD_NAMESPACE)'])]),
    ).to.deep.equal({ namespace: 'cm', clusterResourceNamespace: 'cm', source: 'controller-flag' });
    expect(
      findCertManager([controller('cm', ['--cluster-resource-namespace', 'issuers'])])?.clusterResourceNamespace,
    ).to.equal('issuers');
  });
  it('without the flag the binary default kube-system applies; without cert-manager there is nothing', () => {
    expect(findCertManager([controller('cm', ['--v=2'])])).to.deep.equal({
      namespace: 'cm',
      clusterResourceNamespace: 'kube-system',
      source: 'binary-default',
    });
    expect(findCertManager([])).to.equal(undefined);
  });
});
