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

  it('finds every command of the tree, in both spellings and up to three words deep', () => {
    expect(parse('velero get backups').command?.name).to.equal('backup get');
    expect(parse('velero get backup b1').command?.name).to.equal('backup get');
    expect(parse('velero delete backups --all --confirm').command?.name).to.equal('backup delete');
    expect(parse('velero describe restores r1').command?.name).to.equal('restore describe');
    const set = parse('velero -n velero client config set namespace=velero');
    expect(set.command?.name).to.equal('client config set');
    expect(set.positionals.map((i) => set.tokens[i]!.text)).to.deep.equal(['namespace=velero']);
    expect(parse('velero backup-location set b --default').errors).to.deep.equal([]);
  });

  it('stops at a group before a word that is none of its subcommands, as cobra does', () => {
    const help = parse('velero backup edit b1');
    expect(help.group).to.equal('backup');
    expect(help.errors.map((e) => e.code)).to.deep.equal(['unknown-subcommand']);
    expect(help.errors[0]?.message).to.contain('exits 0');
    // the group has only the global flags: a command flag after the unknown word fails the command
    const flags = parse('velero schedule update daily --schedule @daily');
    expect(flags.errors.map((e) => e.code)).to.deep.equal(['unknown-flag', 'unknown-subcommand']);
    // a near miss gets a hint (cobra gives none below the root)
    expect(parse('velero backup craete b1').errors[0]?.message).to.contain('did you mean "velero backup create"');
    // the group alone asks for help; a word the shell fills in is not known to be wrong
    expect(parse('velero backup').errors).to.deep.equal([]);
    expect(
      parseVeleroArgv([{ text: 'velero' }, { text: 'backup' }, { text: '$ACTION', unknown: true }], { version: v })
        .errors,
    ).to.deep.equal([]);
  });

  it("suggests root commands as cobra's SuggestionsFor does (distance 2 or a prefix)", () => {
    expect(parse('velero bakup create b').errors[0]?.message).to.equal(
      'unknown command "bakup" for "velero" (did you mean backup?)',
    );
    expect(parse('velero snapshot').errors[0]?.message).to.contain('did you mean snapshot-location?');
    expect(parse('velero frobnicate').errors[0]?.message).to.equal('unknown command "frobnicate" for "velero"');
  });

  it("checks argument counts with the messages of cobra's validators", () => {
    expect(parse('velero backup logs').errors[0]?.message).to.equal('accepts 1 arg(s), received 0');
    expect(parse('velero client config set').errors[0]?.message).to.equal(
      'requires at least 1 arg(s), only received 0',
    );
    expect(parse('velero backup get a b c').errors).to.deep.equal([]);
    // commands that never read their words ignore them (wrong-argument-count warns)
    expect(parse('velero version extra').errors).to.deep.equal([]);
  });

  it('knows the flags of a version: install flags by the tag that registered them', () => {
    expect(
      parse('velero install --kubelet-root-dir /var/lib/k0s/kubelet', parseVersion('1.16.2')).errors[0]?.message,
    ).to.equal('unknown flag: --kubelet-root-dir (added in Velero 1.17.0)');
    expect(parse('velero schedule pause s --skip-immediately=true', parseVersion('1.12.4')).errors[0]?.code).to.equal(
      'unknown-flag',
    );
    expect(parse('velero schedule pause s --skip-immediately=true', parseVersion('1.13.2')).errors).to.deep.equal([]);
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
