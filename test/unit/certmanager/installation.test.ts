import { expect } from 'chai';
import type { KubeObject } from '../../../src/host/action.js';
import { describeId } from '../../../src/certmanager/identifiers.js';
import {
  chartFullname,
  chartRbacFor,
  chartWebhookConfigurations,
  chartWebhookFullname,
  componentOfDeployment,
  componentOfImage,
  recognizeCertManagerWorkload,
} from '../../../src/certmanager/installation.js';
import { chartDeployment } from './fixtures.js';

const plain = (name: string, namespace: string, image: string, kind = 'Deployment'): KubeObject => ({
  apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
  kind,
  metadata: { name, namespace },
  spec:
    kind === 'Pod'
      ? { containers: [{ name: 'c', image }] }
      : { template: { spec: { containers: [{ name: 'c', image }] } } },
});

describe('certmanager/installation', () => {
  const cases: {
    title: string;
    item: KubeObject;
    namespace?: string;
    expected?: { component: string; via: string; fullname: string; sa: string };
  }[] = [
    {
      title: 'Helm controller',
      item: chartDeployment('controller'),
      expected: { component: 'controller', via: 'chart-labels', fullname: 'cert-manager', sa: 'cert-manager' },
    },
    {
      title: 'Helm webhook',
      item: chartDeployment('webhook'),
      expected: {
        component: 'webhook',
        via: 'chart-labels',
        fullname: 'cert-manager-webhook',
        sa: 'cert-manager-webhook',
      },
    },
    {
      title: 'Helm cainjector, other release name',
      item: chartDeployment('cainjector', { release: 'certs' }),
      expected: {
        component: 'cainjector',
        via: 'chart-labels',
        fullname: 'certs-cert-manager-cainjector',
        sa: 'certs-cert-manager-cainjector',
      },
    },
    {
      title: 'static manifests (no helm.sh/chart)',
      item: chartDeployment('webhook', { helm: false }),
      expected: {
        component: 'webhook',
        via: 'chart-labels',
        fullname: 'cert-manager-webhook',
        sa: 'cert-manager-webhook',
      },
    },
    {
      title: 'custom install recognised by image',
      item: plain('cm', 'platform', 'registry.local/mirror/cert-manager-controller:v1.21.2'),
      expected: { component: 'controller', via: 'image', fullname: 'cm', sa: 'default' },
    },
    {
      title: 'image by digest',
      item: plain('hook', 'platform', 'quay.io/jetstack/cert-manager-webhook@sha256:abc'),
      expected: { component: 'webhook', via: 'image', fullname: 'hook', sa: 'default' },
    },
    {
      title: 'configured namespace and chart-like name',
      item: plain('my-cert-manager-cainjector', 'certs', 'mirror/ci:1'),
      namespace: 'certs',
      expected: { component: 'cainjector', via: 'namespace', fullname: 'my-cert-manager-cainjector', sa: 'default' },
    },
    {
      title: 'configured namespace but unrelated name',
      item: plain('trust-manager', 'certs', 'mirror/tm:1'),
      namespace: 'certs',
    },
    {
      title: 'generic webhook labels without cert-manager signs',
      item: {
        ...plain('webhook', 'x', 'example/webhook:1'),
        metadata: { name: 'webhook', namespace: 'x', labels: { 'app.kubernetes.io/component': 'webhook' } },
      },
    },
    {
      title: 'acmesolver image is not a component',
      item: plain('solver', 'x', 'quay.io/jetstack/cert-manager-acmesolver:v1'),
    },
    {
      title: 'a ConfigMap is not a workload',
      item: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cert-manager', namespace: 'cert-manager' } },
      namespace: 'cert-manager',
    },
  ];
  for (const c of cases) {
    it(`recognises: ${c.title}`, () => {
      const found = recognizeCertManagerWorkload(c.item, c.namespace ? { certManagerNamespace: c.namespace } : {});
      if (!c.expected) return expect(found).to.equal(undefined);
      expect(found).to.include({
        component: c.expected.component,
        via: c.expected.via,
        componentFullname: c.expected.fullname,
        serviceAccountName: c.expected.sa,
      });
    });
  }

  it('finds the Deployment name of a ReplicaSet and a Pod', () => {
    const deployment = chartDeployment('webhook');
    const template = (deployment.spec as { template: { metadata: { labels: Record<string, string> }; spec: unknown } })
      .template;
    const labels = { ...template.metadata.labels, 'pod-template-hash': '7d9f8c6b5' };
    const replicaSet: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'cert-manager-webhook-7d9f8c6b5',
        namespace: 'cert-manager',
        labels,
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'cert-manager-webhook', controller: true },
        ],
      },
      spec: { template: { metadata: { labels }, spec: template.spec } },
    };
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'cert-manager-webhook-7d9f8c6b5-x2x9z', namespace: 'cert-manager', labels },
      spec: template.spec,
    };
    expect(recognizeCertManagerWorkload(replicaSet)?.componentFullname).to.equal('cert-manager-webhook');
    expect(recognizeCertManagerWorkload(pod)?.componentFullname).to.equal('cert-manager-webhook');
  });

  it('builds the chart full names', () => {
    expect(chartFullname({ component: 'webhook', componentFullname: 'cert-manager-webhook' })).to.equal('cert-manager');
    expect(chartFullname({ component: 'controller', componentFullname: 'x-cert-manager' })).to.equal('x-cert-manager');
    expect(chartWebhookFullname('cert-manager')).to.equal('cert-manager-webhook');
    expect(chartWebhookFullname('a'.repeat(70))).to.equal(`${'a'.repeat(55)}-webhook`);
  });

  const rbacCases: { component: 'controller' | 'webhook' | 'cainjector'; expected: string[] }[] = [
    {
      component: 'controller',
      expected: [
        'serviceaccounts cert-manager/cert-manager',
        'roles.rbac.authorization.k8s.io kube-system/cert-manager:leaderelection',
        'rolebindings.rbac.authorization.k8s.io kube-system/cert-manager:leaderelection',
        ...[
          'issuers',
          'clusterissuers',
          'certificates',
          'orders',
          'challenges',
          'ingress-shim',
          'approve:cert-manager-io',
          'certificatesigningrequests',
        ].flatMap((s) => [
          `clusterroles.rbac.authorization.k8s.io cert-manager-controller-${s}`,
          `clusterrolebindings.rbac.authorization.k8s.io cert-manager-controller-${s}`,
        ]),
      ],
    },
    {
      component: 'webhook',
      expected: [
        'serviceaccounts cert-manager/cert-manager-webhook',
        'roles.rbac.authorization.k8s.io cert-manager/cert-manager-webhook:dynamic-serving',
        'rolebindings.rbac.authorization.k8s.io cert-manager/cert-manager-webhook:dynamic-serving',
        'clusterroles.rbac.authorization.k8s.io cert-manager-webhook:subjectaccessreviews',
        'clusterrolebindings.rbac.authorization.k8s.io cert-manager-webhook:subjectaccessreviews',
      ],
    },
    {
      component: 'cainjector',
      expected: [
        'serviceaccounts cert-manager/cert-manager-cainjector',
        'clusterroles.rbac.authorization.k8s.io cert-manager-cainjector',
        'clusterrolebindings.rbac.authorization.k8s.io cert-manager-cainjector',
        'roles.rbac.authorization.k8s.io kube-system/cert-manager-cainjector:leaderelection',
        'rolebindings.rbac.authorization.k8s.io kube-system/cert-manager-cainjector:leaderelection',
      ],
    },
  ];
  for (const c of rbacCases) {
    it(`names the chart RBAC of the ${c.component}`, () => {
      const workload = recognizeCertManagerWorkload(chartDeployment(c.component))!;
      expect(chartRbacFor(workload).map(describeId)).to.have.members(c.expected);
      expect(chartRbacFor(workload)).to.have.length(c.expected.length);
    });
  }

  it('puts leader-election Roles in the configured namespace', () => {
    const workload = recognizeCertManagerWorkload(chartDeployment('cainjector'))!;
    expect(
      chartRbacFor(workload, { leaderElectionNamespace: 'cm-leases' })
        .filter((id) => id.resource === 'roles')
        .map((id) => id.namespace),
    ).to.deep.equal(['cm-leases']);
  });

  it('names the chart webhook configurations from any component', () => {
    for (const component of ['controller', 'webhook', 'cainjector'] as const) {
      const workload = recognizeCertManagerWorkload(chartDeployment(component, { release: 'platform' }))!;
      expect(chartWebhookConfigurations(workload).map(describeId)).to.deep.equal([
        'validatingwebhookconfigurations.admissionregistration.k8s.io platform-cert-manager-webhook',
        'mutatingwebhookconfigurations.admissionregistration.k8s.io platform-cert-manager-webhook',
      ]);
    }
  });

  describe('componentOfDeployment (live Deployments, startupapicheck included)', () => {
    const labelled = (component: string, name: string) => ({
      metadata: { labels: { 'app.kubernetes.io/component': component, 'app.kubernetes.io/name': name } },
      spec: { template: { spec: { containers: [{ image: 'mirror/unrelated:1' }] } } },
    });
    const running = (...images: string[]) => ({
      metadata: { labels: { app: 'relabelled' } },
      spec: { template: { spec: { containers: images.map((image) => ({ image })) } } },
    });

    it('recognises startupapicheck by the chart labels', () => {
      expect(componentOfDeployment(labelled('startupapicheck', 'startupapicheck'))).to.equal('startupapicheck');
    });

    it('recognises startupapicheck by its image, by tag or digest', () => {
      expect(componentOfDeployment(running('quay.io/jetstack/cert-manager-startupapicheck:v1.21.2'))).to.equal(
        'startupapicheck',
      );
      expect(componentOfDeployment(running('mirror/cert-manager-startupapicheck@sha256:abc'))).to.equal(
        'startupapicheck',
      );
    });

    it('requires the chart name that belongs to the component label', () => {
      expect(componentOfDeployment(labelled('startupapicheck', 'cert-manager'))).to.equal(undefined);
      expect(componentOfDeployment(labelled('controller', 'cert-manager'))).to.equal('controller');
      expect(componentOfDeployment(labelled('controller', 'controller'))).to.equal(undefined);
    });

    it('takes the first container whose image is cert-manager, and ignores other cert-manager images', () => {
      expect(componentOfDeployment(running('envoy:1', 'mirror/cert-manager-cainjector:v1'))).to.equal('cainjector');
      expect(componentOfDeployment(running('quay.io/jetstack/cert-manager-acmesolver:v1'))).to.equal(undefined);
      expect(componentOfDeployment({})).to.equal(undefined);
    });

    it('componentOfImage names the component an image runs', () => {
      expect(componentOfImage('quay.io/jetstack/cert-manager-controller:v1')).to.equal('controller');
      expect(componentOfImage('cert-manager-webhook')).to.equal('webhook');
      expect(componentOfImage('quay.io/jetstack/cert-manager-controller-extra:v1')).to.equal(undefined);
      expect(componentOfImage(undefined)).to.equal(undefined);
    });

    it("leaves the actions' recognition to the long-running components", () => {
      const check = plain('cert-manager-startupapicheck', 'x', 'quay.io/jetstack/cert-manager-startupapicheck:v1');
      expect(recognizeCertManagerWorkload(check)).to.equal(undefined);
    });
  });
});
