/**
 * The environment itself: what the other suites rely on (upstream objects installed, the webhook opt-in,
 * EndpointSlices deciding webhook routing, fixtures loading against the real schemas).
 */
import { request, type RequestOptions } from 'node:https';
import { expect } from 'chai';
import {
  AdmissionregistrationV1Api,
  AppsV1Api,
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { adminKubeConfig, testEnv, testNamespace } from '../hooks.js';
import { loadCertManagerFixtures } from '../fixtures/cert-manager.js';
import { WEBHOOK_OPT_IN_LABEL, describeApiError } from './index.js';

describe('testenv: the environment', () => {
  it('serves the pinned Kubernetes version', async () => {
    const res = await fetchJson('/version');
    expect(res.gitVersion).to.equal(testEnv().state.versions.kubernetes);
  });

  it('has the cert-manager, Velero and Gateway API CRDs established', async () => {
    const crds = await adminKubeConfig().makeApiClient(ApiextensionsV1Api).listCustomResourceDefinition();
    const names = crds.items.map((c) => c.metadata?.name);
    for (const name of [
      'certificates.cert-manager.io',
      'certificaterequests.cert-manager.io',
      'issuers.cert-manager.io',
      'clusterissuers.cert-manager.io',
      'orders.acme.cert-manager.io',
      'challenges.acme.cert-manager.io',
      'backups.velero.io',
      'restores.velero.io',
      'gateways.gateway.networking.k8s.io',
    ]) {
      expect(names).to.include(name);
    }
    const certificates = crds.items.find((c) => c.metadata?.name === 'certificates.cert-manager.io')!;
    // Rendered from the chart: the chart's labels are there.
    expect(certificates.metadata?.labels).to.include({
      'app.kubernetes.io/instance': 'cert-manager',
      'app.kubernetes.io/component': 'crds',
    });
  });

  it("has cert-manager's install objects from the chart, leader-election RBAC in kube-system included", async () => {
    const kc = adminKubeConfig();
    const deployments = await kc.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: 'cert-manager' });
    expect(deployments.items.map((d) => d.metadata?.name).sort()).to.deep.equal([
      'cert-manager',
      'cert-manager-cainjector',
      'cert-manager-webhook',
    ]);
    const controller = deployments.items.find((d) => d.metadata?.name === 'cert-manager')!;
    expect(controller.metadata?.labels).to.include({
      'app.kubernetes.io/version': testEnv().state.versions.certManager,
      'app.kubernetes.io/managed-by': 'Helm',
    });
    const roles = await kc.makeApiClient(RbacAuthorizationV1Api).listNamespacedRole({ namespace: 'kube-system' });
    expect(roles.items.map((r) => r.metadata?.name)).to.include.members([
      'cert-manager:leaderelection',
      'cert-manager-cainjector:leaderelection',
    ]);
    const admission = kc.makeApiClient(AdmissionregistrationV1Api);
    const validating = await admission.readValidatingWebhookConfiguration({ name: 'cert-manager-webhook' });
    expect(validating.webhooks?.[0]?.failurePolicy).to.equal('Fail');
    expect(validating.webhooks?.[0]?.clientConfig.service).to.include({
      namespace: 'cert-manager',
      name: 'cert-manager-webhook',
    });
    await admission.readMutatingWebhookConfiguration({ name: 'cert-manager-webhook' });
  });

  it('calls the cert-manager webhook only for objects that opt in, and fails them while it has no endpoints', async () => {
    const custom = adminKubeConfig().makeApiClient(CustomObjectsApi);
    const issuer = (name: string, labels: Record<string, string>) => ({
      group: 'cert-manager.io',
      version: 'v1',
      namespace: testNamespace(),
      plural: 'issuers',
      body: { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name, labels }, spec: { selfSigned: {} } },
    });
    await custom.createNamespacedCustomObject(issuer('plain', {}));
    const err = await custom
      .createNamespacedCustomObject(issuer('checked', { [WEBHOOK_OPT_IN_LABEL]: 'enforce' }))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(describeApiError(err))
      .to.match(/webhook\.cert-manager\.io/)
      .and.match(/endpoints|no endpoints|unavailable/i);
  });

  it('loads the cert-manager fixtures against the real CRD schemas, owners wired by uid', async () => {
    const set = await loadCertManagerFixtures(testEnv().kubeconfig, { namespace: testNamespace() });
    expect(set.ofKind('Issuer')).to.have.length(11);
    expect(set.ofKind('ClusterIssuer')).to.have.length(3);
    const shim = set.get('Certificate', 'shop-tls');
    expect(shim.metadata.ownerReferences?.[0]).to.include({
      kind: 'Ingress',
      name: 'shop',
      uid: set.get('Ingress', 'shop').metadata.uid,
    });
    const gatewayShim = set.get('Certificate', 'gateway-tls');
    expect(gatewayShim.metadata.ownerReferences?.[0]?.uid).to.equal(set.get('Gateway', 'gateway').metadata.uid);
    const challenge = set.ofKind('Challenge')[0]!;
    expect(challenge.metadata.ownerReferences?.[0]?.uid).to.equal(set.ofKind('Order')[0]!.metadata.uid);
    const clusterSecret = await adminKubeConfig()
      .makeApiClient(CoreV1Api)
      .readNamespacedSecret({ namespace: 'cert-manager', name: `${testNamespace()}-ca-key-pair` });
    expect(Object.keys(clusterSecret.data ?? {})).to.include.members(['tls.crt', 'tls.key', 'ca.crt']);
  });
});

async function fetchJson(path: string): Promise<Record<string, string>> {
  const kc = adminKubeConfig();
  const opts: RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const url = new URL(path, testEnv().state.server);
  return new Promise((resolve, reject) => {
    const req = request(url, { ...opts, method: 'GET', timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        resolve(JSON.parse(body) as Record<string, string>);
      });
    });
    req.on('error', reject);
    req.end();
  });
}
