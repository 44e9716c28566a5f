/**
 * The export command against the fake API server: the YAML on stdout or in a 0600 file, the notes on stderr
 * (what was left out and why, what the file holds), its options, and its refusals.
 */
import { expect } from 'chai';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportCommand } from '../../../../src/preflight/commands/export.js';
import { UsageError, parseOptions } from '../../../../src/preflight/commands/options.js';
import { ClusterAccessError } from '../../../../src/kube/types.js';
import { parseConfigurationFile } from '../../../../src/preflight/transfer/file.js';
import { startFakeApiServer, type FakeApiServer } from '../cluster/fake-apiserver.js';
import { sourceCluster } from '../transfer/clusters.js';
import { notes, rejection, runCommand } from './io.js';

describe('preflight commands: export', () => {
  let api: FakeApiServer | undefined;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vcm-export-'));
  });
  afterEach(async () => {
    await api?.close();
    api = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes no files and no velero command line', () => {
    for (const args of [['cm.yaml'], ['--', 'velero', 'backup', 'get']])
      expect(() => exportCommand.check(parseOptions('export', args))).to.throw(
        UsageError,
        'export takes no files or command line (write the YAML with --output FILE)',
      );
  });

  it('writes the YAML to stdout and says on stderr what it left out and what the file holds', async () => {
    api = await startFakeApiServer(sourceCluster());
    const r = await runCommand(exportCommand, [], api.kubeconfig);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.match(/^# velero-cm-preflight export of cert-manager configuration\n# from context fake \(/);
    expect(parseConfigurationFile(r.stdout, '<stdout>')).to.have.length(12);
    expect(notes(r.stderr)).to.deep.equal([
      'ClusterIssuer Secrets read from namespace issuer-secrets (controller-flag)',
      'left out Certificate app/shop (owned by Ingress app/shop): its Ingress or Gateway recreates it after import',
      'not found, not exported: Secret app/acme-account (Issuer app/acme spec.acme.privateKeySecretRef): cert-manager registers a new ACME account and creates it',
      'Issuer app/acme spec.acme.solvers[1].dns01.webhook: an external DNS01 solver; the Secrets its config names are its own, copy them yourself',
      'exported 3 Secrets, 1 ServiceAccount, 2 ClusterIssuers, 3 Issuers, 3 Certificates to stdout: it holds Secret data, keep it like the Secrets themselves',
      "Certificates' own Secrets are not in the export: import has cert-manager issue them anew; --with-certificate-secrets keeps them",
    ]);
  });

  it('-o FILE: replaces the file with a new one of mode 0600, leaves no temporary file, and passes its options on', async () => {
    api = await startFakeApiServer(sourceCluster());
    const file = join(dir, 'cm.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o644);
    const r = await runCommand(
      exportCommand,
      [
        '--context',
        'second',
        '--request-timeout',
        '5',
        '--namespace',
        'app',
        '--with-certificate-secrets',
        '--cluster-resource-namespace',
        'issuer-secrets',
        '-o',
        file,
      ],
      api.kubeconfig,
    );
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal('');
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(readdirSync(dir)).to.deep.equal(['cm.yaml']);
    const text = readFileSync(file, 'utf8');
    expect(text).to.contain('# from context second (http://127.0.0.1:');
    expect(
      parseConfigurationFile(text, file)
        .filter((o) => o.kind === 'Secret')
        .map((o) => o.metadata.name),
    ).to.deep.equal(['ca-key', 'cf-token', 'web-tls']);
    const said = notes(r.stderr);
    expect(said[0]).to.equal('ClusterIssuer Secrets read from namespace issuer-secrets (option)');
    expect(said).to.include(
      'not found, not exported: Secret app/pending-tls (Certificate app/pending spec.secretName): not issued yet, cert-manager issues it after import',
    );
    expect(said).to.include(
      `exported 3 Secrets, 1 ServiceAccount, 0 ClusterIssuers, 3 Issuers, 2 Certificates to ${file} (mode 0600): it holds Secret data, keep it like the Secrets themselves`,
    );
    expect(said.join('\n')).to.not.contain("Certificates' own Secrets are not in the export");
    expect(api.requests.some((q) => q.path.includes('deployments'))).to.equal(false);
  });

  it('a namespace without configuration: an empty export, without the Secret data warning', async () => {
    api = await startFakeApiServer(sourceCluster());
    const r = await runCommand(exportCommand, ['--namespace', 'cert-manager'], api.kubeconfig);
    expect(r.code).to.equal(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).to.equal('# end of velero-cm-preflight export: 0 objects');
    expect(notes(r.stderr).at(-1)).to.equal(
      'exported 0 Secrets, 0 ServiceAccounts, 0 ClusterIssuers, 0 Issuers, 0 Certificates to stdout',
    );
  });

  it('refuses a file it cannot create, naming it', async () => {
    api = await startFakeApiServer(sourceCluster());
    const file = join(dir, 'missing-dir', 'cm.yaml');
    const err = await rejection(runCommand(exportCommand, ['-o', file], api.kubeconfig));
    expect(err).to.be.instanceOf(UsageError);
    expect(err.message).to.equal(`cannot write ${file}: ENOENT`);
  });

  it('a 403 on a referenced Secret names the permission and writes no file', async () => {
    api = await startFakeApiServer(sourceCluster(), { forbidden: ['get secrets'] });
    const file = join(dir, 'cm.yaml');
    const err = await rejection(runCommand(exportCommand, ['-o', file], api.kubeconfig));
    expect(err).to.be.instanceOf(ClusterAccessError);
    expect(err.message).to.match(
      /^cannot get secrets issuer-secrets\/org-ca-key \(referenced by ClusterIssuer org-ca spec\.ca\.secretName\): forbidden by RBAC .*for the export role \(velero-cm-preflight-export\)$/,
    );
    expect(readdirSync(dir)).to.deep.equal([]);
  });
});
