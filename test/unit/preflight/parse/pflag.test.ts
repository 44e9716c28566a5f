import { expect } from 'chai';
import {
  lastUse,
  parseGoDuration,
  parseVeleroArgv,
  usesOf,
  type Token,
} from '../../../../src/preflight/parse/pflag.js';
import { parseVersion } from '../../../../src/preflight/version.js';

const v = parseVersion('1.18.1')!;
const argv = (line: string): Token[] => line.split(' ').map((text) => ({ text }));
const parse = (line: string, version = v) => parseVeleroArgv(argv(line), { version });

describe('preflight pflag parser', () => {
  it('finds both spellings of the create commands and global flags before them', () => {
    expect(parse('velero backup create b').command?.name).to.equal('backup create');
    expect(parse('velero create restore r --from-backup b').command?.name).to.equal('restore create');
    const p = parse('velero -n velero --kubeconfig k schedule create s --schedule @daily');
    expect(p.command?.name).to.equal('schedule create');
    expect(p.positionals.map((i) => p.tokens[i]!.text)).to.deep.equal(['s']);
  });

  it('never lets a bool flag take a separate value', () => {
    const p = parse('velero restore create --from-backup b --include-cluster-resources false');
    expect(lastUse(p, 'include-cluster-resources')?.value).to.equal('true');
    expect(p.positionals.map((i) => p.tokens[i]!.text)).to.deep.equal(['false']);
  });

  it('lets a value flag swallow the next flag', () => {
    const p = parse('velero backup create b --include-cluster-scoped-resources --wait');
    const use = lastUse(p, 'include-cluster-scoped-resources')!;
    expect(use.value).to.equal('--wait');
    expect(use.swallowedFlag).to.equal(true);
    expect(usesOf(p, 'wait')).to.have.length(0);
  });

  it('reports unknown flags as pflag words them', () => {
    expect(parse('velero backup create b --include_namespaces x').errors[0]?.message).to.equal(
      'unknown flag: --include_namespaces',
    );
    expect(parse('velero backup create b -include-namespaces x').errors[0]?.message).to.equal(
      "unknown shorthand flag: 'i' in -include-namespaces",
    );
  });

  it('treats everything after -- as positional', () => {
    const p = parse('velero backup create -- --wait');
    expect(usesOf(p, 'wait')).to.have.length(0);
    expect(p.positionals.map((i) => p.tokens[i]!.text)).to.deep.equal(['--wait']);
  });

  it('parses shorthand groups', () => {
    const p = parse('velero backup create b -wl app=x');
    expect(lastUse(p, 'wait')?.value).to.equal('true');
    expect(lastUse(p, 'selector')?.value).to.equal('app=x');
  });

  it('gates flags by Velero version', () => {
    expect(parse('velero backup create b --or-selector a=b', parseVersion('1.12.0')).errors[0]?.code).to.equal(
      'unknown-flag',
    );
    expect(parse('velero backup create b --or-selector a=b').errors).to.deep.equal([]);
  });

  it('parses Go durations', () => {
    expect(parseGoDuration('720h')).to.equal(720 * 3600e9);
    expect(parseGoDuration('1h30m')).to.equal(5400e9);
    expect(parseGoDuration('30d')).to.equal(undefined);
  });
});
