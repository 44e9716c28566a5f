import { expect } from 'chai';
import { ClusterAccess, createLookupsProvider } from '../../../src/kube/access.js';
import { describeConnection, type KubeApis } from '../../../src/kube/client.js';
import { ClusterAccessError } from '../../../src/kube/types.js';

/** A stand-in for the generated API clients: answers lists from arrays and counts calls. */
function fakeApis(options: { fail?: () => Error | undefined; slices?: () => unknown[] } = {}) {
  const calls: string[] = [];
  const list = (name: string, items: () => unknown[]) => () => {
    calls.push(name);
    const failure = options.fail?.();
    if (failure) return Promise.reject(failure);
    return Promise.resolve({ items: items(), metadata: {} });
  };
  const apis = {
    source: 'explicit',
    server: 'https://127.0.0.1:1',
    core: {
      listNamespacedConfigMap: list('configmaps', () => [
        {
          metadata: {
            name: 'c',
            labels: {
              'velero.io/plugin-config': '',
              'velero-plugin-for-cert-manager.dev/backup-x': 'BackupItemActionV2',
            },
          },
          data: { k: 'v' },
        },
      ]),
      listNamespacedService: list('services', () => []),
      readNamespacedEndpoints: () => {
        calls.push('endpoints');
        return Promise.reject(Object.assign(new Error('HTTP-Code: 404'), { code: 404, body: {} }));
      },
      readNamespacedConfigMap: list('configmap', () => []),
    },
    apps: { listDeploymentForAllNamespaces: list('deployments', () => []) },
    rbac: { listClusterRoleBinding: list('crb', () => []), listRoleBindingForAllNamespaces: list('rb', () => []) },
    admission: {
      listValidatingWebhookConfiguration: list('vwc', () => []),
      listMutatingWebhookConfiguration: list('mwc', () => []),
    },
    discovery: { listNamespacedEndpointSlice: list('slices', options.slices ?? (() => [])) },
  };
  return { apis: apis as unknown as KubeApis, calls };
}

