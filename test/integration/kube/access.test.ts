/**
 * The Kubernetes access layer against the real API server: cert-manager installed from its chart, RBAC
 * denials with a client certificate that RBAC knows nothing about, request counts from the audit log,
 * and the API server stopped in the middle of a test.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { CoreV1Api, DiscoveryV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { ClusterAccess, ClusterAccessError, type ClusterLookups } from '../../../src/kube/index.js';
import { adminKubeConfig, testEnv, testNamespace } from '../hooks.js';

const rbacGroup = 'rbac.authorization.k8s.io';
/**
 * Endpoint addresses may not be loopback (API validation), so readiness tests use a documentation
 * address (TEST-NET-1). Nothing ever dials it: no webhook configuration points at these test Services.
 */
const DOCUMENTATION_ADDRESS = '192.0.2.10';
const pluginLabels = (action: string) => ({
  'velero.io/plugin-config': '',
  [`velero-plugin-for-cert-manager.dev/${action}`]: 'BackupItemActionV2',
});

function adminAccess(options: ConstructorParameters<typeof ClusterAccess>[0] = {}): ClusterAccess {
  return new ClusterAccess({ kubeconfigPath: testEnv().kubeconfig, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<ClusterAccessError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected a ClusterAccessError').to.be.instanceOf(ClusterAccessError);
  return err as ClusterAccessError;
}

describe('kube access layer (real API server)', () => {
  describe('configuration', () => {
    it('loads KUBECONFIG when no path is given', async () => {
      const saved = process.env.KUBECONFIG;
      process.env.KUBECONFIG = testEnv().kubeconfig;
      try {
        const access = new ClusterAccess({ veleroNamespace: testNamespace() });
        expect(await access.forOperation('uid').pluginConfig()).to.deep.equal({});
        expect(access.requestCount).to.equal(1);
      } finally {
        if (saved === undefined) delete process.env.KUBECONFIG;
        else process.env.KUBECONFIG = saved;
      }
    });

    it("reads the plugin's ConfigMaps from the Velero namespace, as Velero's plugins label them", async () => {
      const core = adminKubeConfig().makeApiClient(CoreV1Api);
      const namespace = testNamespace();
      const create = (name: string, labels: Record<string, string>, data: Record<string, string>) =>
        core.createNamespacedConfigMap({ namespace, body: { metadata: { name, labels }, data } });
      await create('backup-config', pluginLabels('backup-crds'), { forceSecrets: 'true' });
      await create(
        'restore-config',
        { 'velero.io/plugin-config': '', 'velero-plugin-for-cert-manager.dev/restore-wait': 'RestoreItemActionV2' },
        { webhookWait: 'false' },
      );
      await create(
        'unlabelled',
        { 'velero-plugin-for-cert-manager.dev/backup-crds': 'BackupItemActionV2' },
        { ignored: 'yes' },
      );
      const access = new ClusterAccess({ kubeconfigPath: testEnv().kubeconfig, env: { VELERO_NAMESPACE: namespace } });
      const lookups = access.forOperation('backup-1');
      expect(await lookups.pluginConfig('velero-plugin-for-cert-manager.dev/backup-crds')).to.deep.equal({
        forceSecrets: 'true',
      });
      expect(await lookups.pluginConfig()).to.deep.equal({ forceSecrets: 'true', webhookWait: 'false' });
      expect(access.requestCount).to.equal(1);
    });
  });

  describe('the cert-manager installation', () => {
    it('finds the chart-installed cert-manager: namespace, cluster resource namespace, components, webhook', async () => {
      const installation = await adminAccess().forOperation('b').certManagerInstallation();
      expect(installation).to.deep.include({
        namespace: 'cert-manager',
        clusterResourceNamespace: 'cert-manager',
        clusterResourceNamespaceSource: 'controller-flag',
        webhookService: { namespace: 'cert-manager', name: 'cert-manager-webhook' },
        validatingWebhookConfigurations: ['cert-manager-webhook'],
        mutatingWebhookConfigurations: ['cert-manager-webhook'],
      });
      expect(installation!.deployments.map((d) => [d.component, d.name, d.serviceAccountName])).to.deep.equal([
        ['controller', 'cert-manager', 'cert-manager'],
        ['cainjector', 'cert-manager-cainjector', 'cert-manager-cainjector'],
        ['webhook', 'cert-manager-webhook', 'cert-manager-webhook'],
      ]);
    });

    it('lets the plugin configuration name the cluster resource namespace', async () => {
      const namespace = testNamespace();
      await adminKubeConfig()
        .makeApiClient(CoreV1Api)
        .createNamespacedConfigMap({
          namespace,
          body: {
            metadata: { name: 'crn', labels: pluginLabels('backup-issuers') },
            data: { clusterResourceNamespace: 'issuer-secrets' },
          },
        });
      const installation = await adminAccess({ veleroNamespace: namespace })
        .forOperation('b')
        .certManagerInstallation();
      expect(installation).to.include({
        clusterResourceNamespace: 'issuer-secrets',
        clusterResourceNamespaceSource: 'plugin-config',
      });
    });
  });

  describe('RBAC of a ServiceAccount', () => {
    it("lists the controller's RBAC from the chart, leader election in kube-system included", async () => {
      const ids = await adminAccess()
        .forOperation('b')
        .rbacForServiceAccount({ namespace: 'cert-manager', name: 'cert-manager' });
      expect(ids[0]).to.deep.equal({
        group: '',
        resource: 'serviceaccounts',
        namespace: 'cert-manager',
        name: 'cert-manager',
      });
      expect(ids).to.deep.include({
        group: rbacGroup,
        resource: 'rolebindings',
        namespace: 'kube-system',
        name: 'cert-manager:leaderelection',
      });
      expect(ids).to.deep.include({
        group: rbacGroup,
        resource: 'roles',
        namespace: 'kube-system',
        name: 'cert-manager:leaderelection',
      });
      for (const name of [
        'cert-manager-controller-issuers',
        'cert-manager-controller-certificates',
        'cert-manager-controller-ingress-shim',
      ]) {
        expect(ids).to.deep.include({ group: rbacGroup, resource: 'clusterrolebindings', namespace: '', name });
        expect(ids).to.deep.include({ group: rbacGroup, resource: 'clusterroles', namespace: '', name });
      }
      // The webhook's RBAC is the webhook's, not the controller's.
      expect(ids.map((i) => i.name)).to.not.include('cert-manager-webhook:dynamic-serving');
    });

    it('follows RoleBindings whose subject omits the namespace, and ignores group-wide ones', async () => {
      const namespace = testNamespace();
      const rbac = adminKubeConfig().makeApiClient(RbacAuthorizationV1Api);
      await adminKubeConfig()
        .makeApiClient(CoreV1Api)
        .createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'worker' } } });
      await rbac.createNamespacedRole({
        namespace,
        body: { metadata: { name: 'worker' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] },
      });
      await rbac.createNamespacedRoleBinding({
        namespace,
        body: {
          metadata: { name: 'worker' },
          roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'worker' },
          subjects: [{ kind: 'ServiceAccount', name: 'worker' }],
        },
      });
      await rbac.createNamespacedRoleBinding({
        namespace,
        body: {
          metadata: { name: 'everyone' },
          roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'view' },
          subjects: [{ kind: 'Group', name: `system:serviceaccounts:${namespace}`, apiGroup: rbacGroup }],
        },
      });
      const ids = await adminAccess().forOperation('b').rbacForServiceAccount({ namespace, name: 'worker' });
      expect(ids).to.deep.equal([
        { group: '', resource: 'serviceaccounts', namespace, name: 'worker' },
        { group: rbacGroup, resource: 'rolebindings', namespace, name: 'worker' },
        { group: rbacGroup, resource: 'roles', namespace, name: 'worker' },
      ]);
    });
  });

  describe('Service endpoint readiness', () => {
    it('follows EndpointSlices from none, to not ready, to ready', async () => {
      const namespace = testNamespace();
      const kc = adminKubeConfig();
      await kc.makeApiClient(CoreV1Api).createNamespacedService({
        namespace,
        body: { metadata: { name: 'webhook' }, spec: { ports: [{ port: 443, targetPort: 10250 }] } },
      });
      // A zero TTL: every question goes to the server, as a restore waiting for readiness would see it.
      const lookups = adminAccess({ readinessTtlMs: 0 }).forOperation('restore-1');
      const service = { namespace, name: 'webhook' };
      expect(await lookups.serviceHasReadyEndpoints(service)).to.equal(false);
      const discovery = kc.makeApiClient(DiscoveryV1Api);
      const slice = {
        metadata: { name: 'webhook-abcde', labels: { 'kubernetes.io/service-name': 'webhook' } },
        addressType: 'IPv4',
        ports: [{ port: 10250, protocol: 'TCP' }],
        endpoints: [{ addresses: [DOCUMENTATION_ADDRESS], conditions: { ready: false } }],
      };
      await discovery.createNamespacedEndpointSlice({ namespace, body: slice });
      expect(await lookups.serviceHasReadyEndpoints(service)).to.equal(false);
      await discovery.replaceNamespacedEndpointSlice({
        namespace,
        name: slice.metadata.name,
        body: { ...slice, endpoints: [{ addresses: [DOCUMENTATION_ADDRESS], conditions: { ready: true } }] },
      });
      expect(await lookups.serviceHasReadyEndpoints(service)).to.equal(true);
    });

    it('falls back to Endpoints when a Service has no EndpointSlice', async () => {
      const namespace = testNamespace();
      const core = adminKubeConfig().makeApiClient(CoreV1Api);
      await core.createNamespacedEndpoints({
        namespace,
        body: {
          metadata: { name: 'legacy' },
          subsets: [{ addresses: [{ ip: DOCUMENTATION_ADDRESS }], ports: [{ port: 80 }] }],
        },
      });
      expect(await adminAccess().forOperation('r').serviceHasReadyEndpoints({ namespace, name: 'legacy' })).to.equal(
        true,
      );
    });
  });

  describe('failures are clear and non-fatal', () => {
    it('reports RBAC denials as forbidden, naming the request', async () => {
      const kubeconfig = await testEnv().userKubeconfig('no-rights');
      const lookups = new ClusterAccess({ kubeconfigPath: kubeconfig }).forOperation('b');
      const err = await rejection(lookups.certManagerInstallation());
      expect(err.reason).to.equal('forbidden');
      expect(err.message)
        .to.include('cannot list deployments.apps in all namespaces: forbidden by RBAC')
        .and.include('no-rights');
      expect(
        (await rejection(lookups.rbacForServiceAccount({ namespace: 'cert-manager', name: 'cert-manager' }))).reason,
      ).to.equal('forbidden');
    });

    it('answers what the restricted identity may read and refuses the rest', async () => {
      const namespace = testNamespace();
      const user = `config-reader-${namespace}`;
      const rbac = adminKubeConfig().makeApiClient(RbacAuthorizationV1Api);
      await rbac.createNamespacedRole({
        namespace,
        body: {
          metadata: { name: 'read-config' },
          rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['list'] }],
        },
      });
      await rbac.createNamespacedRoleBinding({
        namespace,
        body: {
          metadata: { name: 'read-config' },
          roleRef: { apiGroup: rbacGroup, kind: 'Role', name: 'read-config' },
          subjects: [{ kind: 'User', name: user, apiGroup: rbacGroup }],
        },
      });
      const lookups = new ClusterAccess({
        kubeconfigPath: await testEnv().userKubeconfig(user),
        veleroNamespace: namespace,
      }).forOperation('b');
      expect(await lookups.pluginConfig()).to.deep.equal({});
      expect((await rejection(lookups.serviceHasReadyEndpoints({ namespace, name: 'x' }))).reason).to.equal(
        'forbidden',
      );
    });

    it('reports a server that accepts connections but never answers as a timeout', async () => {
      const sockets = new Set<Socket>();
      const silent: Server = createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const port = (silent.address() as { port: number }).port;
        const kubeconfig = join(testEnv().stateDir, `silent-${testNamespace()}.kubeconfig`);
        writeFileSync(
          kubeconfig,
          JSON.stringify({
            apiVersion: 'v1',
            kind: 'Config',
            'current-context': 'c',
            clusters: [
              { name: 'c', cluster: { server: `https://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true } },
            ],
            users: [{ name: 'u', user: { token: 'x' } }],
            contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
          }),
        );
        const started = Date.now();
        const err = await rejection(
          new ClusterAccess({ kubeconfigPath: kubeconfig, requestTimeoutMs: 500 }).forOperation('b').pluginConfig(),
        );
        expect(err.reason).to.equal('timeout');
        expect(Date.now() - started).to.be.lessThan(5000);
      } finally {
        for (const socket of sockets) socket.destroy();
        silent.close();
      }
    });
  });

  describe('request count', () => {
    it('makes a bounded number of API requests for a 10,000-item backup (audit log)', async function () {
      this.timeout(60_000);
      const user = `counting-${testNamespace()}`;
      // One simulated millisecond per item: 10,000 items span 10 s of the readiness TTL.
      let clock = 0;
      const access = new ClusterAccess({
        kubeconfigPath: await testEnv().userKubeconfig(user, ['system:masters']),
        readinessTtlMs: 2000,
        now: () => clock,
      });
      const lookups: ClusterLookups = access.forOperation('backup-10000');
      for (let item = 0; item < 10_000; item++) {
        clock = item;
        // What the backup actions ask per item, at worst.
        await lookups.pluginConfig('velero-plugin-for-cert-manager.dev/backup-crds');
        const installation = await lookups.certManagerInstallation();
        await lookups.rbacForServiceAccount({
          namespace: installation!.namespace,
          name: installation!.deployments[0]!.serviceAccountName,
        });
        await lookups.serviceHasReadyEndpoints(installation!.webhookService!);
      }
      const events = testEnv().auditEvents(user);
      // Once each: plugin ConfigMaps, Deployments, both webhook configuration kinds, ClusterRoleBindings,
      // RoleBindings; readiness (EndpointSlices, then Endpoints) once per 2 simulated seconds: 5 times.
      expect(access.requestCount).to.be.at.most(6 + 2 * 5);
      expect(events.length).to.equal(access.requestCount);
      expect(events.every((e) => e.verb === 'list' || e.verb === 'get')).to.equal(true);
    });
  });

  // Last: restarting the API server takes a few seconds.
  describe('the API server stopped mid-test', () => {
    it('turns into unreachable errors, and recovers once the server is back', async function () {
      this.timeout(120_000);
      const access = adminAccess({ failureRetryMs: 0, requestTimeoutMs: 5000 });
      expect(await access.forOperation('before').certManagerInstallation()).to.include({ namespace: 'cert-manager' });
      await testEnv().stopApiServer();
      try {
        const during = access.forOperation('during');
        const err = await rejection(during.certManagerInstallation());
        expect(err.reason).to.equal('unreachable');
        expect(err.message).to.include('unreachable');
        // The cached answer of an earlier operation still stands: no request needed.
        expect(await access.forOperation('before').certManagerInstallation()).to.include({ namespace: 'cert-manager' });
      } finally {
        await testEnv().startApiServer();
      }
      expect(await access.forOperation('after').certManagerInstallation()).to.include({ namespace: 'cert-manager' });
    });
  });
});
