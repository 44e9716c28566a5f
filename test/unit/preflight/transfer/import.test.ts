/**
 * importConfiguration against the fake API server: the refusals before any write (no CRDs, missing namespaces,
 * a denied read), server-side apply stage by stage under the tool's field manager (dry run, force), the
 * outcome of each object (created, updated, unchanged, conflict, failed, not applied) and the forecast.
 */
import { expect } from 'chai';
import type { KubeObject } from '../../../../src/preflight/audit/findings.js';
import { ClusterAccessError } from '../../../../src/kube/types.js';
import { exportConfiguration } from '../../../../src/preflight/transfer/export.js';
import {
  FIELD_MANAGER,
  importConfiguration,
  type ImportOptions,
  type ImportPlan,
  type ObjectResult,
} from '../../../../src/preflight/transfer/import.js';
import { parseConfigurationFile, renderConfigurationFile } from '../../../../src/preflight/transfer/file.js';
import { ConfigurationCopyError } from '../../../../src/preflight/transfer/paths.js';
import { startFakeApiServer, type FakeApiServer } from '../cluster/fake-apiserver.js';
import { certificate, clusterIssuer, emptyCluster, issuer, secret, sourceCluster } from './clusters.js';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('resolved, expected a rejection');
}

interface Run {
  plan?: ImportPlan;
  reported: ObjectResult[];
  results: ObjectResult[];
}

async function runImport(
  api: FakeApiServer,
  objects: readonly KubeObject[],
  options: Partial<Pick<ImportOptions, 'dryRun' | 'forceConflicts' | 'clusterResourceNamespace'>> = {},
): Promise<Run> {
  const run: Run = { reported: [], results: [] };
  const writes = () => api.requests.filter((q) => q.method === 'PATCH').length;
  const writesBefore = writes();
  run.results = await importConfiguration(objects, {
    kubeconfigPath: api.kubeconfig,
    dryRun: false,
    forceConflicts: false,
    clusterResourceNamespace: 'cert-manager',
    ...options,
    onPlan: (plan) => {
      expect(run.plan, 'onPlan called twice').to.equal(undefined);
      // The plan comes before the first write.
      expect(writes()).to.equal(writesBefore);
      run.plan = plan;
    },
    onResult: (r) => run.reported.push(r),
  });
  return run;
}

const lines = (results: readonly ObjectResult[]) =>
  results.map((r) => `${r.outcome} ${r.object}${r.message ? `: ${r.message}` : ''}`);

