import { expect } from 'chai';
import { componentOfDeployment as certManagerComponent } from '../../../src/certmanager/installation.js';
import {
  clusterResourceNamespaceFlag,
  controllerConfigMapName,
  describeInstallation,
  findWebhookService,
  isCertManagerWebhookConfiguration,
} from '../../../src/kube/installation.js';
import type { DeploymentShape, WebhookConfigurationShape } from '../../../src/kube/shapes.js';

function chartDeployment(
  name: string,
  component: string,
  chartName: string,
  args: string[] = [],
  namespace = 'cert-manager',
): DeploymentShape {
  return {
    metadata: {
      name,
      namespace,
      labels: {
        'app.kubernetes.io/name': chartName,
        'app.kubernetes.io/component': component,
        'app.kubernetes.io/instance': 'cert-manager',
      },
    },
    spec: {
      template: {
        metadata: {
          labels: {
            'app.kubernetes.io/name': chartName,
            'app.kubernetes.io/component': component,
            'app.kubernetes.io/instance': 'cert-manager',
          },
        },
        spec: {
          serviceAccountName: name,
          containers: [
            {
              name: `cert-manager-${component}`,
              image: `quay.io/jetstack/cert-manager-${component}:v1.21.2`,
              args,
              env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
            },
          ],
        },
      },
    },
  };
}

const webhookConfig = (
  name: string,
  groups: string[],
  service?: { namespace: string; name: string },
): WebhookConfigurationShape => ({
  metadata: { name },
  webhooks: [
    {
      name: 'webhook.cert-manager.io',
      rules: [{ apiGroups: groups }],
      ...(service ? { clientConfig: { service } } : {}),
    },
  ],
});

