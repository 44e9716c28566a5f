/**
 * velero-cm-preflight export and import against real API servers: export from the shared environment with the
 * cert-manager fixtures, import into a second, empty one (first without cert-manager's CRDs, then with them);
 * the refusals (a cut file, foreign kinds, no CRDs, no namespace, no Secret access) change nothing.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreV1Api, CustomObjectsApi, RbacAuthorizationV1Api, type V1ClusterRole } from '@kubernetes/client-node';
import yaml from 'js-yaml';
import { ClusterApi } from '../../../src/preflight/cluster/api.js';
import { loadCertManagerFixtures, type FixtureObject } from '../fixtures/cert-manager.js';
import { testEnv, testNamespace } from '../hooks.js';
import { kubeConfigFromFile, startTestEnvironment, type TestEnvironment } from '../testenv/index.js';
import { installUpstream } from '../testenv/install.js';
import { upstreamManifests } from '../testenv/manifests.js';
import { runPreflight } from './preflight-cli.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROLES = join(here, '../../../../docs/preflight-cluster-role.yaml');

interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: unknown;
  data?: Record<string, string>;
}

const docsOf = (file: string) => (yaml.loadAll(readFileSync(file, 'utf8')) as (Doc | null)[]).filter((d) => d !== null);
const key = (d: { kind: string; metadata: { name: string; namespace?: string } }) =>
  `${d.kind} ${d.kind === 'ClusterIssuer' ? '' : `${d.metadata.namespace ?? ''}/`}${d.metadata.name}`;

describe('velero-cm-preflight export and import (real API servers)', function () {
  this.timeout(300_000);
  let target: TestEnvironment | undefined;
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'vcm-copy-'));
  });
  after(async () => {
    await target?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('round trip: every spec equal, every referenced Secret present, shim Certificates absent, reissues forecast', async () => {
    const source = testEnv().kubeconfig;
    const ns = testNamespace();
    const fixtures = await loadCertManagerFixtures(source, { namespace: ns });
    const file = join(work, 'plain.yaml');
    const withSecrets = join(work, 'with-secrets.yaml');

    const exported = runPreflight(source, ['export', '--namespace', ns, '-o', file]);
    expect(exported.status, exported.stderr).to.equal(0);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(exported.stderr).to.contain(`left out Certificate ${ns}/shop-tls (owned by Ingress ${ns}/shop)`);
    expect(exported.stderr).to.contain(`left out Certificate ${ns}/gateway-tls (owned by Gateway ${ns}/gateway)`);
    expect(exported.stderr).to.contain('it holds Secret data');
    expect(exported.stderr).to.contain(
      `not found, not exported: Secret ${ns}/acme-http01-account-key (Issuer ${ns}/acme-http01 spec.acme.privateKeySecretRef): cert-manager registers a new ACME account and creates it`,
    );
    const docs = docsOf(file);
    // Apply order, and no server-set field anywhere.
    const stageOf: Record<string, number> = {
      Secret: 0,
      ServiceAccount: 0,
      ClusterIssuer: 1,
      Issuer: 1,
      Certificate: 2,
    };
    const stages = docs.map((d) => stageOf[d.kind] ?? -1);
    expect(stages).to.deep.equal([...stages].sort((a, b) => a - b));
    for (const field of [
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'managedFields',
      'ownerReferences',
      'generation',
    ])
      expect(readFileSync(file, 'utf8'), field).to.not.contain(`${field}:`);
    expect(readFileSync(file, 'utf8')).to.not.match(/^status:/m);

    // The fixture's issuers and non-shim Certificates, and the ClusterIssuer their Certificates use.
    const isShim = (o: FixtureObject) => (o.metadata.ownerReferences ?? []).some((r) => r.controller);
    const expectedConfig = [
      ...fixtures.ofKind('Issuer'),
      ...fixtures.ofKind('Certificate').filter((c) => !isShim(c)),
      fixtures.get('ClusterIssuer', `${ns}-ca`),
    ].map(key);
    expect(docs.filter((d) => d.kind !== 'Secret' && d.kind !== 'ServiceAccount').map(key)).to.have.members(
      expectedConfig,
    );
    // An external webhook solver's config is its own: named on stderr, its Secret not guessed.
    expect(exported.stderr).to.match(
      new RegExp(`Issuer ${ns}/acme-dns01 spec\\.acme\\.solvers\\[\\d+\\]\\.dns01\\.webhook: an external DNS01 solver`),
    );
    // Every Secret the fixtures create for an issuer (not the Certificates' own, the pending next key, or the
    // webhook solver's).
    const certSecretNames = new Set([
      'web-tls',
      'keystores-tls',
      'cluster-issued-tls',
      'acme-next-key',
      'shop-tls',
      'gateway-tls',
      'webhook-solver-credentials',
    ]);
    const expectedSecrets = fixtures
      .ofKind('Secret')
      .filter((s) => !certSecretNames.has(s.metadata.name))
      .filter((s) => s.metadata.namespace === ns || s.metadata.name === `${ns}-ca-key-pair`)
      .map(key);
    expect(docs.filter((d) => d.kind === 'Secret').map(key)).to.have.members(expectedSecrets);

    const exportedWith = runPreflight(source, [
      'export',
      '--namespace',
      ns,
      '--with-certificate-secrets',
      '-o',
      withSecrets,
    ]);
    expect(exportedWith.status, exportedWith.stderr).to.equal(0);
    expect(
      docsOf(withSecrets)
        .filter((d) => d.kind === 'Secret')
        .map(key),
    ).to.have.members([
      ...expectedSecrets,
      `Secret ${ns}/web-tls`,
      `Secret ${ns}/keystores-tls`,
      `Secret ${ns}/cluster-issued-tls`,
    ]);

    // An empty cluster: no cert-manager CRDs. Refused, nothing written.
    const started = Date.now();
    target = await startTestEnvironment({
      stateDir: mkdtempSync(join(tmpdir(), 'vcm-copy-target-')),
      installUpstream: false,
      stopOnExit: true,
    });
    process.stderr.write(`      second API server up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    const noCrds = runPreflight(target.kubeconfig, ['import', file]);
    expect(noCrds.status).to.equal(2);
    expect(noCrds.stderr).to.match(
      /cert-manager's CRDs are not installed in context \S+ \(https:\/\/127\.0\.0\.1:\d+\) \(missing certificates\.cert-manager\.io, issuers\.cert-manager\.io, clusterissuers\.cert-manager\.io\): install cert-manager first; nothing applied/,
    );
    expect(noCrds.stdout).to.equal('');

    await installUpstream(target.kubeconfig, await upstreamManifests(() => undefined), 'opt-in', () => undefined);
    const targetKc = kubeConfigFromFile(target.kubeconfig);
    const core = targetKc.makeApiClient(CoreV1Api);
    const custom = targetKc.makeApiClient(CustomObjectsApi);

    const noNamespace = runPreflight(target.kubeconfig, ['import', file]);
    expect(noNamespace.status).to.equal(2);
    expect(noNamespace.stderr).to.contain(`namespace ${ns} does not exist in context`);
    expect(noNamespace.stderr).to.contain(`create it first (kubectl create namespace ${ns}); nothing applied`);
    await core.createNamespace({ body: { metadata: { name: ns } } });

    // --dry-run: the server validates every object; nothing is stored.
    const dry = runPreflight(target.kubeconfig, ['import', '--dry-run', file]);
    expect(dry.status, dry.stderr).to.equal(0);
    expect(dry.stdout.trim().split('\n')).to.have.length(docs.length);
    expect(
      dry.stdout
        .trim()
        .split('\n')
        .every((l) => l.startsWith('created ')),
    ).to.equal(true);
    expect((await core.listNamespacedSecret({ namespace: ns })).items).to.deep.equal([]);

    const imported = runPreflight(target.kubeconfig, ['import', file]);
    expect(imported.status, imported.stderr).to.equal(0);
    expect(imported.stdout.trim().split('\n')).to.deep.equal(docs.map((d) => `created     ${key(d)}`));
    // The forecast: without their Secrets, every Certificate is issued anew.
    for (const name of ['web', 'keystores', 'cluster-issued', 'acme'])
      expect(imported.stderr).to.contain(`Certificate ${ns}/${name} (Secret ${ns}/${name}-tls)`);
    expect(imported.stderr).to.contain('cert-manager will issue 4 Certificates anew');

    // Every spec equal after the round trip; every referenced Secret present with its data.
    for (const d of docs) {
      if (d.kind === 'Secret') {
        const live = await core.readNamespacedSecret({ namespace: d.metadata.namespace!, name: d.metadata.name });
        expect(live.data, key(d)).to.deep.equal(d.data);
        continue;
      }
      if (d.kind === 'ServiceAccount') {
        await core.readNamespacedServiceAccount({ namespace: d.metadata.namespace!, name: d.metadata.name });
        continue;
      }
      const plural = `${d.kind.toLowerCase()}s`;
      const live = (
        d.kind === 'ClusterIssuer'
          ? await custom.getClusterCustomObject({
              group: 'cert-manager.io',
              version: 'v1',
              plural,
              name: d.metadata.name,
            })
          : await custom.getNamespacedCustomObject({
              group: 'cert-manager.io',
              version: 'v1',
              namespace: d.metadata.namespace!,
              plural,
              name: d.metadata.name,
            })
      ) as { spec: unknown };
      const original = fixtures.get(d.kind, d.metadata.name) as { spec?: unknown };
      expect(live.spec, key(d)).to.deep.equal(original.spec);
    }
    // Shim Certificates stay out: their Ingress or Gateway recreates them.
    const certificates = (await custom.listNamespacedCustomObject({
      group: 'cert-manager.io',
      version: 'v1',
      namespace: ns,
      plural: 'certificates',
    })) as { items: { metadata: { name: string } }[] };
    expect(certificates.items.map((c) => c.metadata.name).sort()).to.deep.equal([
      'acme',
      'cluster-issued',
      'keystores',
      'web',
    ]);

    // Again, with the Certificates' Secrets: only those are new, and only the Certificate whose Secret the source
    // never had is forecast to be issued anew.
    const again = runPreflight(target.kubeconfig, ['import', withSecrets]);
    expect(again.status, again.stderr).to.equal(0);
    expect(
      again.stdout
        .split('\n')
        .filter((l) => l.startsWith('created'))
        .sort(),
    ).to.deep.equal([
      `created     Secret ${ns}/cluster-issued-tls`,
      `created     Secret ${ns}/keystores-tls`,
      `created     Secret ${ns}/web-tls`,
    ]);
    expect(
      again.stdout.split('\n').filter((l) => l && !l.startsWith('created') && !l.startsWith('unchanged')),
    ).to.deep.equal([]);
    expect(again.stderr).to.contain(`cert-manager will issue 1 Certificate anew`);
    expect(again.stderr).to.contain(`Certificate ${ns}/acme (Secret ${ns}/acme-tls)`);

    // A field another manager owns is a conflict: reported, and the later stages are not applied.
    const other = await ClusterApi.connect({ kubeconfigPath: target.kubeconfig });
    const taken = await other.apply(
      `/apis/cert-manager.io/v1/namespaces/${ns}/issuers/ca`,
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Issuer',
        metadata: { name: 'ca' },
        spec: { ca: { secretName: 'other-ca' } },
      },
      { fieldManager: 'someone-else', dryRun: false, force: true },
    );
    expect(taken.status).to.equal(200);
    const conflict = runPreflight(target.kubeconfig, ['import', file]);
    expect(conflict.status).to.equal(1);
    expect(conflict.stdout).to.match(new RegExp(`^conflict    Issuer ${ns}/ca: .*someone-else`, 'm'));
    expect(conflict.stdout).to.match(new RegExp(`^not applied Certificate ${ns}/web: `, 'm'));
    // --force-conflicts takes the field back.
    const forced = runPreflight(target.kubeconfig, ['import', '--force-conflicts', file]);
    expect(forced.status, forced.stderr).to.equal(0);
    expect(forced.stdout).to.match(new RegExp(`^updated     Issuer ${ns}/ca$`, 'm'));
  });

  it('refuses a cut file and a file of the wrong kinds, naming each problem, and applies nothing', async () => {
    const ns = testNamespace();
    await loadCertManagerFixtures(testEnv().kubeconfig, { namespace: ns });
    const file = join(work, `${ns}.yaml`);
    expect(runPreflight(testEnv().kubeconfig, ['export', '--namespace', ns, '-o', file]).status).to.equal(0);
    const text = readFileSync(file, 'utf8');
    const cut = join(work, `${ns}-cut.yaml`);
    writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
    const partial = runPreflight(testEnv().kubeconfig, ['import', cut]);
    expect(partial.status).to.equal(2);
    expect(partial.stderr).to.contain(`${cut}: nothing applied:`);
    expect(partial.stderr).to.contain('cut short');
    expect(partial.stdout).to.equal('');

    const wrong = join(work, `${ns}-wrong.yaml`);
    writeFileSync(
      wrong,
      yaml.dump({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: ns }, data: {} }) +
        '---\n' +
        yaml.dump({
          apiVersion: 'acme.cert-manager.io/v1',
          kind: 'Challenge',
          metadata: { name: 'c', namespace: ns },
          spec: {},
        }),
    );
    const kinds = runPreflight(testEnv().kubeconfig, ['import', wrong]);
    expect(kinds.status).to.equal(2);
    expect(kinds.stderr).to.contain(`document 1 (v1 ConfigMap ${ns}/x): not part of cert-manager's configuration`);
    expect(kinds.stderr).to.contain("Challenges are cert-manager's own working state, never copied");
    expect(kinds.stdout).to.equal('');
  });

  it("imports the guide's kubectl get output as is: server fields stripped, shim Certificates left out", async () => {
    const ns = testNamespace();
    await loadCertManagerFixtures(testEnv().kubeconfig, { namespace: ns });
    const custom = kubeConfigFromFile(testEnv().kubeconfig).makeApiClient(CustomObjectsApi);
    const items: unknown[] = [];
    for (const plural of ['issuers', 'certificates']) {
      const list = (await custom.listNamespacedCustomObject({
        group: 'cert-manager.io',
        version: 'v1',
        namespace: ns,
        plural,
      })) as { items: { metadata: { uid?: string; managedFields?: unknown } }[] };
      // As `kubectl get -o yaml` prints them: uid, resourceVersion, managedFields, status and owners included.
      expect(list.items[0]?.metadata.uid).to.be.a('string');
      items.push(...list.items);
    }
    const file = join(work, `${ns}-guide.yaml`);
    writeFileSync(file, yaml.dump({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } }));
    const r = runPreflight(testEnv().kubeconfig, ['import', '--dry-run', file]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stderr).to.contain(`left out Certificate ${ns}/shop-tls (owned by Ingress ${ns}/shop)`);
    expect(r.stderr).to.contain(`left out Certificate ${ns}/gateway-tls (owned by Gateway ${ns}/gateway)`);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).to.equal(items.length - 2);
    expect(lines.every((l) => l.startsWith('unchanged '))).to.equal(true);
  });

  it('export with the documented read-only role alone names the missing Secret permission; with the export role it works', async () => {
    const ns = testNamespace();
    await loadCertManagerFixtures(testEnv().kubeconfig, { namespace: ns });
    const rbac = kubeConfigFromFile(testEnv().kubeconfig).makeApiClient(RbacAuthorizationV1Api);
    const roles = yaml.loadAll(readFileSync(ROLES, 'utf8')) as Pick<V1ClusterRole, 'kind' | 'metadata' | 'rules'>[];
    const user = `${ns}-exporter`;
    const bind = async (role: string) => {
      const doc = roles.find((d) => d.kind === 'ClusterRole' && d.metadata?.name === role)!;
      const name = `${ns}-${role}`;
      await rbac.createClusterRole({ body: { metadata: { name }, rules: doc.rules } });
      await rbac.createClusterRoleBinding({
        body: {
          metadata: { name },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
        },
      });
    };
    const kubeconfig = await testEnv().userKubeconfig(user);
    await bind('velero-cm-preflight-read');
    const file = join(work, `${ns}-role.yaml`);
    // RBAC takes effect within moments; retry briefly while the read role's first request is still denied.
    let denied = runPreflight(kubeconfig, ['export', '--namespace', ns, '-o', file]);
    for (let i = 0; i < 20 && denied.stderr.includes('list customresourcedefinitions: forbidden'); i++) {
      await new Promise((r) => setTimeout(r, 250));
      denied = runPreflight(kubeconfig, ['export', '--namespace', ns, '-o', file]);
    }
    expect(denied.status).to.equal(2);
    expect(denied.stderr).to.match(
      new RegExp(
        `cannot get secrets \\S+/\\S+ \\(referenced by [^)]+\\): forbidden by RBAC \\(HTTP 403: secrets "[^"]+" is forbidden: User "${user}" cannot get resource "secrets".*see docs/preflight-cluster-role\\.yaml for the export role \\(velero-cm-preflight-export\\)`,
      ),
    );
    expect(() => statSync(file)).to.throw();
    await bind('velero-cm-preflight-export');
    let allowed = runPreflight(kubeconfig, ['export', '--namespace', ns, '-o', file]);
    for (let i = 0; i < 20 && allowed.status !== 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      allowed = runPreflight(kubeconfig, ['export', '--namespace', ns, '-o', file]);
    }
    expect(allowed.status, allowed.stderr).to.equal(0);

    // import by a user whose role leaves out Secrets: refused at the first Secret, before any write.
    const importRole = roles.find(
      (d) => d.kind === 'ClusterRole' && d.metadata?.name === 'velero-cm-preflight-import',
    )!;
    const importer = `${ns}-importer`;
    const name = `${ns}-import-without-secrets`;
    await rbac.createClusterRole({
      body: { metadata: { name }, rules: importRole.rules!.filter((r) => !r.resources?.includes('secrets')) },
    });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: importer }],
      },
    });
    const importerConfig = await testEnv().userKubeconfig(importer);
    let refused = runPreflight(importerConfig, ['import', file]);
    for (let i = 0; i < 20 && refused.stderr.includes('customresourcedefinitions'); i++) {
      await new Promise((r) => setTimeout(r, 250));
      refused = runPreflight(importerConfig, ['import', file]);
    }
    expect(refused.status).to.equal(2);
    expect(refused.stderr).to.match(
      /cannot get Secret \S+: forbidden by RBAC \(HTTP 403: .*cannot get resource "secrets".*see docs\/preflight-cluster-role\.yaml for the import role \(velero-cm-preflight-import\)/,
    );
    expect(refused.stdout).to.equal('');
  });
});
