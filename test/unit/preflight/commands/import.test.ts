/**
 * The import command against the fake API server: one line per object on stdout, the plan and the tally on
 * stderr, the exit code (1 when an object was not applied), its options, and the files it refuses before
 * connecting.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { importCommand } from '../../../../src/preflight/commands/import.js';
import { UsageError, parseOptions } from '../../../../src/preflight/commands/options.js';
import type { KubeObject } from '../../../../src/preflight/audit/findings.js';
import { exportConfiguration } from '../../../../src/preflight/transfer/export.js';
import { ConfigurationFileError, renderConfigurationFile } from '../../../../src/preflight/transfer/file.js';
import { ConfigurationCopyError } from '../../../../src/preflight/transfer/paths.js';
import { startFakeApiServer, type FakeApiServer } from '../cluster/fake-apiserver.js';
import { certificate, emptyCluster, issuer, secret, sourceCluster } from '../transfer/clusters.js';
import { notes, rejection, runCommand } from './io.js';

const TARGET_NAMESPACES = ['app', 'other', 'cert-manager', 'issuer-secrets'];

describe('preflight commands: import', () => {
  let api: FakeApiServer | undefined;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vcm-import-'));
  });
  afterEach(async () => {
    await api?.close();
    api = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** The source cluster's export in a file. */
  async function exportFile(): Promise<string> {
    const source = await startFakeApiServer(sourceCluster());
    try {
      const r = await exportConfiguration({ kubeconfigPath: source.kubeconfig, withCertificateSecrets: false });
      const file = join(dir, 'cm.yaml');
      writeFileSync(file, renderConfigurationFile(r.objects, r.source));
      return file;
    } finally {
      await source.close();
    }
  }

  function fileOf(name: string, objects: KubeObject[]): string {
    const file = join(dir, name);
    writeFileSync(file, objects.map((o) => `---\n${yaml.dump(o)}`).join(''));
    return file;
  }

  it('needs exactly one file and no velero command line', () => {
    for (const args of [[], ['a.yaml', 'b.yaml'], ['a.yaml', '--', 'velero']])
      expect(() => importCommand.check(parseOptions('import', args)), args.join(' ')).to.throw(
        UsageError,
        'import needs exactly one file (- for stdin): velero-cm-preflight import cert-manager.yaml',
      );
  });

  it('refuses a file it cannot read, a cut file and foreign kinds before connecting', async () => {
    api = await startFakeApiServer(emptyCluster(TARGET_NAMESPACES));
    const missing = join(dir, 'nope.yaml');
    const unreadable = await rejection(runCommand(importCommand, [missing], api.kubeconfig));
    expect(unreadable).to.be.instanceOf(UsageError);
    expect(unreadable.message).to.equal(`cannot read ${missing}: ENOENT`);

    const file = await exportFile();
    const text = readFileSync(file, 'utf8');
    const cut = join(dir, 'cut.yaml');
    writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
    const partial = await rejection(runCommand(importCommand, [cut], api.kubeconfig));
    expect(partial).to.be.instanceOf(ConfigurationFileError);
    expect(partial.message).to.contain(
      `${cut}: nothing applied:\n  - the file ends before the export's end marker: it was cut short`,
    );

    const wrong = fileOf('wrong.yaml', [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'app' }, data: {} },
      { apiVersion: 'acme.cert-manager.io/v1', kind: 'Order', metadata: { name: 'o', namespace: 'app' }, spec: {} },
      secret('app', 'ca-key'),
    ]);
    const kinds = await rejection(runCommand(importCommand, [wrong], api.kubeconfig));
    expect(kinds).to.be.instanceOf(ConfigurationFileError);
    expect((kinds as ConfigurationFileError).reasons).to.deep.equal([
      "document 1 (v1 ConfigMap app/x): not part of cert-manager's configuration (import applies v1 Secrets and ServiceAccounts, and cert-manager.io Issuers, ClusterIssuers and Certificates)",
      "document 2 (acme.cert-manager.io/v1 Order app/o): Orders are cert-manager's own working state, never copied: leave them out of the file",
    ]);
    expect(api.requests).to.deep.equal([]);
  });

  it("refuses a cluster without cert-manager's CRDs", async () => {
    api = await startFakeApiServer(emptyCluster(TARGET_NAMESPACES, { withCrds: false }));
    const err = await rejection(runCommand(importCommand, [await exportFile()], api.kubeconfig));
    expect(err).to.be.instanceOf(ConfigurationCopyError);
    expect(err.message).to.contain('install cert-manager first; nothing applied');
    expect(api.requests.some((q) => q.method === 'PATCH')).to.equal(false);
  });

  it('--dry-run: the plan, one line per object, the tally, and nothing stored', async () => {
    api = await startFakeApiServer(emptyCluster(TARGET_NAMESPACES));
    const file = await exportFile();
    const r = await runCommand(
      importCommand,
      ['--dry-run', '--cluster-resource-namespace', 'issuer-secrets', '--request-timeout', '5', file],
      api.kubeconfig,
    );
    expect(r.code).to.equal(0);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).to.have.length(12);
    expect(out[0]).to.equal('created     Secret app/ca-key');
    expect(out.at(-1)).to.equal('created     Certificate other/api');
    const said = notes(r.stderr);
    expect(said[0]).to.match(
      /^importing 12 objects into context fake \(http:\/\/127\.0\.0\.1:\d+\) \(dry run\), field manager velero-cm-preflight$/,
    );
    expect(said.slice(1)).to.deep.equal([
      'cert-manager will issue 3 Certificates anew (Secret neither in the file nor in the cluster):',
      '  Certificate app/pending (Secret app/pending-tls)',
      '  Certificate app/web (Secret app/web-tls)',
      '  Certificate other/api (Secret other/api-tls)',
      'referenced but neither in the file nor in the cluster: Secret app/acme-account (Issuer app/acme spec.acme.privateKeySecretRef): cert-manager registers a new ACME account and creates it',
      '12 created (dry run)',
    ]);
    expect(api.requests.filter((q) => q.method === 'PATCH').every((q) => q.query.includes('dryRun=All'))).to.equal(
      true,
    );
    const again = await runCommand(importCommand, ['--dry-run', file], api.kubeconfig);
    expect(notes(again.stderr).at(-1)).to.equal('12 created (dry run)');
  });

  it('a conflict exits 1 with the later stage not applied; --force-conflicts then reports unchanged, updated and created', async () => {
    const cluster = emptyCluster(['app']);
    // Another field manager's Issuer of the same name, with another CA.
    cluster['issuers.cert-manager.io']!.push(issuer('app', 'ca', { ca: { secretName: 'older-key' } }));
    api = await startFakeApiServer(cluster, { conflicts: ['issuers.cert-manager.io app/ca'] });
    const objects = [
      secret('app', 'ca-key'),
      secret('app', 'web-tls'),
      issuer('app', 'ca', { ca: { secretName: 'ca-key' } }),
      certificate('app', 'web', { name: 'ca' }),
    ];
    const file = fileOf('cm.yaml', objects);
    const conflict = await runCommand(importCommand, [file], api.kubeconfig);
    expect(conflict.code).to.equal(1);
    expect(conflict.stdout).to.equal(
      'created     Secret app/ca-key\n' +
        'created     Secret app/web-tls\n' +
        'conflict    Issuer app/ca: Apply failed with 1 conflict: conflict with "someone-else": .spec\n' +
        'not applied Certificate app/web: not applied because an object of an earlier stage was not (Certificate wait for their Secrets and issuers)\n',
    );
    expect(notes(conflict.stderr)).to.include('cert-manager reissues nothing: every Certificate finds its Secret');
    expect(notes(conflict.stderr).at(-1)).to.equal('2 created, 1 conflict, 1 not applied');

    const forced = await runCommand(importCommand, ['--force-conflicts', file], api.kubeconfig);
    expect(forced.code).to.equal(0);
    expect(forced.stdout.split('\n').slice(0, 4)).to.deep.equal([
      'unchanged   Secret app/ca-key',
      'unchanged   Secret app/web-tls',
      'updated     Issuer app/ca',
      'created     Certificate app/web',
    ]);
    expect(notes(forced.stderr).at(-1)).to.equal('2 unchanged, 1 updated, 1 created');
  });

  it('leaves out shim Certificates; a file of nothing else applies nothing', async () => {
    api = await startFakeApiServer(emptyCluster(['app']));
    const shim = certificate(
      'app',
      'shop',
      { name: 'ca' },
      {
        ownerReferences: [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'shop', controller: true }],
      },
    );
    const r = await runCommand(importCommand, [fileOf('shim.yaml', [shim])], api.kubeconfig);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal('');
    expect(notes(r.stderr).slice(1)).to.deep.equal([
      'left out Certificate app/shop (owned by Ingress app/shop): its Ingress or Gateway recreates it',
      'cert-manager reissues nothing: every Certificate finds its Secret',
      'nothing to apply',
    ]);
    expect(api.requests.some((q) => q.method === 'PATCH')).to.equal(false);
  });
});