describe('kube/access ClusterAccess', () => {
  it('answers every lookup of one operation from one set of requests', async () => {
    const { apis, calls } = fakeApis();
    let clock = 0;
    const access = new ClusterAccess({ loadApis: () => Promise.resolve(apis), now: () => clock, readinessTtlMs: 1000 });
    const lookups = access.forOperation('backup-uid-1');
    for (let i = 0; i < 1000; i++) {
      clock = i; // one simulated millisecond per item
      await lookups.pluginConfig('velero-plugin-for-cert-manager.dev/backup-x');
      await lookups.certManagerInstallation();
      await lookups.rbacForServiceAccount({ namespace: 'cert-manager', name: 'cert-manager' });
      await lookups.serviceHasReadyEndpoints({ namespace: 'cert-manager', name: 'cert-manager-webhook' });
    }
    // configmaps, deployments, crb, rb once; readiness (slices + endpoints) once per second of the simulated clock.
    expect(calls.filter((c) => !['slices', 'endpoints'].includes(c)).sort()).to.deep.equal([
      'configmaps',
      'crb',
      'deployments',
      'rb',
    ]);
    expect(calls.filter((c) => c === 'slices')).to.have.length(1);
    expect(access.requestCount).to.equal(calls.length);
    expect(await lookups.pluginConfig('velero-plugin-for-cert-manager.dev/backup-x')).to.deep.equal({ k: 'v' });
  });

  it('says once where its configuration came from, however many lookups follow, and not when loading fails', async () => {
    const { apis } = fakeApis();
    const told: unknown[] = [];
    const access = new ClusterAccess({
      loadApis: () => Promise.resolve({ ...apis, source: 'in-cluster', server: 'https://10.0.0.1:443' }),
      onConnected: (connection) => told.push(connection),
    });
    for (const uid of ['a', 'b']) {
      await access.forOperation(uid).pluginConfig();
      await access.forOperation(uid).certManagerInstallation();
    }
    expect(told).to.deep.equal([{ source: 'in-cluster', server: 'https://10.0.0.1:443' }]);
    expect(describeConnection({ source: 'in-cluster', server: 'https://10.0.0.1:443' })).to.equal(
      "cluster access through the in-cluster configuration (the Pod's ServiceAccount token in /var/run/secrets/kubernetes.io/serviceaccount), API server https://10.0.0.1:443",
    );

    const failing = new ClusterAccess({
      loadApis: () => Promise.reject(new ClusterAccessError('no Kubernetes configuration', 'not-configured')),
      onConnected: (connection) => told.push(connection),
    });
    await failing
      .forOperation('c')
      .pluginConfig()
      .catch(() => undefined);
    expect(told).to.have.length(1);
  });

  it('gives another operation its own cache, and the same uid the same one', async () => {
    const { apis, calls } = fakeApis();
    const access = new ClusterAccess({ loadApis: () => Promise.resolve(apis) });
    expect(access.forOperation('a')).to.equal(access.forOperation('a'));
    await access.forOperation('a').pluginConfig();
    await access.forOperation('b').pluginConfig();
    expect(calls).to.deep.equal(['configmaps', 'configmaps']);
  });

  it('keeps only the most recent operations', () => {
    const access = new ClusterAccess({ loadApis: () => Promise.resolve(fakeApis().apis), maxOperations: 2 });
    const first = access.forOperation('1');
    access.forOperation('2');
    access.forOperation('3');
    expect(access.forOperation('1')).to.not.equal(first);
  });

  it('caches a failure for failureRetryMs, then tries again', async () => {
    let failing = true;
    const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { apis, calls } = fakeApis({ fail: () => (failing ? refused() : undefined) });
    let clock = 0;
    const access = new ClusterAccess({ loadApis: () => Promise.resolve(apis), now: () => clock, failureRetryMs: 5000 });
    const lookups = access.forOperation('x');
    for (let i = 0; i < 3; i++) {
      const err = await lookups.pluginConfig().catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ClusterAccessError).and.include({ reason: 'unreachable' });
    }
    expect(calls).to.have.length(1);
    failing = false;
    clock = 5000;
    expect(await lookups.pluginConfig()).to.deep.equal({ k: 'v' });
    expect(calls).to.have.length(2);
  });

  it('turns a hanging request into a timeout error', async () => {
    const apis = fakeApis().apis;
    (apis.core as unknown as Record<string, unknown>).listNamespacedConfigMap = () => new Promise(() => undefined);
    const access = new ClusterAccess({ loadApis: () => Promise.resolve(apis), requestTimeoutMs: 50 });
    const err = await access
      .forOperation('x')
      .pluginConfig()
      .catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ClusterAccessError).and.include({ reason: 'timeout' });
    expect((err as Error).message).to.include('within 50 ms');
  });

  it('reports a missing configuration as not-configured', async () => {
    const access = new ClusterAccess({
      loadApis: () => Promise.reject(new ClusterAccessError('no Kubernetes configuration', 'not-configured')),
    });
    const err = await access
      .forOperation('x')
      .certManagerInstallation()
      .catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ClusterAccessError).and.include({ reason: 'not-configured' });
  });

  it('reads Velero namespace from VELERO_NAMESPACE', () => {
    expect(new ClusterAccess({ env: { VELERO_NAMESPACE: 'backup-system' } }).veleroNamespace).to.equal('backup-system');
    expect(new ClusterAccess({ env: {} }).veleroNamespace).to.equal('velero');
  });

  it('gives the composition root lookups per Backup or Restore uid', () => {
    const provider = createLookupsProvider({ loadApis: () => Promise.resolve(fakeApis().apis) });
    const backup = { metadata: { uid: 'u1', name: 'b', namespace: 'velero' } };
    expect(provider(backup)).to.equal(provider({ metadata: { uid: 'u1' } }));
    expect(provider(backup)).to.not.equal(provider({ metadata: { uid: 'u2' } }));
    expect(provider({ metadata: { name: 'b', namespace: 'velero' } })).to.equal(
      provider({ metadata: { name: 'b', namespace: 'velero' } }),
    );
  });
});
