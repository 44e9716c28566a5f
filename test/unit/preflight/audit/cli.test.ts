/** The audit subcommand through the real CLI binary: formats, exit codes, input errors. */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as F from './fixtures.js';
import { veleroBackupTarball } from './velero-tar.js';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '../../../../src/preflight/cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('preflight audit: CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vcm-audit-'));
  const healthy = join(dir, 'healthy.tar.gz');
  const noSecrets = join(dir, 'no-secrets.tar.gz');
  before(() => {
    writeFileSync(healthy, veleroBackupTarball(F.healthyBackup()));
    writeFileSync(noSecrets, veleroBackupTarball(F.healthyBackup().filter(([r]) => r !== 'secrets')));
  });

  it('a complete backup passes (exit 0) with its inventory as info', () => {
    const r = run(['audit', healthy]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain(`${healthy}:1:1: info CMV107(backup-webhook-configurations)`);
    expect(r.stdout).to.match(/\d+ checked: 0 errors, 0 warnings, 2 info/);
  });

  it('a backup without Secrets fails (exit 1); JSON names every missing Secret', () => {
    const r = run(['audit', noSecrets, '--format', 'json']);
    expect(r.status).to.equal(1);
    const report = JSON.parse(r.stdout) as {
      findings: { ruleId: string; subject: { name?: string } }[];
      summary: { error: number };
    };
    expect(report.summary.error).to.equal(5);
    expect(report.findings.filter((f) => f.ruleId === 'CMV102').map((f) => f.subject.name)).to.deep.equal([
      'app/internal',
      'app/web',
    ]);
  });

  it('with --plugin-installed only what the plugin cannot fix stays an error; --fail-on never passes', () => {
    const r = run(['audit', noSecrets, '--plugin-installed', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { findings: { severity: string; pluginHandled: boolean }[] };
    expect(report.findings.every((f) => f.severity === 'info' || !f.pluginHandled)).to.equal(true);
    expect(run(['audit', noSecrets, '--fail-on', 'never']).status).to.equal(0);
  });

  it('SARIF and JUnit outputs carry the audit findings', () => {
    const sarif = JSON.parse(run(['audit', noSecrets, '--format', 'sarif']).stdout) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).to.include('CMV103');
    expect(run(['audit', noSecrets, '--format', 'junit']).stdout).to.contain('CMV102');
  });

  it('input errors exit 2: a missing file, a file that is not a backup, no file', () => {
    const missing = run(['audit', join(dir, 'nope.tar.gz')]);
    expect([missing.status, missing.stdout]).to.satisfy(
      ([s, out]: [number, string]) => s === 2 && out.includes('cannot read backup'),
    );
    const junk = join(dir, 'junk.tar.gz');
    writeFileSync(junk, 'not a tarball at all, just text that is long enough to fill a header block '.repeat(10));
    expect(run(['audit', junk]).status).to.equal(2);
    const none = run(['audit']);
    expect(none.status).to.equal(2);
    expect(none.stderr).to.contain('audit needs backup files');
  });
});
