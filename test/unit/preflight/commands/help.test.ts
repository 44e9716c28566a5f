import { expect } from 'chai';
import { commandHelp, overviewHelp } from '../../../../src/preflight/commands/help.js';
import { COMMANDS } from '../../../../src/preflight/commands/index.js';

describe('preflight commands: help', () => {
  it('the overview shows every command, every option and the exit codes', () => {
    const help = overviewHelp();
    expect(help).to.match(/^velero-cm-preflight: check velero command lines/);
    for (const command of Object.values(COMMANDS))
      for (const line of command.synopsis) expect(help, command.name).to.contain(`  ${line}`);
    expect(help).to.contain('velero-cm-preflight COMMAND --help');
    for (const option of ['--apply', '--with-certificate-secrets', '--dry-run', '--force-conflicts', '--fix'])
      expect(help).to.contain(option);
    expect(help).to.match(/\nExit codes: 0 nothing at or above --fail-on, .*\nRules: .*\n$/);
  });

  it("a command's help shows its usage and only the options it takes", () => {
    const exportHelp = commandHelp(COMMANDS.export);
    expect(exportHelp).to.contain('  velero-cm-preflight export [--context C] [--namespace NS]...');
    expect(exportHelp).to.not.contain('velero-cm-preflight import');
    expect(exportHelp).to.contain('--with-certificate-secrets').and.contain('--output, -o FILE');
    expect(exportHelp).to.not.contain('--dry-run').and.not.contain('--format');

    const importHelp = commandHelp(COMMANDS.import);
    expect(importHelp).to.contain('  velero-cm-preflight import [--context C] [--dry-run] [--force-conflicts] FILE|-');
    expect(importHelp)
      .to.contain('--dry-run')
      .and.contain('--force-conflicts')
      .and.contain('--cluster-resource-namespace');
    expect(importHelp).to.not.contain('--namespace NS').and.not.contain('--output');
  });
});
