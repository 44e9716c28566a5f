/**
 * velero-cm-preflight --cluster and doctor against the real API server of the test environment, with the
 * cert-manager fixture data and restore damage made on purpose; exact findings for the test's namespace.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreV1Api, CustomObjectsApi, RbacAuthorizationV1Api, type V1ClusterRole } from '@kubernetes/client-node';
import yaml from 'js-yaml';
import { loadCertManagerFixtures } from '../fixtures/cert-manager.js';
import { adminKubeConfig, testEnv, testNamespace } from '../hooks.js';
import { PREFLIGHT_CLI } from './preflight-cli.js';

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  subject: { kind: string; name?: string };
  fix: { description: string; replacement: string | null } | null;
}

function cli(args: string[]): {
  status: number | null;
  findings: JsonFinding[];
  stderr: string;
  context: Record<string, unknown>;
} {
  const r = spawnSync(
    process.execPath,
    [
      PREFLIGHT_CLI,
      ...(args[0] === 'doctor' ? ['doctor', '--format', 'json', ...args.slice(1)] : ['--format', 'json', ...args]),
    ],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, KUBECONFIG: testEnv().kubeconfig } },
  );
  const report = JSON.parse(r.stdout || '{"findings":[],"context":{}}') as {
    findings: JsonFinding[];
    context: Record<string, unknown>;
  };
  return { status: r.status, findings: report.findings, stderr: r.stderr, context: report.context };
}

describe('velero-cm-preflight --cluster and doctor (real API server)', () => {
  it('--cluster names the ClusterIssuer Secrets a namespace-filtered backup leaves out, and finds cert-manager', async () => {
    const ns = testNamespace();
    await loadCertManagerFixtures(testEnv().kubeconfig, { namespace: ns });
    const r = cli([
      '--cluster',
      '--',
      'velero',
      'backup',
      'create',
      'b',
      '--include-namespaces',
      ns,
      '--include-cluster-resources=true',
    ]);
    expect(r.status, r.stderr).to.equal(1);
    const mine = r.findings.filter((f) => f.ruleId === 'CMV201' && f.subject.name?.startsWith(`cert-manager/${ns}-`));
    expect(mine.map((f) => f.message)).to.deep.equal([
      `Secret cert-manager/${ns}-acme-account-key (spec.acme.privateKeySecretRef of ClusterIssuer ${ns}-acme) would be left out: --include-namespaces does not include cert-manager`,
      `Secret cert-manager/${ns}-ca-key-pair (spec.ca.secretName of ClusterIssuer ${ns}-ca) would be left out: --include-namespaces does not include cert-manager`,
      `Secret cert-manager/${ns}-cloudflare-api-token (spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef of ClusterIssuer ${ns}-acme) would be left out: --include-namespaces does not include cert-manager`,
    ]);
    const installation = r.findings.find((f) => f.ruleId === 'CMV206')!;
    expect(installation.message).to.match(
      /^cert-manager runs in namespace cert-manager; its cluster resource namespace is cert-manager \(controller-flag\); CRDs installed: 6\/6$/,
    );
    // Nothing about this namespace's own Secrets: they are in the backed-up namespace.
    expect(r.findings.filter((f) => f.subject.name?.startsWith(`${ns}/`))).to.deep.equal([]);
  });

  it('doctor: what the fixtures hold as they are, then ownerless requests and Orders after a restore, fixed with --apply', async () => {
    const ns = testNamespace();
    await loadCertManagerFixtures(testEnv().kubeconfig, { namespace: ns });
    const inNs = (fs: JsonFinding[]) => fs.filter((f) => f.subject.name?.startsWith(`${ns}/`));
    // The fixtures model an ACME Certificate still being issued and an HTTP01 issuer that has not registered yet.
    const baseline = [
      `CMV303 Secret ${ns}/acme-tls of Certificate ${ns}/acme does not exist: cert-manager issues the certificate again (new key)`,
      `CMV304 Issuer ${ns}/acme-http01 references Secret ${ns}/acme-http01-account-key (spec.acme.privateKeySecretRef), which does not exist`,
    ];
    expect(inNs(cli(['doctor']).findings).map((f) => `${f.ruleId} ${f.message}`)).to.deep.equal(baseline);

    // What a restore without the plugin leaves: the request lost its owner, an Order came back without status.
    const custom = adminKubeConfig().makeApiClient(CustomObjectsApi);
    await custom.deleteNamespacedCustomObject({
      group: 'cert-manager.io',
      version: 'v1',
      namespace: ns,
      plural: 'certificaterequests',
      name: 'web-1',
    });
    await custom.createNamespacedCustomObject({
      group: 'cert-manager.io',
      version: 'v1',
      namespace: ns,
      plural: 'certificaterequests',
      body: {
        apiVersion: 'cert-manager.io/v1',
        kind: 'CertificateRequest',
        metadata: { name: 'web-1', annotations: { 'cert-manager.io/certificate-name': 'web' } },
        spec: {
          request: Buffer.from(
            '-----BEGIN CERTIFICATE REQUEST-----\nMA==\n-----END CERTIFICATE REQUEST-----\n',
          ).toString('base64'),
          issuerRef: { name: 'ca' },
        },
      },
    });
    await custom.createNamespacedCustomObject({
      group: 'acme.cert-manager.io',
      version: 'v1',
      namespace: ns,
      plural: 'orders',
      body: {
        apiVersion: 'acme.cert-manager.io/v1',
        kind: 'Order',
        metadata: { name: 'web-1-restored' },
        spec: { request: 'MA==', issuerRef: { name: 'acme-dns01' }, dnsNames: ['web.example.com'] },
      },
    });
    const damaged = inNs(cli(['doctor']).findings).filter((f) => f.fix?.replacement);
    expect(damaged.map((f) => [f.ruleId, f.severity, f.fix?.replacement])).to.deep.equal([
      ['CMV301', 'error', `kubectl delete certificaterequests.cert-manager.io -n ${ns} web-1`],
      ['CMV305', 'warning', `kubectl delete orders.acme.cert-manager.io -n ${ns} web-1-restored`],
    ]);

    // --namespace: the same findings about this namespace, none about another one's objects (other tests share
    // the API server), and those about cluster-scoped objects (no namespace in the name) still shown.
    const scoped = cli(['doctor', '--namespace', ns]).findings;
    expect(scoped.filter((f) => f.subject.name?.includes('/') && !f.subject.name.startsWith(`${ns}/`))).to.deep.equal(
      [],
    );
    expect(inNs(scoped)).to.deep.equal(inNs(cli(['doctor']).findings));

    const applied = spawnSync(process.execPath, [PREFLIGHT_CLI, 'doctor', '--namespace', ns, '--apply', '--yes'], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, KUBECONFIG: testEnv().kubeconfig },
    });
    expect(applied.stderr).to.match(/ran \d+ commands?, 0 failed/);
    expect(inNs(cli(['doctor']).findings).map((f) => `${f.ruleId} ${f.message}`)).to.deep.equal(baseline);
    const left: unknown = await custom.listNamespacedCustomObject({
      group: 'cert-manager.io',
      version: 'v1',
      namespace: ns,
      plural: 'certificaterequests',
    });
    expect((left as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name)).to.not.include(
      'web-1',
    );
  });
});

describe('velero-cm-preflight least-privilege role (real API server)', () => {
  it('docs/preflight-cluster-role.yaml is enough for --cluster and doctor; without it the error names the request', async () => {
    const ns = testNamespace();
    const kc = adminKubeConfig();
    const core = kc.makeApiClient(CoreV1Api);
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    const docs = yaml.loadAll(
      readFileSync(
        join(dirname(fileURLToPath(import.meta.url)), '../../../../docs/preflight-cluster-role.yaml'),
        'utf8',
      ),
      // Plain objects from YAML (not client-node class instances), so they may be spread.
    ) as Pick<V1ClusterRole, 'apiVersion' | 'kind' | 'metadata' | 'rules' | 'aggregationRule'>[];
    const read = docs.find((d) => d.kind === 'ClusterRole' && d.metadata?.name === 'velero-cm-preflight-read')!;
    const roleName = `${ns}-read`;
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'preflight' } } });
    const token = (
      await core.createNamespacedServiceAccountToken({
        namespace: ns,
        name: 'preflight',
        body: { spec: { audiences: [], expirationSeconds: 3600 } },
      })
    ).status!.token;
    const cluster = kc.getCurrentCluster()!;
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'vcm-role-')), 'kubeconfig');
    writeFileSync(
      kubeconfig,
      yaml.dump({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'c',
            cluster: {
              server: cluster.server,
              ...(cluster.caData ? { 'certificate-authority-data': cluster.caData } : {}),
              ...(cluster.caFile ? { 'certificate-authority': cluster.caFile } : {}),
            },
          },
        ],
        users: [{ name: 'u', user: { token } }],
        contexts: [{ name: 'sa', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'sa',
      }),
    );
    const run = (args: string[]) =>
      spawnSync(process.execPath, [PREFLIGHT_CLI, ...args], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, KUBECONFIG: kubeconfig },
      });
    const denied = run(['doctor']);
    expect(denied.status).to.equal(2);
    expect(denied.stderr).to.match(/cannot list namespaces: forbidden by RBAC \(HTTP 403/);

    await rbac.createClusterRole({ body: { ...read, metadata: { name: roleName } } });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: roleName },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
        subjects: [{ kind: 'ServiceAccount', name: 'preflight', namespace: ns }],
      },
    });
    // RBAC changes reach the authorizer's cache within a moment; bounded retry.
    let doctor = run(['doctor', '--fail-on', 'never']);
    for (let i = 0; i < 20 && doctor.status !== 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      doctor = run(['doctor', '--fail-on', 'never']);
    }
    expect(doctor.status, doctor.stderr).to.equal(0);
    const lint = run([
      '--cluster',
      '--fail-on',
      'never',
      '--',
      'velero',
      'backup',
      'create',
      'b',
      '--include-cluster-resources=true',
    ]);
    expect(lint.status, lint.stderr).to.equal(0);
  });
});