describe('preflight/transfer/import against a fake API server', () => {
  let api: FakeApiServer | undefined;
  let source: FakeApiServer | undefined;
  afterEach(async () => {
    await api?.close();
    await source?.close();
    api = source = undefined;
  });

  /** The source cluster's export, as import reads it from the file (in apply order). */
  async function exported(): Promise<KubeObject[]> {
    source = await startFakeApiServer(sourceCluster());
    const r = await exportConfiguration({ kubeconfigPath: source.kubeconfig, withCertificateSecrets: false });
    return parseConfigurationFile(renderConfigurationFile(r.objects, r.source), 'cm.yaml');
  }

  it("refuses a cluster without cert-manager's CRDs before any write", async () => {
    api = await startFakeApiServer(emptyCluster(['app'], { withCrds: false }));
    const target = api;
    const err = await rejection(runImport(target, [secret('app', 'ca-key')]));
    expect(err).to.be.instanceOf(ConfigurationCopyError);
    expect(err.message).to.match(
      /^cert-manager's CRDs are not installed in context fake \(http:\/\/127\.0\.0\.1:\d+\) \(missing certificates\.cert-manager\.io, issuers\.cert-manager\.io, clusterissuers\.cert-manager\.io\): install cert-manager first; nothing applied$/,
    );
    expect(target.requests.map((q) => q.method)).to.deep.equal(['GET']);
  });

  it('refuses when namespaces of the file do not exist, naming them all (a ClusterIssuer needs none)', async () => {
    api = await startFakeApiServer(emptyCluster(['app']));
    const objects = await exported();
    const err = await rejection(runImport(api, objects, { clusterResourceNamespace: 'issuer-secrets' }));
    expect(err).to.be.instanceOf(ConfigurationCopyError);
    expect(err.message).to.match(
      /^namespaces issuer-secrets, other do not exist in context fake \(\S+\): create them first \(kubectl create namespace issuer-secrets other\); nothing applied$/,
    );
    const one = await rejection(
      runImport(api, [
        { ...clusterIssuer('ci', { selfSigned: {} }), metadata: { name: 'ci', namespace: 'x' } },
        issuer('team', 'i', { selfSigned: {} }),
      ]),
    );
    expect(one.message).to.match(
      /^namespace team does not exist in .*: create it first \(kubectl create namespace team\); nothing applied$/,
    );
    expect(api.requests.some((q) => q.method === 'PATCH')).to.equal(false);
  });

  it('applies an export stage by stage under its field manager, forecasts the reissues, then finds everything unchanged', async () => {
    api = await startFakeApiServer(emptyCluster(['app', 'other', 'cert-manager', 'issuer-secrets']));
    const objects = await exported();
    const first = await runImport(api, objects, { clusterResourceNamespace: 'issuer-secrets' });
    expect(first.results).to.deep.equal(first.reported);
    expect(lines(first.results)).to.deep.equal([
      'created Secret app/ca-key',
      'created Secret app/cf-token',
      'created Secret issuer-secrets/org-ca-key',
      'created ServiceAccount app/vault-auth',
      'created ClusterIssuer org-ca',
      'created ClusterIssuer unused',
      'created Issuer app/acme',
      'created Issuer app/ca',
      'created Issuer app/vault',
      'created Certificate app/pending',
      'created Certificate app/web',
      'created Certificate other/api',
    ]);
    expect(first.plan).to.deep.include({ shimCertificates: [] });
    expect(first.plan?.source).to.match(/^context fake \(http:\/\/127\.0\.0\.1:\d+\)$/);
    expect(first.plan?.reissued).to.deep.equal([
      'Certificate app/pending (Secret app/pending-tls)',
      'Certificate app/web (Secret app/web-tls)',
      'Certificate other/api (Secret other/api-tls)',
    ]);
    expect(first.plan?.unresolved).to.deep.equal([
      'Secret app/acme-account (Issuer app/acme spec.acme.privateKeySecretRef): cert-manager registers a new ACME account and creates it',
    ]);
    const patches = api.requests.filter((q) => q.method === 'PATCH');
    expect(patches).to.have.length(12);
    for (const p of patches) expect(p.query).to.equal(`?fieldManager=${FIELD_MANAGER}`);
    // Secrets and ServiceAccounts before any issuer, issuers before any Certificate.
    const order = patches.map((p) => (p.path.includes('/certificates/') ? 2 : p.path.includes('issuers/') ? 1 : 0));
    expect(order).to.deep.equal([...order].sort());
    const ci = patches.find((p) => p.path === '/apis/cert-manager.io/v1/clusterissuers/org-ca');
    expect(JSON.parse(ci?.body ?? '{}')).to.deep.equal({
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'org-ca' },
      spec: { ca: { secretName: 'org-ca-key' } },
    });
    expect(patches.map((p) => p.body).join('\n')).to.not.match(/uid|resourceVersion|managedFields|"status"/);

    const again = await runImport(api, objects, { clusterResourceNamespace: 'issuer-secrets' });
    expect(again.results.map((r) => r.outcome)).to.deep.equal(Array(12).fill('unchanged'));
  });

  it('--dry-run: every object sent with dryRun=All, reported as it would be, nothing stored', async () => {
    api = await startFakeApiServer(emptyCluster(['app']));
    const objects = [secret('app', 'ca-key'), issuer('app', 'ca', { ca: { secretName: 'ca-key' } })];
    const dry = await runImport(api, objects, { dryRun: true });
    expect(lines(dry.results)).to.deep.equal(['created Secret app/ca-key', 'created Issuer app/ca']);
    expect(api.requests.filter((q) => q.method === 'PATCH').map((q) => q.query)).to.deep.equal([
      `?fieldManager=${FIELD_MANAGER}&dryRun=All`,
      `?fieldManager=${FIELD_MANAGER}&dryRun=All`,
    ]);
    const real = await runImport(api, objects);
    expect(lines(real.results)).to.deep.equal(['created Secret app/ca-key', 'created Issuer app/ca']);
  });

  it('a conflict stops the later stages; --force-conflicts takes the fields over and reports the update', async () => {
    const cluster = emptyCluster(['app']);
    cluster['issuers.cert-manager.io']!.push(issuer('app', 'ca', { ca: { secretName: 'someone-elses-key' } }));
    cluster.secrets!.push(secret('app', 'ca-key'));
    api = await startFakeApiServer(cluster, { conflicts: ['issuers.cert-manager.io app/ca'] });
    const objects = [
      secret('app', 'ca-key'),
      issuer('app', 'ca', { ca: { secretName: 'ca-key' } }),
      issuer('app', 'self', { selfSigned: {} }),
      certificate('app', 'web', { name: 'ca' }),
    ];
    const stopped = await runImport(api, objects);
    expect(lines(stopped.results)).to.deep.equal([
      'unchanged Secret app/ca-key',
      'conflict Issuer app/ca: Apply failed with 1 conflict: conflict with "someone-else": .spec',
      'created Issuer app/self',
      'not applied Certificate app/web: not applied because an object of an earlier stage was not (Certificate wait for their Secrets and issuers)',
    ]);
    expect(api.requests.some((q) => q.method === 'PATCH' && q.path.includes('/certificates/'))).to.equal(false);

    const forced = await runImport(api, objects, { forceConflicts: true });
    expect(lines(forced.results)).to.deep.equal([
      'unchanged Secret app/ca-key',
      'updated Issuer app/ca',
      'unchanged Issuer app/self',
      'created Certificate app/web',
    ]);
    expect(api.requests.filter((q) => q.method === 'PATCH').map((q) => q.query)).to.deep.equal([
      ...Array<string>(3).fill(`?fieldManager=${FIELD_MANAGER}`),
      ...Array<string>(4).fill(`?fieldManager=${FIELD_MANAGER}&force=true`),
    ]);
  });

  it('an object the API server rejects is failed, and the issuers and Certificates after it are not applied', async () => {
    api = await startFakeApiServer(emptyCluster(['app']), { invalid: ['secrets app/ca-key'] });
    const r = await runImport(api, [
      secret('app', 'ca-key'),
      secret('app', 'other'),
      issuer('app', 'ca', { ca: { secretName: 'ca-key' } }),
      certificate('app', 'web', { name: 'ca' }),
    ]);
    expect(lines(r.results)).to.deep.equal([
      'failed Secret app/ca-key: secrets "ca-key" is invalid',
      'created Secret app/other',
      'not applied Issuer app/ca: not applied because an object of an earlier stage was not (ClusterIssuer, Issuer, Certificate wait for their Secrets and issuers)',
      'not applied Certificate app/web: not applied because an object of an earlier stage was not (ClusterIssuer, Issuer, Certificate wait for their Secrets and issuers)',
    ]);
  });

  it('forecast: a Secret in the file or the cluster is found; an issuer nowhere is named; shim Certificates are left out', async () => {
    const cluster = emptyCluster(['app']);
    cluster.secrets!.push(secret('app', 'live-tls'));
    cluster['clusterissuers.cert-manager.io']!.push(clusterIssuer('live-ci', { selfSigned: {} }));
    api = await startFakeApiServer(cluster);
    const shim = certificate(
      'app',
      'shop',
      { name: 'ca' },
      {
        ownerReferences: [
          { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', name: 'gw', controller: true },
        ],
      },
    );
    const r = await runImport(api, [
      secret('app', 'filed-tls'),
      certificate('app', 'filed', { name: 'live-ci', kind: 'ClusterIssuer', group: 'cert-manager.io' }),
      certificate('app', 'live', { name: 'gone' }),
      certificate('app', 'new', { name: 'gone-ci', kind: 'ClusterIssuer' }),
      shim,
    ]);
    expect(r.plan?.shimCertificates).to.deep.equal(['Certificate app/shop (owned by Gateway app/gw)']);
    expect(r.plan?.reissued).to.deep.equal(['Certificate app/new (Secret app/new-tls)']);
    expect(r.plan?.unresolved).to.deep.equal([
      'Issuer app/gone (spec.issuerRef of Certificate app/live)',
      'ClusterIssuer gone-ci (spec.issuerRef of Certificate app/new)',
    ]);
    expect(r.results.map((x) => x.object)).to.not.include('Certificate app/shop');
    expect(api.requests.some((q) => q.path.endsWith('/shop'))).to.equal(false);
  });

  it('an issuer whose Secret or ServiceAccount is nowhere is named unresolved', async () => {
    api = await startFakeApiServer(emptyCluster(['app']));
    const r = await runImport(api, [
      clusterIssuer('org', { ca: { secretName: 'org-key' } }),
      issuer('app', 'vault', {
        vault: {
          server: 'https://v',
          path: 'p',
          auth: { kubernetes: { role: 'r', serviceAccountRef: { name: 'sa' } } },
        },
      }),
    ]);
    expect(r.plan?.unresolved).to.deep.equal([
      'Secret cert-manager/org-key (ClusterIssuer org spec.ca.secretName)',
      'ServiceAccount app/sa (Issuer app/vault spec.vault.auth.kubernetes.serviceAccountRef.name)',
    ]);
    expect(r.plan?.reissued).to.deep.equal([]);
  });

  it('a 403 names the import role: on a read before any write, and on an apply', async () => {
    api = await startFakeApiServer(emptyCluster(['app']), { forbidden: ['get secrets'] });
    const read = await rejection(runImport(api, [secret('app', 'ca-key')]));
    expect(read).to.be.instanceOf(ClusterAccessError);
    expect(read.message).to.match(
      /^cannot get Secret app\/ca-key: forbidden by RBAC \(HTTP 403: .*\); see docs\/preflight-cluster-role\.yaml for the import role \(velero-cm-preflight-import\)$/,
    );
    expect(api.requests.some((q) => q.method === 'PATCH')).to.equal(false);
    await api.close();

    api = await startFakeApiServer(emptyCluster(['app']), { forbidden: ['patch secrets'] });
    const write = await rejection(runImport(api, [secret('app', 'ca-key')]));
    expect(write.message).to.match(
      /^cannot apply \/api\/v1\/namespaces\/app\/secrets\/ca-key: forbidden by RBAC \(HTTP 403: .*cannot patch.*\); see .* for the import role \(velero-cm-preflight-import\)$/,
    );
  });
});
