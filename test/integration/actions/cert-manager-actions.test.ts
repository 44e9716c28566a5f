/**
 * The cert-manager actions on the real Kubernetes access layer against the real API server, with
 * cert-manager installed from its Helm chart: every dependency the backup side names exists in the
 * cluster, the configuration comes from a real plugin-config ConfigMap, and the restore-side webhook wait
 * is released by an EndpointSlice becoming ready (and ends with a warning on timeout).
 */
import { expect } from 'chai';
import { AppsV1Api, CoreV1Api, DiscoveryV1Api, KubernetesObjectApi } from '@kubernetes/client-node';
import { createActions } from '../../../src/actions/index.js';
import type {
  BackupAction,
  KubeObject,
  ResourceIdentifier,
  RestoreAction,
  VeleroRequestObject,
} from '../../../src/host/action.js';
import { ClusterAccess } from '../../../src/kube/index.js';
import { RecordingLogger } from '../../unit/actions/helpers.js';
import { adminKubeConfig, testEnv, testNamespace } from '../hooks.js';

const PREFIX = 'velero-plugin-for-cert-manager.dev/';

/** apiVersion and kind of each resource the actions return, to read it back with the generic client. */
const KINDS: Record<string, { apiVersion: string; kind: string }> = {
  '/serviceaccounts': { apiVersion: 'v1', kind: 'ServiceAccount' },
  '/secrets': { apiVersion: 'v1', kind: 'Secret' },
  'rbac.authorization.k8s.io/roles': { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  'rbac.authorization.k8s.io/rolebindings': { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  'rbac.authorization.k8s.io/clusterroles': { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  'rbac.authorization.k8s.io/clusterrolebindings': {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
  },
  'admissionregistration.k8s.io/validatingwebhookconfigurations': {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
  },
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
  },
  'apiextensions.k8s.io/customresourcedefinitions': {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
  },
};

async function missingFromCluster(ids: readonly ResourceIdentifier[]): Promise<string[]> {
  const client = KubernetesObjectApi.makeApiClient(adminKubeConfig());
  const missing: string[] = [];
  for (const id of ids) {
    const type = KINDS[`${id.group}/${id.resource}`];
    if (!type) throw new Error(`no kind known for ${id.group}/${id.resource}`);
    const metadata = id.namespace === '' ? { name: id.name } : { name: id.name, namespace: id.namespace };
    await client.read({ ...type, metadata }).catch(() => missing.push(`${id.resource} ${id.namespace}/${id.name}`));
  }
  return missing;
}

function actionsWith(
  veleroNamespace: string,
  access = new ClusterAccess({ kubeconfigPath: testEnv().kubeconfig, env: { VELERO_NAMESPACE: veleroNamespace } }),
) {
  const actions = createActions({
    env: {},
    lookupsFor: (request) => access.forOperation(request.metadata?.uid ?? request.metadata?.name ?? ''),
  });
  const backup = (name: string) => actions.find((a) => a.name === PREFIX + name) as BackupAction;
  const restore = (name: string) => actions.find((a) => a.name === PREFIX + name) as RestoreAction;
  return { access, backup, restore };
}

const request = (kind: 'Backup' | 'Restore', uid: string, spec: Record<string, unknown> = {}): VeleroRequestObject => ({
  apiVersion: 'velero.io/v1',
  kind,
  metadata: { name: uid, namespace: 'velero', uid },
  spec,
});

async function liveDeployment(name: string): Promise<KubeObject> {
  const deployment = await adminKubeConfig()
    .makeApiClient(AppsV1Api)
    .readNamespacedDeployment({ namespace: 'cert-manager', name });
  return { ...(JSON.parse(JSON.stringify(deployment)) as KubeObject), apiVersion: 'apps/v1', kind: 'Deployment' };
}

async function pluginConfig(namespace: string, data: Record<string, string>): Promise<void> {
  await adminKubeConfig()
    .makeApiClient(CoreV1Api)
    .createNamespacedConfigMap({
      namespace,
      body: {
        metadata: {
          name: 'vcm-config',
          labels: { 'velero.io/plugin-config': '', [`${PREFIX}backup-crds`]: 'BackupItemActionV2' },
        },
        data,
      },
    });
}

describe('cert-manager actions on the real API server', () => {
  for (const component of ['cert-manager', 'cert-manager-webhook', 'cert-manager-cainjector']) {
    it(`backup-rbac-and-webhooks: every dependency of ${component} exists and is forced in`, async () => {
      const { backup } = actionsWith(testNamespace());
      const action = backup('backup-rbac-and-webhooks');
      const result = await action.execute({
        item: await liveDeployment(component),
        backup: request('Backup', `b-${component}`),
        log: new RecordingLogger(),
      });
      const returned = result.additionalItems ?? [];
      expect(result.item.metadata.annotations?.['backup.velero.io/must-include-additional-items']).to.equal('true');
      expect(returned.map((id) => id.resource)).to.include.members([
        'serviceaccounts',
        'validatingwebhookconfigurations',
        'mutatingwebhookconfigurations',
      ]);
      if (component !== 'cert-manager-webhook')
        expect(returned.some((id) => id.resource === 'roles' && id.namespace === 'kube-system')).to.equal(true);
      expect(await missingFromCluster(returned)).to.deep.equal([]);
    });
  }

  it('backup-crds names the six CRDs the cluster has', async () => {
    const { backup } = actionsWith(testNamespace());
    const item: KubeObject = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name: 'i', namespace: 'apps' },
      spec: { selfSigned: {} },
    };
    const result = await backup('backup-crds').execute({
      item,
      backup: request('Backup', 'b-crds'),
      log: new RecordingLogger(),
    });
    expect(result.additionalItems).to.have.length(6);
    expect(await missingFromCluster(result.additionalItems ?? [])).to.deep.equal([]);
  });

  it('backup-issuer-secrets resolves ClusterIssuer Secrets in the live cluster resource namespace, forced by a real ConfigMap', async () => {
    const namespace = testNamespace();
    await pluginConfig(namespace, { forceSecrets: 'true' });
    const { backup, access } = actionsWith(namespace);
    const log = new RecordingLogger();
    const item: KubeObject = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'ca' },
      spec: { ca: { secretName: 'root-ca' } },
    };
    const result = await backup('backup-issuer-secrets').execute({
      item,
      backup: request('Backup', 'b-issuer'),
      log,
    });
    expect(result.additionalItems).to.deep.equal([
      { group: '', resource: 'secrets', namespace: 'cert-manager', name: 'root-ca' },
    ]);
    expect(result.item.metadata.annotations?.[`${PREFIX}cluster-resource-namespace`]).to.equal('cert-manager');
    expect(result.item.metadata.annotations?.['backup.velero.io/must-include-additional-items']).to.equal('true');
    expect(log.at('warn')).to.deep.equal([]);
    const requests = access.requestCount;
    await backup('backup-issuer-secrets').execute({ item, backup: request('Backup', 'b-issuer'), log });
    expect(access.requestCount, 'a second ClusterIssuer of the same backup asks the cluster nothing').to.equal(
      requests,
    );
  });

  it('a malformed value in the real ConfigMap is one error line naming the key; the items go on with the defaults', async () => {
    const namespace = testNamespace();
    await pluginConfig(namespace, { webhookWaitTimeout: 'soon', forceSecrets: 'true' });
    const { backup } = actionsWith(namespace);
    const log = new RecordingLogger();
    for (const name of ['c1', 'c2', 'c3']) {
      const item: KubeObject = {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name, namespace: 'apps' },
        spec: { secretName: `${name}-tls`, issuerRef: { name: 'i' } },
      };
      const result = await backup('backup-certificate-secrets').execute({
        item,
        backup: request('Backup', 'b-bad', { excludedResources: ['secrets'] }),
        log,
      });
      // The defaults: forceSecrets off, so the Secret is returned without must-include.
      expect(result.item.metadata.annotations?.['backup.velero.io/must-include-additional-items']).to.equal(undefined);
    }
    expect(log.at('error')).to.have.length(1);
    expect(log.at('error')[0]).to.contain('"webhookWaitTimeout"').and.not.to.contain('soon');
  });

  describe('restore-webhook-readiness', () => {
    const sliceName = `cert-manager-webhook-vcm-${process.pid}`;
    const discovery = () => adminKubeConfig().makeApiClient(DiscoveryV1Api);
    afterEach(async () => {
      await discovery()
        .deleteNamespacedEndpointSlice({ namespace: 'cert-manager', name: sliceName })
        .catch(() => undefined);
    });

    /** Execute, then poll readiness once a second as Velero does; calls `during` after the first poll. */
    async function restoreOne(config: Record<string, string>, uid: string, during?: () => Promise<void>) {
      const namespace = testNamespace();
      await pluginConfig(namespace, config);
      const { restore: restoreAction } = actionsWith(namespace);
      const action = restoreAction('restore-webhook-readiness');
      const log = new RecordingLogger();
      const item: KubeObject = {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: 'c', namespace: 'apps' },
        spec: {},
      };
      const restore = request('Restore', uid);
      const started = Date.now();
      const result = await action.execute({ item, itemFromBackup: item, restore, log });
      let polls = 0;
      if (result.waitForAdditionalItems) {
        const veleroDeadline = started + (result.additionalItemsReadyTimeoutMs ?? 600_000);
        while (!(await action.areAdditionalItemsReady!({ additionalItems: [], restore, log }))) {
          polls++;
          if (polls === 1 && during) await during();
          if (Date.now() > veleroDeadline) throw new Error('Velero would have timed out');
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
      return {
        result,
        polls,
        log,
        seconds: (Date.now() - started) / 1000,
        again: await action.execute({ item, itemFromBackup: item, restore, log }),
      };
    }

    it('waits while the live webhook has no ready endpoint and is released when its EndpointSlice becomes ready', async function () {
      this.timeout(60_000);
      const makeReady = async () => {
        await discovery().createNamespacedEndpointSlice({
          namespace: 'cert-manager',
          body: {
            metadata: { name: sliceName, labels: { 'kubernetes.io/service-name': 'cert-manager-webhook' } },
            addressType: 'IPv4',
            ports: [{ port: 10250, protocol: 'TCP' }],
            endpoints: [{ addresses: ['10.96.0.10'], conditions: { ready: true } }],
          },
        });
      };
      const { result, polls, log, again } = await restoreOne({ webhookWaitTimeout: '30s' }, 'r-ready', makeReady);
      expect(result.waitForAdditionalItems).to.equal(true);
      expect(polls).to.be.at.least(1);
      expect(log.at('info').some((m) => m.startsWith('waiting up to 30s'))).to.equal(true);
      expect(log.at('info').some((m) => m.includes('cert-manager webhook is ready after'))).to.equal(true);
      expect(log.at('warn')).to.deep.equal([]);
      expect(again.waitForAdditionalItems, 'later items of the same restore do not wait').to.equal(undefined);
    });

    it('gives up after the configured timeout with a warning, and later items do not wait', async function () {
      this.timeout(60_000);
      const { result, log, seconds, again } = await restoreOne({ webhookWaitTimeout: '2s' }, 'r-timeout');
      expect(result.waitForAdditionalItems).to.equal(true);
      expect(seconds).to.be.within(2, 15);
      expect(log.at('warn').join('\n')).to.contain('still has no ready endpoint');
      expect(again.waitForAdditionalItems).to.equal(undefined);
    });
  });
});
