import { expect } from 'chai';
import { subjectsFromYaml } from '../../../../src/preflight/manifests.js';
import { parseVeleroArgv } from '../../../../src/preflight/parse/pflag.js';
import { subjectFromCommand } from '../../../../src/preflight/resolve.js';
import { includeClusterResourcesReport, setListReport } from '../../../../src/preflight/rules/helpers.js';
import type { Subject } from '../../../../src/preflight/spec.js';
import { parseVersion } from '../../../../src/preflight/version.js';

/** A command-line subject whose token i sits at column i + 1, so a location names the token it points at. */
function commandSubject(...argv: string[]): Subject {
  const tokens = argv.map((text, i) => ({ text, loc: { line: 1, column: i + 1 } }));
  const parsed = parseVeleroArgv(tokens, { version: parseVersion('1.18.1')! });
  return subjectFromCommand(parsed, { line: 1, column: 1 });
}

function manifestSubject(yaml: string): Subject {
  const { subjects } = subjectsFromYaml(yaml, 'backup.yaml');
  expect(subjects).to.have.length(1);
  return subjects[0]!;
}

describe('preflight rule helpers: setListReport', () => {
  it('sets the last use of the flag to the new list, in the fix text and the edits alike', () => {
    const subject = commandSubject('velero', 'backup', 'create', 'b', '--exclude-resources', 'secrets,orders');
    const report = setListReport(subject, 'excludedResources', 'exclude-resources', ['orders'], 'why');
    expect(report).to.deep.equal({
      message: 'why',
      location: { line: 1, column: 5 },
      fix: '--exclude-resources=orders',
      edits: [{ start: 4, end: 6, tokens: ['--exclude-resources=orders'] }],
    });
  });

  it('removes every use of the flag when the new list is empty', () => {
    const subject = commandSubject(
      'velero',
      'backup',
      'create',
      'b',
      '--exclude-resources=secrets',
      '--ttl',
      '1h',
      '--exclude-resources',
      'secrets',
    );
    const report = setListReport(subject, 'excludedResources', 'exclude-resources', [], 'why');
    expect(report.fix).to.equal('remove --exclude-resources');
    expect(report.edits).to.deep.equal([
      { start: 4, end: 5, tokens: [] },
      { start: 7, end: 9, tokens: [] },
    ]);
  });

  it('says what to remove in the words the rule gives, and points at a fallback field when the flag is absent', () => {
    const subject = commandSubject('velero', 'backup', 'create', 'b', '--include-resources', 'secrets');
    const report = setListReport(subject, 'excludedNamespaces', 'exclude-namespaces', [], 'why', {
      whenEmpty: 'remove the namespace exclusion',
      locationFields: ['includedResources'],
    });
    expect(report.fix).to.equal('remove the namespace exclusion');
    expect(report.location).to.deep.equal({ line: 1, column: 5 });
  });

  it('adds the flag when the command does not have it yet', () => {
    const subject = commandSubject('velero', 'backup', 'create', 'b', '--', 'extra');
    const report = setListReport(subject, 'includedNamespaces', 'include-namespaces', ['app', 'cert-manager'], 'why');
    expect(report.fix).to.equal('--include-namespaces=app,cert-manager');
    expect(report.edits).to.deep.equal([{ start: 4, end: 4, tokens: ['--include-namespaces=app,cert-manager'] }]);
  });

  it('gives no edits where the flag cannot be rewritten safely: a shell expansion', () => {
    const subject = commandSubject('velero', 'backup', 'create', 'b', '--exclude-resources', 'secrets');
    const value = subject.command!.tokens[5]!;
    value.unknown = true;
    const parsed = parseVeleroArgv(subject.command!.tokens, { version: parseVersion('1.18.1')! });
    const report = setListReport(
      subjectFromCommand(parsed, subject.location),
      'excludedResources',
      'exclude-resources',
      [],
      'why',
    );
    expect(report.fix).to.equal('remove --exclude-resources');
    expect(report).not.to.have.property('edits');
  });

  it('names the manifest field and gives no edits on a manifest', () => {
    const subject = manifestSubject(
      [
        'apiVersion: velero.io/v1',
        'kind: Backup',
        'metadata: {name: b, namespace: velero}',
        'spec:',
        '  excludedResources: [secrets, orders.acme.cert-manager.io]',
      ].join('\n'),
    );
    const report = setListReport(
      subject,
      'excludedResources',
      'exclude-resources',
      ['orders.acme.cert-manager.io'],
      'why',
    );
    expect(report.fix).to.equal('excludedResources=orders.acme.cert-manager.io');
    expect(report.location?.file).to.equal('backup.yaml');
    expect(report.location?.line).to.equal(5);
    expect(report).not.to.have.property('edits');
  });
});

describe('preflight rule helpers: includeClusterResourcesReport', () => {
  const here = { line: 7, column: 3 };

  it('rewrites --include-cluster-resources=false in place', () => {
    const subject = commandSubject(
      'velero',
      'restore',
      'create',
      '--include-cluster-resources=false',
      '--from-backup',
      'b',
    );
    expect(includeClusterResourcesReport(subject, 'why', here)).to.deep.equal({
      message: 'why',
      location: here,
      fix: '--include-cluster-resources=true',
      edits: [{ start: 3, end: 4, tokens: ['--include-cluster-resources=true'] }],
    });
  });

  it('appends the flag before a -- terminator when the command lacks it', () => {
    const subject = commandSubject('velero', 'backup', 'create', 'b', '--', 'x');
    expect(includeClusterResourcesReport(subject, 'why', here).edits).to.deep.equal([
      { start: 4, end: 4, tokens: ['--include-cluster-resources=true'] },
    ]);
  });

  it('names the manifest field and gives no edits on a manifest', () => {
    const subject = manifestSubject(
      'apiVersion: velero.io/v1\nkind: Restore\nmetadata: {name: r}\nspec: {backupName: b}\n',
    );
    const report = includeClusterResourcesReport(subject, 'why', here);
    expect(report.fix).to.equal('includeClusterResources: true');
    expect(report).not.to.have.property('edits');
  });
});