describe('kube/installation', () => {
  describe('certManagerComponent', () => {
    it('recognises the chart labels of each component', () => {
      expect(certManagerComponent(chartDeployment('cert-manager', 'controller', 'cert-manager'))).to.equal(
        'controller',
      );
      expect(certManagerComponent(chartDeployment('cert-manager-webhook', 'webhook', 'webhook'))).to.equal('webhook');
      expect(certManagerComponent(chartDeployment('cert-manager-cainjector', 'cainjector', 'cainjector'))).to.equal(
        'cainjector',
      );
    });

    it('falls back to the image name when the labels are not the chart ones', () => {
      const relabelled: DeploymentShape = {
        metadata: { name: 'issuer-bot', namespace: 'x', labels: { app: 'certs' } },
        spec: {
          template: {
            spec: {
              containers: [{ name: 'c', image: 'registry.example.com/mirror/cert-manager-controller@sha256:abc' }],
            },
          },
        },
      };
      expect(certManagerComponent(relabelled)).to.equal('controller');
    });

    it('ignores workloads that only share a label value', () => {
      const other: DeploymentShape = {
        metadata: {
          name: 'web',
          labels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'ingress-nginx' },
        },
        spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1' }] } } },
      };
      expect(certManagerComponent(other)).to.equal(undefined);
    });
  });

  describe('clusterResourceNamespaceFlag', () => {
    it('expands $(POD_NAMESPACE) from the field reference, as the chart passes it', () => {
      const d = chartDeployment(
        'cert-manager',
        'controller',
        'cert-manager',
        ['--v=2', '--cluster-resource-namespace=$(POD_NAMESPACE)'],
        'security',
      );
      expect(clusterResourceNamespaceFlag(d)).to.equal('security');
    });

    it('reads the "--flag value" form and literal env values', () => {
      const d = chartDeployment('cert-manager', 'controller', 'cert-manager', [
        '--cluster-resource-namespace',
        '$(CRN)-ns',
      ]);
      d.spec!.template!.spec!.containers![0]!.env = [{ name: 'CRN', value: 'issuers' }];
      expect(clusterResourceNamespaceFlag(d)).to.equal('issuers-ns');
    });

    it('is undefined without the flag, and leaves unknown variables as Kubernetes does', () => {
      expect(clusterResourceNamespaceFlag(chartDeployment('c', 'controller', 'cert-manager', ['--v=2']))).to.equal(
        undefined,
      );
      expect(
        clusterResourceNamespaceFlag(
          chartDeployment('c', 'controller', 'cert-manager', ['--cluster-resource-namespace=$(NOPE)']),
        ),
      ).to.equal('$(NOPE)');
    });
  });

  it('finds the ConfigMap behind a --config flag', () => {
    const d = chartDeployment('cert-manager', 'controller', 'cert-manager', [
      '--config=/var/cert-manager/config/config.yaml',
    ]);
    d.spec!.template!.spec!.volumes = [{ name: 'config', configMap: { name: 'cert-manager' } }];
    expect(controllerConfigMapName(d)).to.equal('cert-manager');
    expect(controllerConfigMapName(chartDeployment('cert-manager', 'controller', 'cert-manager'))).to.equal(undefined);
  });

  it('recognises webhook configurations by the groups they intercept or the Service they call', () => {
    const service = { namespace: 'cert-manager', name: 'cert-manager-webhook' };
    expect(isCertManagerWebhookConfiguration(webhookConfig('a', ['cert-manager.io']), undefined)).to.equal(true);
    expect(isCertManagerWebhookConfiguration(webhookConfig('b', ['apps'], service), service)).to.equal(true);
    expect(
      isCertManagerWebhookConfiguration(webhookConfig('c', ['apps'], { namespace: 'other', name: 'x' }), service),
    ).to.equal(false);
  });

  it('finds the webhook Service from the configurations, else by selector', () => {
    const webhook = chartDeployment('cert-manager-webhook', 'webhook', 'webhook');
    const fromConfig = findWebhookService(
      webhook,
      [webhookConfig('v', ['cert-manager.io'], { namespace: 'cert-manager', name: 'svc-a' })],
      [],
    );
    expect(fromConfig).to.deep.equal({ namespace: 'cert-manager', name: 'svc-a' });
    const bySelector = findWebhookService(
      webhook,
      [],
      [
        {
          metadata: { name: 'metrics', namespace: 'cert-manager' },
          spec: { selector: { 'app.kubernetes.io/name': 'cert-manager' } },
        },
        {
          metadata: { name: 'hook', namespace: 'cert-manager' },
          spec: { selector: { 'app.kubernetes.io/name': 'webhook', 'app.kubernetes.io/component': 'webhook' } },
        },
      ],
    );
    expect(bySelector).to.deep.equal({ namespace: 'cert-manager', name: 'hook' });
  });

  describe('describeInstallation', () => {
    const deployments = [
      chartDeployment('cert-manager', 'controller', 'cert-manager', ['--cluster-resource-namespace=$(POD_NAMESPACE)']),
      chartDeployment('cert-manager-webhook', 'webhook', 'webhook'),
      chartDeployment('cert-manager-cainjector', 'cainjector', 'cainjector'),
      {
        metadata: { name: 'unrelated', namespace: 'default' },
        spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
      },
    ];
    const service = { namespace: 'cert-manager', name: 'cert-manager-webhook' };

    it('puts the pieces together', () => {
      const found = describeInstallation({
        deployments,
        validating: [
          webhookConfig('cert-manager-webhook', ['cert-manager.io', 'acme.cert-manager.io'], service),
          webhookConfig('other', ['apps']),
        ],
        mutating: [webhookConfig('cert-manager-webhook', ['cert-manager.io'], service)],
        services: [],
      });
      expect(found).to.deep.equal({
        namespace: 'cert-manager',
        clusterResourceNamespace: 'cert-manager',
        clusterResourceNamespaceSource: 'controller-flag',
        deployments: [
          {
            namespace: 'cert-manager',
            name: 'cert-manager',
            component: 'controller',
            serviceAccountName: 'cert-manager',
          },
          {
            namespace: 'cert-manager',
            name: 'cert-manager-cainjector',
            component: 'cainjector',
            serviceAccountName: 'cert-manager-cainjector',
          },
          {
            namespace: 'cert-manager',
            name: 'cert-manager-webhook',
            component: 'webhook',
            serviceAccountName: 'cert-manager-webhook',
          },
        ],
        webhookService: service,
        validatingWebhookConfigurations: ['cert-manager-webhook'],
        mutatingWebhookConfigurations: ['cert-manager-webhook'],
      });
    });

    it('orders the sources of the cluster resource namespace: plugin config, flag, config file, binary default', () => {
      const base = { deployments, validating: [], mutating: [], services: [] };
      expect(describeInstallation({ ...base, pluginConfigClusterResourceNamespace: 'p' })).to.include({
        clusterResourceNamespace: 'p',
        clusterResourceNamespaceSource: 'plugin-config',
      });
      const noFlag = [chartDeployment('cert-manager', 'controller', 'cert-manager', [])];
      expect(
        describeInstallation({ ...base, deployments: noFlag, configFileClusterResourceNamespace: 'f' }),
      ).to.include({ clusterResourceNamespace: 'f', clusterResourceNamespaceSource: 'controller-flag' });
      expect(describeInstallation({ ...base, deployments: noFlag })).to.include({
        clusterResourceNamespace: 'kube-system',
        clusterResourceNamespaceSource: 'default',
      });
      const webhookOnly = [chartDeployment('cert-manager-webhook', 'webhook', 'webhook', [], 'cm')];
      expect(describeInstallation({ ...base, deployments: webhookOnly })).to.include({
        namespace: 'cm',
        clusterResourceNamespace: 'cm',
        clusterResourceNamespaceSource: 'controller-namespace',
      });
    });

    it('is undefined when no cert-manager Deployment exists', () => {
      expect(
        describeInstallation({ deployments: [deployments[3]!], validating: [], mutating: [], services: [] }),
      ).to.equal(undefined);
    });
  });
});
