import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The first-contact mistakes, each run through the built bin: nothing to check is never reported clean, and
 * each error says what to do instead, in words rather than errno codes.
 */
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'preflight', 'cli.js');

function cli(args: string[], opts: { cwd?: string; env?: Record<string, string>; program?: string } = {}) {
  const r = spawnSync(opts.program ?? BIN, args, {
    cwd: opts.cwd,
    input: '',
    encoding: 'utf8',
    timeout: 20000,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('velero-cm-preflight CLI: usage errors and empty inputs (built bin)', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-errors-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a kubectl command after -- is a usage error, not a clean lint', () => {
    const r = cli(['--', 'kubectl', 'get', 'backups']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('"kubectl get backups" is not one');
    expect(r.stdout).to.not.include('clean');
  });

  it('the whole command as one quoted word is a usage error showing it unquoted', () => {
    const r = cli(['--', 'velero backup create nightly --include-namespaces app']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('one quoted word');
    expect(r.stderr).to.include('velero-cm-preflight -- velero backup create nightly --include-namespaces app');
  });

  it('a command without the leading velero gets "did you mean -- velero ..."', () => {
    const r = cli(['--', 'backup', 'create', 'nightly']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('did you mean\n  velero-cm-preflight -- velero backup create nightly');
  });

  it('forgetting -- gets the corrected command line instead of ENOENT for each word', () => {
    const r = cli(['--fix', 'velero', 'backup', 'create', 'nightly', '--include-namespaces', 'app']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include(
      'put it after --, as in\n  velero-cm-preflight --fix -- velero backup create nightly --include-namespaces app',
    );
    expect(r.stderr).to.not.include('ENOENT');
    // A file really named velero is still a file.
    writeFileSync(join(dir, 'velero'), '#!/bin/sh\nvelero backup get\n');
    expect(cli(['velero'], { cwd: dir }).code).to.equal(0);
  });

  it('an unknown option of the checker and an unknown velero flag each get "did you mean"', () => {
    const own = cli(['--fial-on', 'error', '--', 'velero', 'version']);
    expect(own.code).to.equal(2);
    expect(own.stderr).to.include('unknown option --fial-on; did you mean --fail-on?');
    const velero = cli(['--', 'velero', 'backup', 'create', 'b', '--include-namespace', 'app']);
    expect(velero.code).to.equal(1);
    expect(velero.stdout).to.include('unknown flag: --include-namespace (did you mean --include-namespaces?)');
    const unrelated = cli(['--', 'velero', 'backup', 'create', 'b', '--wibble']);
    expect(unrelated.stdout).to.include('unknown flag: --wibble\n');
  });

  it('an unclosed quote is an input error at the quote, and the command is not linted', () => {
    writeFileSync(join(dir, 'quote.sh'), 'echo start\nvelero backup create nightly --include-namespaces "app\n');
    const r = cli([join(dir, 'quote.sh')]);
    expect(r.code).to.equal(2);
    expect(r.stdout).to.match(/quote\.sh:2:51: input error unclosed double quote/);
    expect(r.stdout).to.not.include('CMV');
  });

  it('files without any velero command say "nothing checked" on stderr; --fail-if-nothing-checked exits 2', () => {
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'empty/build.sh'), '#!/bin/sh\nmake all\n');
    writeFileSync(join(dir, 'empty/notes.md'), '# notes\n\n```text\nvelero backup create x\n```\n');
    const r = cli([join(dir, 'empty')]);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.include('nothing checked');
    expect(r.stdout).to.not.include('clean');
    expect(r.stderr).to.include('nothing checked: no velero command line or Velero manifest in');
    const strict = cli(['--fail-if-nothing-checked', join(dir, 'empty')]);
    expect(strict.code).to.equal(2);
    const json = cli(['--fail-if-nothing-checked', '--format', 'json', join(dir, 'empty')]);
    expect(json.code).to.equal(2);
    expect((JSON.parse(json.stdout) as { summary: { checked: number } }).summary.checked).to.equal(0);
  });

  it('errno codes are put in words', () => {
    const r = cli([join(dir, 'missing.sh')]);
    expect(r.code).to.equal(2);
    expect(r.stdout).to.include('missing.sh: no such file or directory');
    const conf = cli(['--config', join(dir, 'missing.yaml'), '--', 'velero', 'version']);
    expect(conf.code).to.equal(2);
    expect(conf.stderr).to.include('cannot read config');
    expect(conf.stderr).to.include('no such file or directory');
  });

  it('run says velero is not on PATH instead of spawnSync ENOENT', () => {
    const r = cli(['run', '--', 'velero', 'version'], {
      env: { VELERO_CM_PREFLIGHT_VELERO: 'velero-not-installed-here' },
    });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('cannot run velero: velero-not-installed-here not found on PATH');
    expect(r.stderr).to.not.include('spawnSync');
  });

  it('--fix --write names the file it could not rewrite and why, and leaves it as it was', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    const script = join(locked, 'backup.sh');
    const original = '#!/bin/sh\nvelero backup create nightly --include-cluster-resources false\n';
    writeFileSync(script, original, { mode: 0o644 });
    chmodSync(dir, 0o755);
    chmodSync(locked, 0o555);
    try {
      // Root writes through permission bits (CI runs as root): the CLI then runs as nobody, a real EACCES.
      const r =
        process.getuid?.() === 0
          ? cli(
              ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, '--fix', '--write', script],
              {
                program: 'setpriv',
              },
            )
          : cli(['--fix', '--write', script]);
      expect(r.code).to.equal(2);
      expect(r.stdout).to.include(`not rewritten: ${script}: permission denied (EACCES) (1 command to fix)`);
      expect(readFileSync(script, 'utf8')).to.equal(original);
    } finally {
      chmodSync(locked, 0o755);
    }
  });

  it('a --velero-version outside the supported range warns on stderr', () => {
    const old = cli(['--velero-version', '1.11.1', '--', 'velero', 'version']);
    expect(old.stderr).to.include('warning: Velero 1.11.1 is older than the oldest supported release (1.12.0)');
    const next = cli(['--velero-version', '1.19.0', '--', 'velero', 'version']);
    expect(next.stderr).to.include('warning: Velero 1.19.0 is newer than the newest release the checker knows');
    expect(cli(['--velero-version', '1.16.2', '--', 'velero', 'version']).stderr).to.equal('');
  });

  it('--plugin-image makes a renamed image count as the plugin', () => {
    const line = ['--', 'velero', 'plugin', 'add', 'registry.example.com/ops/cm-plugin', '--confirm'];
    const without = cli(['--format', 'json', ...line]);
    const withImage = cli(['--format', 'json', '--plugin-image', 'ops/cm-plugin', ...line]);
    const ids = (out: string) => (JSON.parse(out) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(ids(without.stdout)).to.not.include('CMV067');
    expect(ids(withImage.stdout)).to.include('CMV067'); // not pinned: only checked for the plugin's own image
  });

  it('a YAML document over the size limit is an input error, and the documents after it are still checked', () => {
    const big = join(dir, 'huge.yaml');
    const backup = 'apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: after\n  namespace: velero\nspec: {}\n';
    writeFileSync(big, `# ${'x'.repeat(20_000_100)}\n---\n${backup}`);
    const r = cli([big]);
    expect(r.code).to.equal(2);
    expect(r.stdout).to.include(`not read: the YAML document at ${big}:1 is over 20 million characters; split it`);
    expect(r.stdout).to.match(/^1 checked/m);
    expect(r.stdout).to.include(`${big}:4:1: warning CMV027`); // the kind line, counted past the skipped document
  });

  it('a script over the size limit (read whole, unlike YAML) is an input error, never skipped silently', () => {
    const big = join(dir, 'huge.sh');
    writeFileSync(big, `# ${'x'.repeat(20_000_100)}\n`);
    const r = cli([big]);
    expect(r.code).to.equal(2);
    expect(r.stdout).to.include(
      `not read: ${big} is 20.0 MB, over the 20 MB limit for files other than YAML; split it`,
    );
  });
});
