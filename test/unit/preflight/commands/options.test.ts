import { expect } from 'chai';
import { optionHelp, parseOptions, splitCommand, UsageError } from '../../../../src/preflight/commands/options.js';

describe('preflight commands: the option parser', () => {
  it('takes the command from the first word, lint when there is none', () => {
    expect(splitCommand(['doctor', '--apply'])).to.deep.equal({ command: 'doctor', rest: ['--apply'] });
    expect(splitCommand(['run', '--', 'velero'])).to.deep.equal({ command: 'run', rest: ['--', 'velero'] });
    // "lint" is not a command word: it stays an operand (a file of that name).
    expect(splitCommand(['lint', 'x'])).to.deep.equal({ command: 'lint', rest: ['lint', 'x'] });
    expect(splitCommand([])).to.deep.equal({ command: 'lint', rest: [] });
  });

  it('reads values inline or from the next argument, and everything after -- as the velero command', () => {
    const o = parseOptions('lint', ['--format=json', '-o', 'out.txt', 'a.sh', '--', 'velero', '--fix']);
    expect(o.format).to.equal('json');
    expect(o.output).to.equal('out.txt');
    expect(o.inputs).to.deep.equal(['a.sh']);
    expect(o.argv).to.deep.equal(['velero', '--fix']);
    expect(o.fix).to.equal(false);
    expect(parseOptions('lint', ['--plugin-installed=false']).pluginInstalled).to.equal(false);
    expect(parseOptions('lint', ['--plugin-installed']).pluginInstalled).to.equal(true);
    expect(parseOptions('doctor', ['--request-timeout', '2.5']).requestTimeoutMs).to.equal(2500);
  });

  it('merges repeated --namespace lists in order, each name once', () => {
    expect(parseOptions('doctor', ['--namespace', 'b,a', '--namespace=a,c']).namespaces).to.deep.equal(['b', 'a', 'c']);
  });

  it('names the commands an option belongs to when given to another one', () => {
    expect(() => parseOptions('lint', ['--apply'])).to.throw(UsageError, '--apply only works with doctor');
    expect(() => parseOptions('doctor', ['--fix'])).to.throw(
      UsageError,
      '--fix only works with lint and run (doctor fixes with --apply)',
    );
    expect(() => parseOptions('audit', ['--cluster'])).to.throw(UsageError, '--cluster only works with lint and run');
    expect(() => parseOptions('lint', ['--namespace', 'app'])).to.throw(
      UsageError,
      "--namespace only works with doctor and export (velero's own -n/--namespace goes after --",
    );
  });

  it('keeps the copy options to their command: --with-certificate-secrets to export, --dry-run to import', () => {
    const exported = parseOptions('export', ['--namespace', 'a', '--with-certificate-secrets', '-o', 'cm.yaml']);
    expect([exported.namespaces, exported.withCertificateSecrets, exported.output]).to.deep.equal([
      ['a'],
      true,
      'cm.yaml',
    ]);
    const imported = parseOptions('import', ['--dry-run', '--force-conflicts', '--context', 'c', 'cm.yaml']);
    expect([imported.dryRun, imported.forceConflicts, imported.context, imported.inputs]).to.deep.equal([
      true,
      true,
      'c',
      ['cm.yaml'],
    ]);
    expect(() => parseOptions('import', ['--with-certificate-secrets'])).to.throw(
      UsageError,
      '--with-certificate-secrets only works with export',
    );
    expect(() => parseOptions('export', ['--dry-run'])).to.throw(UsageError, '--dry-run only works with import');
    expect(() => parseOptions('import', ['--format', 'json'])).to.throw(UsageError, '--format only works with');
    expect(splitCommand(['import', 'f']).command).to.equal('import');
  });

  it('rejects unknown options, missing values and bad values with the option named', () => {
    expect(() => parseOptions('lint', ['--bogus'])).to.throw(UsageError, 'unknown option --bogus');
    expect(() => parseOptions('lint', ['--output'])).to.throw(UsageError, '--output needs a value');
    expect(() => parseOptions('lint', ['--format', 'xml'])).to.throw(
      UsageError,
      '--format must be text, json, sarif or junit, not "xml"',
    );
    expect(() => parseOptions('doctor', ['--request-timeout', '0'])).to.throw(UsageError, '--request-timeout');
    expect(() => parseOptions('doctor', ['--namespace', 'App'])).to.throw(UsageError, '"App" is not a namespace name');
  });

  it('stores every option in its field', () => {
    const lint = parseOptions('lint', [
      '--fail-on=error',
      '--fix',
      '--write',
      '--velero-version',
      '1.16.0',
      '--velero-namespace',
      'backup',
      '--config',
      'p.yaml',
      '--cluster',
      '--color',
    ]);
    expect([
      lint.failOn,
      lint.fix,
      lint.write,
      lint.veleroVersion,
      lint.veleroNamespace,
      lint.config,
      lint.cluster,
      lint.color,
    ]).to.deep.equal(['error', true, true, '1.16.0', 'backup', 'p.yaml', true, true]);
    expect(parseOptions('audit', ['--no-color']).color).to.equal(false);
    expect(() => parseOptions('audit', ['--fail-on', 'fatal'])).to.throw(
      UsageError,
      '--fail-on must be error, warning, info or never, not "fatal"',
    );
    const doctor = parseOptions('doctor', ['--apply', '-y', '--cluster-resource-namespace', 'cm', '--context', 'c']);
    expect([doctor.apply, doctor.yes, doctor.clusterResourceNamespace, doctor.context]).to.deep.equal([
      true,
      true,
      'cm',
      'c',
    ]);
    // The informational options work after any command.
    const info = parseOptions('import', ['--explain', 'CMV001', '--list-rules', '-h', '--version']);
    expect([info.explain, info.listRules, info.help, info.version]).to.deep.equal(['CMV001', true, true, true]);
  });

  it("lists in a command's help exactly the options it takes", () => {
    const doctor = optionHelp('doctor');
    expect(doctor).to.contain('--apply').and.contain('--namespace').and.not.contain('--fix');
    const audit = optionHelp('audit');
    expect(audit).to.contain('--format').and.not.contain('--context').and.not.contain('--apply');
    const all = optionHelp();
    for (const name of ['--fix', '--apply', '--cluster', '--version']) expect(all).to.contain(name);
  });
});
