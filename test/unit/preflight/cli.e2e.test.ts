import { expect } from 'chai';
import yaml from 'js-yaml';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../../src/preflight/rules/index.js';
import { EPH } from './table.js';
import { sarifValidator } from './sarif.test.js';

/** The built bin, spawned directly: this also checks its shebang and exec bit. */
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'preflight', 'cli.js');
const CLEAN = ['velero', 'backup', 'create', 'b', '--include-cluster-resources=true', `--exclude-resources=${EPH}`];

function cli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(BIN, args, {
    cwd: opts.cwd,
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 20000,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('velero-cm-preflight CLI (built bin)', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-e2e-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is executable with a node shebang', () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).to.equal(true);
    expect(statSync(BIN).mode & 0o111).to.not.equal(0);
  });

  it('loads no Kubernetes client and no gRPC for an offline lint (module resolutions recorded by a loader hook)', () => {
    const log = join(dir, 'resolved.log');
    writeFileSync(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';\nexport async function resolve(spec, context, next) {\n  appendFileSync(${JSON.stringify(log)}, spec + '\\n');\n  return next(spec, context);\n}\n`,
    );
    writeFileSync(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
    );
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        join(dir, 'register.mjs'),
        BIN,
        '--format',
        'json',
        '--',
        'velero',
        'backup',
        'create',
        'b',
        '--include-namespaces',
        'app',
      ],
      { encoding: 'utf8', timeout: 20000 },
    );
    expect(r.status, r.stderr).to.equal(1);
    const resolved = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(resolved.some((s) => s.includes('cli.js'))).to.equal(true);
    expect(resolved.filter((s) => /@kubernetes\/client-node|@grpc\/|js-yaml/.test(s))).to.deep.equal([]);
  });

  it('exits 0 on a clean command line', () => {
    const r = cli(['--', ...CLEAN]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/1 checked: 0 errors, 0 warnings, 0 info .*: clean/);
  });

  it('exits 1 with one line per finding and the corrected command', () => {
    const r = cli(['--', 'velero', 'restore', 'create', '--from-backup', 'b', '--include-cluster-resources', 'false']);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.contain('<command line>:1:39: error CMV005(bool-flag-separate-value)');
    expect(r.stdout).to.contain(
      `    fix: velero restore create --from-backup b --include-cluster-resources=true --exclude-resources=${EPH}`,
    );
  });

  it('--fail-on error and never change the exit code only', () => {
    const args = ['--', 'velero', 'restore', 'create', '--from-backup', 'b'];
    expect(cli(args).code).to.equal(1);
    expect(cli(['--fail-on', 'error', ...args]).code).to.equal(0);
    expect(cli(['--fail-on=never', '--', 'velero', 'restore', 'create', 'x']).code).to.equal(0);
    expect(cli(['--fail-on', 'info', '--', ...CLEAN]).code).to.equal(0);
  });

  it('exits 2 on usage and input errors', () => {
    expect(cli(['--bogus']).code).to.equal(2);
    expect(cli([]).code).to.equal(2);
    expect(cli(['--format', 'xml', '--', ...CLEAN]).code).to.equal(2);
    expect(cli(['--velero-version', 'latest', '--', ...CLEAN]).code).to.equal(2);
    const missing = cli([join(dir, 'nope.sh')]);
    expect(missing.code).to.equal(2);
    expect(missing.stdout).to.contain('cannot read');
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: velero.io/v1\nkind: Backup\nspec: [\n');
    const broken = cli([join(dir, 'broken.yaml')]);
    expect(broken.code).to.equal(2);
    expect(broken.stdout).to.contain('broken.yaml:');
  });

  it('--format json follows the documented schema', () => {
    const r = cli(['--format', 'json', '--', 'velero', 'backup', 'create', 'b', '--ttl', '30d']);
    expect(r.code).to.equal(1);
    const out = JSON.parse(r.stdout) as {
      schemaVersion: number;
      summary: { checked: number; error: number };
      findings: {
        ruleId: string;
        ruleName: string;
        severity: string;
        location: { file: string; line: number; column: number };
        fix: { replacement: string } | null;
      }[];
    };
    expect(out.schemaVersion).to.equal(1);
    expect(out.summary.checked).to.equal(1);
    const ttl = out.findings.find((f) => f.ruleId === 'CMV009')!;
    expect(ttl).to.include({ ruleName: 'duration-unit-unsupported', severity: 'error' });
    expect(ttl.location).to.deep.equal({ file: '<command line>', line: 1, column: 24 });
    expect(ttl.fix?.replacement).to.contain('--ttl=720h');
  });

  it('--format sarif is valid SARIF 2.1.0', () => {
    writeFileSync(join(dir, 'backup.sh'), `#!/bin/sh\nvelero backup create b --include-namespaces app\n`);
    const r = cli(['--format', 'sarif', join(dir, 'backup.sh')]);
    expect(r.code).to.equal(1);
    const validate = sarifValidator();
    const log: unknown = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).to.equal(true);
  });

  it('--format junit reports failures at or above --fail-on', () => {
    const r = cli(['--format', 'junit', '--', 'velero', 'backup', 'create', 'b', '--ttl', '30d']);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.match(/^<\?xml version="1.0"/);
    const failures = /<testsuites [^>]*failures="(\d+)"/.exec(r.stdout)![1];
    expect(Number(failures)).to.equal((r.stdout.match(/<failure /g) ?? []).length);
    expect(r.stdout).to.contain('classname="velero-cm-preflight.CMV009"');
  });

  it('--fix prints the corrected command line on stdout', () => {
    const r = cli([
      '--fix',
      '--',
      'velero',
      'backup',
      'create',
      'b',
      '--exclude-resources',
      'orders',
      '--exclude-resources',
      'challenges',
    ]);
    // A backup resolves `orders` and `challenges` on the cluster that holds them: the fix keeps them as written.
    expect(r.stdout).to.equal(
      `velero backup create b --exclude-resources=orders,challenges,certificaterequests.cert-manager.io\n`,
    );
    expect(r.code).to.equal(0);
    const again = cli(['--', ...r.stdout.trim().split(' ')]);
    expect(again.code).to.equal(0);
  });

  it('--fix --write rewrites scripts in place and keeps words it cannot evaluate', () => {
    const file = join(dir, 'fixme.sh');
    writeFileSync(
      file,
      `#!/bin/sh\nset -e\nvelero backup create "nightly-$(date +%F)" \\\n  --include-namespaces cert-manager,app --ttl 30d\necho done\n`,
    );
    const before = cli([file]);
    expect(before.code).to.equal(1);
    const r = cli(['--fix', '--write', file]);
    expect(r.stderr).to.contain('rewrote 1 command');
    const text = readFileSync(file, 'utf8');
    expect(text).to.equal(
      `#!/bin/sh\nset -e\nvelero backup create "nightly-$(date +%F)" --include-namespaces cert-manager,app --ttl=720h --include-cluster-resources=true --exclude-resources=${EPH}\necho done\n`,
    );
    const after = cli([file]);
    expect(after.code, after.stdout).to.equal(0);
  });

  it('--fix --write finds a command in a later YAML document at its place, past non-ASCII text and a manifest', () => {
    const file = join(dir, 'multi.yaml');
    // The 😀 of the comment straddles byte 262,144, where the file's first 256 KiB chunk ends.
    const first = `# ${'x'.repeat(262_140)}😀\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: café-☕-😀\ndata: {note: "naïve – ✓"}\n`;
    const second = 'steps:\n  - run: |\n      velero backup create b --include-namespaces app\n      echo ✓\n';
    writeFileSync(file, `${first}---\n${second}`);
    const r = cli(['--fix', '--write', file]);
    expect(r.stderr).to.contain('rewrote 1 command');
    expect(readFileSync(file, 'utf8')).to.equal(
      `${first}---\n${second.replace('--include-namespaces app', `--include-namespaces=app,cert-manager --include-cluster-resources=true --exclude-resources=${EPH}`)}`,
    );
  });

  it('--fix --write rewrites commands in folded, single-quoted and plain YAML scalars, and refuses what it cannot keep exact', () => {
    const testdata = join(
      dirname(fileURLToPath(import.meta.url)),
      '..',
      '..',
      '..',
      '..',
      'test',
      'unit',
      'preflight',
      'testdata',
      'write',
    );
    const file = join(dir, 'workflow.yaml');
    writeFileSync(file, readFileSync(join(testdata, 'before.yaml')));
    const r = cli(['--fix', '--write', file]);
    expect(r.stderr).to.contain('rewrote 3 commands');
    expect(r.stderr).to.contain(`not rewritten: ${file}:14: a single-quoted YAML string holding an escaped quote`);
    expect(r.stderr).to.contain(`not rewritten: ${file}:17: a folded (>) YAML block with more-indented lines`);
    const text = readFileSync(file, 'utf8');
    expect(text).to.equal(readFileSync(join(testdata, 'after.yaml'), 'utf8'));
    // What YAML reads from each rewritten scalar is exactly the corrected command, which lints clean.
    const steps = (yaml.load(text) as { jobs: { backup: { steps: { run: string }[] } } }).jobs.backup.steps;
    const fixed = (name: string, namespaces = '--include-namespaces=app,cert-manager') =>
      `velero backup create ${name} ${namespaces}`;
    expect(steps[0]?.run.startsWith(`${fixed('folded')} --ttl=720h --include-cluster-resources=true`)).to.equal(true);
    expect(steps[0]?.run.endsWith('\n')).to.equal(true);
    expect(steps[1]?.run.startsWith(`${fixed('single')} --include-cluster-resources=true`)).to.equal(true);
    expect(steps[2]?.run.startsWith(`${fixed('plain')} --include-cluster-resources=true`)).to.equal(true);
    for (const step of steps.slice(0, 3)) expect(cli(['--', ...step.run.trim().split(' ')]).code, step.run).to.equal(0);
    // The refused ones are untouched.
    expect(steps[3]?.run).to.equal("velero backup create quoted --include-namespaces app --labels note=it's");
    expect(steps[4]?.run).to.equal('velero backup create indented\n  --include-namespaces app\n');
  });

  it('lints a directory: scripts, Makefiles, workflows, Markdown and manifests with file:line:col', () => {
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, '.github', 'workflows'), { recursive: true });
    mkdirSync(join(tree, 'node_modules', 'x'), { recursive: true });
    writeFileSync(
      join(tree, 'Makefile'),
      `backup:\n\tvelero backup create b --ttl 30d --include-cluster-resources=true --exclude-resources ${EPH}\n`,
    );
    writeFileSync(
      join(tree, '.github', 'workflows', 'ci.yml'),
      `jobs:\n  b:\n    steps:\n      - run: velero restore create my-backup\n`,
    );
    writeFileSync(join(tree, 'README.md'), 'Run:\n\n```sh\nvelero backup create b -n cert-manager\n```\n');
    writeFileSync(
      join(tree, 'schedule.yaml'),
      `apiVersion: velero.io/v1\nkind: Schedule\nmetadata: {name: s, namespace: velero}\nspec:\n  schedule: "@daily"\n  template:\n    includedNamespaces: [app]\n`,
    );
    writeFileSync(join(tree, 'node_modules', 'x', 'a.sh'), 'velero backup create b --ttl 1d\n');
    // CMV011 judges -n only against a known Velero namespace.
    const r = cli(['--format', 'json', '--velero-namespace', 'velero', tree]);
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string; location: { file: string; line: number } }[] };
    const where = (id: string) =>
      out.findings
        .filter((f) => f.ruleId === id)
        .map((f) => `${f.location.file.slice(tree.length + 1)}:${f.location.line}`);
    expect(where('CMV009')).to.deep.equal(['Makefile:2']);
    expect(where('CMV015')).to.deep.equal(['.github/workflows/ci.yml:4']);
    expect(where('CMV011')).to.deep.equal(['README.md:4']);
    expect(where('CMV020')).to.deep.equal(['schedule.yaml:7']);
    expect(r.code).to.equal(1);
  });

  it('reads stdin with -', () => {
    const r = cli(['-'], { input: 'velero backup create b --include-namespaces app\n' });
    expect(r.code).to.equal(1);
    expect(r.stdout).to.contain('<stdin>:1:24: error CMV020');
  });

  it('honours the config file: severities, off, ignorePaths, context', () => {
    const cfgDir = join(dir, 'cfg');
    mkdirSync(join(cfgDir, 'vendor'), { recursive: true });
    writeFileSync(join(cfgDir, 'a.sh'), 'velero backup create b\n');
    writeFileSync(join(cfgDir, 'vendor', 'b.sh'), 'velero backup create b --ttl 3d\n');
    writeFileSync(
      join(cfgDir, '.velero-cm-preflight.yaml'),
      'rules:\n  CMV021: off\n  ephemeral-kinds-backed-up: info\nignorePaths: ["vendor/**"]\nveleroVersion: "1.17.1"\n',
    );
    const r = cli(['--format', 'json', '.'], { cwd: cfgDir });
    const out = JSON.parse(r.stdout) as {
      context: { veleroVersion: string };
      findings: { ruleId: string; severity: string }[];
    };
    expect(out.context.veleroVersion).to.equal('1.17.1');
    expect(out.findings.map((f) => `${f.ruleId}:${f.severity}`)).to.deep.equal(['CMV027:info']);
    expect(r.code).to.equal(0);
    writeFileSync(join(cfgDir, '.velero-cm-preflight.yaml'), 'rules:\n  no-such-rule: off\n');
    const bad = cli(['.'], { cwd: cfgDir });
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('no-such-rule: no such rule');
  });

  it('turns plugin awareness on when the plugin is installed in the same inputs', () => {
    const p = join(dir, 'plugin');
    mkdirSync(p);
    writeFileSync(
      join(p, 'install.sh'),
      'velero plugin add ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager:v0.1.0 --confirm\nvelero backup create b --include-namespaces app\n',
    );
    const r = cli(['--format', 'json', p]);
    const out = JSON.parse(r.stdout) as {
      context: { pluginInstalled: boolean };
      findings: { ruleId: string; severity: string; pluginHandled: boolean }[];
    };
    expect(out.context.pluginInstalled).to.equal(true);
    expect(out.findings.find((f) => f.ruleId === 'CMV020')).to.include({ severity: 'info', pluginHandled: true });
    expect(r.code).to.equal(0);
    const flag = cli(['--plugin-installed', '--', 'velero', 'backup', 'create', 'b', '--include-namespaces', 'app']);
    expect(flag.stdout).to.contain('info CMV020');
  });

  it('--explain and --list-rules', () => {
    const e = cli(['--explain', 'CMV005']);
    expect(e.code).to.equal(0);
    expect(e.stdout).to.contain('# CMV005 bool-flag-separate-value');
    expect(cli(['--explain', 'repeated-list-flag']).stdout).to.contain('# CMV006 repeated-list-flag');
    expect(cli(['--explain', 'nope']).code).to.equal(2);
    const l = cli(['--list-rules']);
    expect(l.stdout.split('\n').filter((x) => /^CMV\d{3} /.test(x))).to.have.length(RULES.length);
  });

  describe('run', () => {
    let fake: string;
    let record: string;
    before(() => {
      fake = join(dir, 'fake-velero.mjs');
      record = join(dir, 'argv.json');
      writeFileSync(
        fake,
        `#!/usr/bin/env node\nimport { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)));\nprocess.exit(7);\n`,
      );
      chmodSync(fake, 0o755);
    });
    beforeEach(() => rmSync(record, { force: true }));
    const env = () => ({ VELERO_CM_PREFLIGHT_VELERO: fake });

    it('execs velero with the exact argv, no shell, and passes its exit code', () => {
      const args = [...CLEAN, '--labels', 'a=$(touch /tmp/pwned)'];
      const r = cli(['run', '--', ...args], { env: env() });
      expect(r.code).to.equal(7);
      expect(JSON.parse(readFileSync(record, 'utf8'))).to.deep.equal(args.slice(1));
    });

    it('does not run velero when findings remain', () => {
      const r = cli(['run', '--', 'velero', 'backup', 'create', 'b', '--include-namespaces', 'app'], { env: env() });
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('not running velero');
      expect(() => readFileSync(record)).to.throw();
    });

    it('runs the fixed command with --fix', () => {
      const r = cli(
        ['run', '--fix', '--', 'velero', 'backup', 'create', 'b', '--include-namespaces', 'app,cert-manager'],
        { env: env() },
      );
      expect(r.code).to.equal(7);
      expect(JSON.parse(readFileSync(record, 'utf8'))).to.deep.equal([
        'backup',
        'create',
        'b',
        '--include-namespaces',
        'app,cert-manager',
        '--include-cluster-resources=true',
        `--exclude-resources=${EPH}`,
      ]);
    });

    it('exits 2 when velero cannot be started', () => {
      const r = cli(['run', '--', ...CLEAN], { env: { VELERO_CM_PREFLIGHT_VELERO: join(dir, 'missing-velero') } });
      expect(r.code).to.equal(2);
    });
  });
});
