/**
 * export and import through the built CLI binary against the fake API server: exit codes (0, 1 when an object
 * was not applied, 2 for a refusal), stdin as the file, the help of one command, and how refusals are printed.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeApiServer, type FakeApiServer } from '../cluster/fake-apiserver.js';
import { emptyCluster, issuer, sourceCluster } from '../transfer/clusters.js';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '../../../../src/preflight/cli.js');

function cli(
  args: string[],
  kubeconfig: string,
  stdin = '',
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, KUBECONFIG: kubeconfig },
      stdio: ['pipe', 'pipe', 'pipe'],
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
    child.stdin.end(stdin);
  });
}

describe('preflight export and import: CLI against a fake API server', () => {
  const servers: FakeApiServer[] = [];
  let dir: string;
  const start = async (...args: Parameters<typeof startFakeApiServer>) => {
    const api = await startFakeApiServer(...args);
    servers.push(api);
    return api;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vcm-copy-cli-'));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('export -o FILE then import - --dry-run, import, and again: exit 0, one line per object', async () => {
    const source = await start(sourceCluster());
    const file = join(dir, 'cm.yaml');
    const exported = await cli(
      ['export', '--namespace', 'app', '--with-certificate-secrets', '-o', file],
      source.kubeconfig,
    );
    expect(exported.status, exported.stderr).to.equal(0);
    expect(exported.stdout).to.equal('');
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(exported.stderr).to.contain(
      `velero-cm-preflight: exported 3 Secrets, 1 ServiceAccount, 0 ClusterIssuers, 3 Issuers, 2 Certificates to ${file} (mode 0600)`,
    );

    const target = await start(emptyCluster(['app']));
    const text = readFileSync(file, 'utf8');
    const dry = await cli(['import', '--dry-run', '-'], target.kubeconfig, text);
    expect(dry.status, dry.stderr).to.equal(0);
    expect(dry.stdout.trimEnd().split('\n')).to.deep.equal([
      'created     Secret app/ca-key',
      'created     Secret app/cf-token',
      'created     Secret app/web-tls',
      'created     ServiceAccount app/vault-auth',
      'created     Issuer app/acme',
      'created     Issuer app/ca',
      'created     Issuer app/vault',
      'created     Certificate app/pending',
      'created     Certificate app/web',
    ]);
    expect(dry.stderr).to.match(/importing 9 objects into context fake \(\S+\) \(dry run\)/);
    expect(dry.stderr.trimEnd().split('\n').at(-1)).to.equal('velero-cm-preflight: 9 created (dry run)');
    const imported = await cli(['import', file], target.kubeconfig);
    expect(imported.status, imported.stderr).to.equal(0);
    // web's Secret came along; pending's was never issued.
    expect(imported.stderr).to.contain(
      'velero-cm-preflight: cert-manager will issue 1 Certificate anew (Secret neither in the file nor in the cluster):\n' +
        'velero-cm-preflight:   Certificate app/pending (Secret app/pending-tls)\n',
    );
    expect(imported.stderr.trimEnd().split('\n').at(-1)).to.equal('velero-cm-preflight: 9 created');
    const again = await cli(
      ['import', '--context', 'second', '--cluster-resource-namespace', 'cert-manager', file],
      target.kubeconfig,
    );
    expect(again.status, again.stderr).to.equal(0);
    expect(again.stderr.trimEnd().split('\n').at(-1)).to.equal('velero-cm-preflight: 9 unchanged');
  });

  it('import exits 1 on a conflict and 0 with --force-conflicts', async () => {
    const cluster = emptyCluster(['app']);
    cluster['issuers.cert-manager.io']!.push(issuer('app', 'self', { selfSigned: { crlDistributionPoints: ['x'] } }));
    const target = await start(cluster, { conflicts: ['issuers.cert-manager.io app/self'] });
    const text =
      'apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: self, namespace: app}\nspec: {selfSigned: {}}\n';
    const conflict = await cli(['import', '-'], target.kubeconfig, text);
    expect(conflict.status).to.equal(1);
    expect(conflict.stdout).to.equal(
      'conflict    Issuer app/self: Apply failed with 1 conflict: conflict with "someone-else": .spec\n',
    );
    const forced = await cli(['import', '--force-conflicts', '-'], target.kubeconfig, text);
    expect(forced.status, forced.stderr).to.equal(0);
    expect(forced.stdout).to.equal('unchanged   Issuer app/self\n');
  });

  it('refusals exit 2 with the reason, and a usage error points at --help', async () => {
    const source = await start(sourceCluster(), { forbidden: ['get secrets'] });
    const denied = await cli(['export'], source.kubeconfig);
    expect(denied.status).to.equal(2);
    expect(denied.stdout).to.equal('');
    expect(denied.stderr).to.match(
      /^velero-cm-preflight: cannot get secrets issuer-secrets\/org-ca-key \(referenced by ClusterIssuer org-ca spec\.ca\.secretName\): forbidden by RBAC .* for the export role \(velero-cm-preflight-export\)\n$/,
    );

    const cut = await cli(
      ['import', '-'],
      source.kubeconfig,
      '# velero-cm-preflight export of cert-manager configuration\n---\n',
    );
    expect(cut.status).to.equal(2);
    expect(cut.stderr).to.equal(
      "velero-cm-preflight: <stdin>: nothing applied:\n  - the file ends before the export's end marker: it was cut short; export it again\n",
    );

    const usage = await cli(['export', 'cm.yaml'], source.kubeconfig);
    expect(usage.status).to.equal(2);
    expect(usage.stderr).to.equal(
      'velero-cm-preflight: export takes no files or command line (write the YAML with --output FILE)\nRun velero-cm-preflight --help for usage.\n',
    );
    // Only the forbidden export reached the API server.
    expect(source.requests.every((q) => q.method === 'GET')).to.equal(true);

    const version = await cli(['import', '--version'], source.kubeconfig);
    expect(version.status).to.equal(0);
    expect(version.stdout).to.match(/^velero-cm-preflight \d+\.\d+\.\d+\S* \(rules for Velero up to \S+\)\n$/);

    const help = await cli(['import', '--help'], source.kubeconfig);
    expect(help.status).to.equal(0);
    expect(help.stdout).to.contain('velero-cm-preflight import [--context C] [--dry-run] [--force-conflicts] FILE|-');
    expect(help.stdout).to.not.contain('--with-certificate-secrets');
  });
});
