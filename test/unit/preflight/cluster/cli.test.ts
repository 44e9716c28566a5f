/**
 * Cluster mode and the doctor through the real CLI binary, against a loopback fake API server: context from
 * the cluster, read-only requests (Secrets as metadata only), --context, RBAC and timeout errors, and
 * doctor --apply running exactly the printed commands.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as F from '../audit/fixtures.js';
import { startFakeApiServer, type FakeApiServer, type FakeObject } from './fake-apiserver.js';
import { EPH } from '../table.js';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '../../../../src/preflight/cli.js');

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const labels = {
  'app.kubernetes.io/name': 'cert-manager',
  'app.kubernetes.io/component': 'controller',
  'app.kubernetes.io/instance': 'cert-manager',
};
const deployments: FakeObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'velero', namespace: 'velero' },
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'velero',
              image: 'velero/velero:v1.17.2',
              command: ['/velero'],
              args: [
                'server',
                '--restore-resource-priorities=customresourcedefinitions,namespaces,certificates.cert-manager.io,secrets',
              ],
            },
          ],
          initContainers: [{ name: 'aws', image: 'velero/velero-plugin-for-aws:v1.13.0' }],
        },
      },
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'cert-manager', namespace: 'cert-manager', labels },
    spec: {
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'cert-manager-controller',
              image: 'quay.io/jetstack/cert-manager-controller:v1.19.1',
              args: ['--cluster-resource-namespace=$(POD_NAMESPACE)'],
              env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
            },
          ],
        },
      },
    },
  },
];

function clusterObjects(extra: [string, FakeObject][] = []): Record<string, FakeObject[]> {
  const out: Record<string, FakeObject[]> = {
    namespaces: ['app', 'cert-manager', 'velero'].map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
    'deployments.apps': deployments,
    configmaps: [],
    'ingresses.networking.k8s.io': [],
    'certificaterequests.cert-manager.io': [],
    'orders.acme.cert-manager.io': [],
    'challenges.acme.cert-manager.io': [],
  };
  for (const [resource, obj] of [...F.healthyCluster(), ...extra]) (out[resource] ??= []).push(obj);
  return out;
}

describe('preflight cluster mode and doctor: CLI against a fake API server', () => {
  let api: FakeApiServer | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('--cluster takes version and namespaces from the cluster, lints the live server args and names left-out Secrets', async () => {
    api = await startFakeApiServer(clusterObjects());
    const r = await run(
      [
        '--cluster',
        '--format',
        'json',
        '--',
        'velero',
        'backup',
        'create',
        'b',
        '--include-namespaces',
        'app',
        '--include-cluster-resources=true',
      ],
      { KUBECONFIG: api.kubeconfig },
    );
    expect(r.status, r.stderr).to.equal(1);
    const report = JSON.parse(r.stdout) as {
      context: { veleroVersion: string; pluginInstalled: boolean };
      findings: { ruleId: string; message: string; location: { file: string | null } }[];
    };
    expect(report.context).to.include({ veleroVersion: '1.17.2', pluginInstalled: false });
    const ids = report.findings.map((f) => f.ruleId);
    expect(ids.filter((id) => id === 'CMV201')).to.have.length(2);
    expect(ids).to.include.members(['CMV205', 'CMV206']);
    // The live Deployment's priorities put certificates before secrets: the offline server rule fires on it.
    const server = report.findings.filter((f) => f.location.file === 'cluster:deployment/velero/velero');
    expect(server.length, JSON.stringify(report.findings.map((f) => f.ruleId))).to.be.greaterThan(0);
    expect(api.requests.every((q) => q.method === 'GET')).to.equal(true);
    const secrets = api.requests.filter((q) => q.path === '/api/v1/secrets');
    expect(secrets).to.have.length(1);
    expect(secrets[0]!.accept).to.contain('as=PartialObjectMetadataList');
    expect(r.stderr).to.equal(''); // no progress line when stderr is not a terminal
  });

  it('--context selects another context; an unknown one is a clear error (exit 2)', async () => {
    api = await startFakeApiServer(clusterObjects());
    const ok = await run(
      ['--cluster', '--context', 'second', '--', 'velero', 'backup', 'create', 'b', '--include-cluster-resources=true'],
      { KUBECONFIG: api.kubeconfig },
    );
    expect(ok.stdout).to.contain('cluster:second:1:1: info CMV205');
    const bad = await run(['--cluster', '--context', 'nope', '--', 'velero', 'backup', 'create', 'b'], {
      KUBECONFIG: api.kubeconfig,
    });
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.contain('no context "nope" in the Kubernetes configuration (contexts: fake, second)');
  });

  it('RBAC denials and timeouts are reported with what was attempted (exit 2)', async () => {
    api = await startFakeApiServer(clusterObjects(), { forbidden: ['secrets'], hang: ['orders.acme.cert-manager.io'] });
    const denied = await run(['doctor', '--request-timeout', '1'], { KUBECONFIG: api.kubeconfig });
    expect(denied.status).to.equal(2);
    expect(denied.stderr).to.match(
      /cannot list orders\.acme\.cert-manager\.io: no answer from http:\/\/127\.0\.0\.1:\d+ within 1000 ms/,
    );
    await api.close();
    api = await startFakeApiServer(clusterObjects(), { forbidden: ['secrets'] });
    const forbidden = await run(['doctor'], { KUBECONFIG: api.kubeconfig });
    expect(forbidden.status).to.equal(2);
    expect(forbidden.stderr).to.contain(
      'cannot list secrets (metadata only) in all namespaces: forbidden by RBAC (HTTP 403',
    );
  });

  it('doctor prints the fix commands, and --apply --yes runs exactly those, without a shell', async () => {
    const orphan: FakeObject = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'CertificateRequest',
      metadata: { name: 'web-1', namespace: 'app', annotations: { 'cert-manager.io/certificate-name': 'web' } },
    };
    api = await startFakeApiServer(clusterObjects([['certificaterequests.cert-manager.io', orphan]]));
    const json = await run(['doctor', '--format', 'json'], { KUBECONFIG: api.kubeconfig });
    const report = JSON.parse(json.stdout) as {
      findings: { ruleId: string; severity: string; fix: { replacement: string | null } | null }[];
    };
    const cr = report.findings.find((f) => f.ruleId === 'CMV301')!;
    expect(cr.severity).to.equal('error');
    expect(cr.fix?.replacement).to.equal('kubectl delete certificaterequests.cert-manager.io -n app web-1');
    expect(json.status).to.equal(1);

    const dir = mkdtempSync(join(tmpdir(), 'vcm-kubectl-'));
    const log = join(dir, 'argv.log');
    const fake = join(dir, 'kubectl');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$@" >> '${log}'\necho '---' >> '${log}'\n`);
    chmodSync(fake, 0o755);
    const refused = await run(['doctor', '--apply'], { KUBECONFIG: api.kubeconfig, VELERO_CM_PREFLIGHT_KUBECTL: fake });
    expect(refused.stderr).to.contain('nothing applied: not a terminal: pass --yes');
    expect(existsSync(log)).to.equal(false);
    const applied = await run(['doctor', '--apply', '--yes', '--context', 'second'], {
      KUBECONFIG: api.kubeconfig,
      VELERO_CM_PREFLIGHT_KUBECTL: fake,
    });
    expect(applied.status, applied.stderr).to.equal(0);
    expect(readFileSync(log, 'utf8')).to.equal(
      '--context\nsecond\ndelete\ncertificaterequests.cert-manager.io\n-n\napp\nweb-1\n---\n',
    );
    expect(applied.stderr).to.contain('ran 1 command, 0 failed');

    // --namespace limits the report (and what --apply would run) to the namespaces named.
    const elsewhere = await run(['doctor', '--namespace', 'shop,web', '--namespace=other'], {
      KUBECONFIG: api.kubeconfig,
    });
    expect(elsewhere.status, elsewhere.stderr).to.equal(0);
    expect(elsewhere.stdout).to.not.contain('CMV301');
    const here = await run(['doctor', '--namespace', 'app'], { KUBECONFIG: api.kubeconfig });
    expect(here.status).to.equal(1);
    expect(here.stdout).to.contain('CMV301(doctor-orphan-certificaterequest) CertificateRequest app/web-1');
    const misuse = await run(['--namespace', 'app', '--', 'velero', 'backup', 'create', 'b'], {});
    expect(misuse.status).to.equal(2);
    expect(misuse.stderr).to.contain('--namespace only works with doctor');
    const badName = await run(['doctor', '--namespace', 'App'], { KUBECONFIG: api.kubeconfig });
    expect(badName.status).to.equal(2);
    expect(badName.stderr).to.contain('"App" is not a namespace name');
  });

  it("--cluster reads the resource policy a command names from Velero's namespace; a policy file given wins", async () => {
    const policy = (excluded: string): FakeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'pol', namespace: 'velero' },
      data: {
        'policy.yaml': `version: v1\nincludeExcludePolicy:\n  excludedNamespaceScopedResources: [${excluded}]\n`,
      },
    });
    const other: FakeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'velero' },
      data: { key: 'value' },
    };
    api = await startFakeApiServer({ ...clusterObjects(), configmaps: [policy('secrets'), other] });
    const command = [
      'velero',
      'backup',
      'create',
      'b',
      '--include-cluster-scoped-resources=*',
      `--exclude-namespace-scoped-resources=${EPH}`,
      '--resource-policies-configmap',
      'pol',
    ];
    const fromCluster = await run(['--cluster', '--format', 'json', '--', ...command], { KUBECONFIG: api.kubeconfig });
    const ids = (r: { stdout: string }) =>
      (JSON.parse(r.stdout) as { findings: { ruleId: string; message: string }[] }).findings.map((f) => f.ruleId);
    expect(ids(fromCluster), fromCluster.stdout).to.include('CMV033');
    expect(ids(fromCluster)).to.not.include('CMV030');
    const missing = await run(['--cluster', '--format', 'json', '--', ...command.slice(0, -1), 'nope'], {
      KUBECONFIG: api.kubeconfig,
    });
    const missingFindings = (JSON.parse(missing.stdout) as { findings: { ruleId: string; message: string }[] })
      .findings;
    expect(missingFindings.find((f) => f.ruleId === 'CMV032')?.message).to.contain(
      'resource policy ConfigMap velero/nope does not exist in the cluster',
    );
    expect(missingFindings.map((f) => f.ruleId)).to.not.include('CMV030');

    const dir = mkdtempSync(join(tmpdir(), 'vcm-policy-'));
    const script = join(dir, 'backup.sh');
    writeFileSync(script, `${command.map((w) => (w.includes('*') ? `'${w}'` : w)).join(' ')}\n`);
    const file = join(dir, 'pol.yaml');
    writeFileSync(
      file,
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pol, namespace: velero}\ndata:\n  policy.yaml: |\n    version: v1\n    includeExcludePolicy:\n      excludedNamespaceScopedResources: [events]\n`,
    );
    const fromFiles = await run(['--cluster', '--format', 'json', script, file], { KUBECONFIG: api.kubeconfig });
    expect(ids(fromFiles), fromFiles.stdout).to.not.include('CMV033');
  });

  it('an unreachable API server is a clear error', async () => {
    api = await startFakeApiServer({});
    const kubeconfig = api.kubeconfig;
    await api.close();
    api = undefined;
    const r = await run(['--cluster', '--', 'velero', 'backup', 'create', 'b'], { KUBECONFIG: kubeconfig });
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(
      /cannot list namespaces: the API server http:\/\/127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\)/,
    );
  });
});
