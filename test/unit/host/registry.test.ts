import { expect } from 'chai';
import type { Action } from '../../../src/host/action.js';
import { ActionRegistry, pluginCommand, pluginNameProblem, PLUGIN_COMMAND_ENV } from '../../../src/host/registry.js';

const backup = (name: string): Action => ({
  kind: 'backup',
  name,
  description: '',
  appliesTo: {},
  execute: ({ item }) => ({ item }),
});
const restore = (name: string): Action => ({
  kind: 'restore',
  name,
  description: '',
  appliesTo: {},
  execute: ({ item }) => ({ item }),
});

describe('host/registry', () => {
  describe('pluginNameProblem (Velero refuses to start on an invalid name)', () => {
    it('accepts <dns-subdomain>/<name>', () => {
      expect(pluginNameProblem('example.dev/backup-x')).to.equal(undefined);
      expect(pluginNameProblem('a/b')).to.equal(undefined);
    });
    for (const bad of [
      'no-slash',
      'a/b/c',
      '/x',
      'x/',
      'Upper.dev/x',
      '-a.dev/x',
      'a_b.dev/x',
      'a..b/x',
      `${'a'.repeat(254)}/x`,
      'velero.io/x',
    ]) {
      it(`rejects ${JSON.stringify(bad.length > 40 ? bad.slice(0, 20) + '…' : bad)}`, () => {
        expect(pluginNameProblem(bad)).to.be.a('string');
      });
    }
  });

  it('lists each action once, under its V2 kind only, with the given command, in order', () => {
    const registry = new ActionRegistry([backup('p.dev/b1'), restore('p.dev/r1'), backup('p.dev/b2')]);
    expect(registry.list('/plugins/p')).to.deep.equal([
      { command: '/plugins/p', kind: 'BackupItemActionV2', name: 'p.dev/b1' },
      { command: '/plugins/p', kind: 'BackupItemActionV2', name: 'p.dev/b2' },
      { command: '/plugins/p', kind: 'RestoreItemActionV2', name: 'p.dev/r1' },
    ]);
  });

  it('allows one name for a backup and a restore action (different kinds)', () => {
    expect(() => new ActionRegistry([backup('p.dev/x'), restore('p.dev/x')])).not.to.throw();
  });

  it('rejects duplicates and invalid names, naming every problem', () => {
    expect(() => new ActionRegistry([backup('p.dev/x'), backup('p.dev/x'), restore('bad')])).to.throw(
      /duplicate backup action name "p.dev\/x".*invalid action name "bad"/,
    );
  });

  describe('pluginCommand (what Velero re-execs)', () => {
    const base = {
      env: {},
      argv: ['/usr/bin/node', 'dist/src/plugin.js'],
      execPath: '/usr/bin/node',
      isSingleExecutable: false,
    };
    it('is the absolute script path when node runs a script', () => {
      expect(pluginCommand(base)).to.equal(`${process.cwd()}/dist/src/plugin.js`);
    });
    it('is the executable itself in a single executable application', () => {
      expect(
        pluginCommand({
          ...base,
          argv: ['/plugins/p', '/plugins/p'],
          execPath: '/plugins/p',
          isSingleExecutable: true,
        }),
      ).to.equal('/plugins/p');
    });
    it('is the launcher override when a wrapper sets it', () => {
      expect(pluginCommand({ ...base, env: { [PLUGIN_COMMAND_ENV]: '/plugins/wrapper' } })).to.equal(
        '/plugins/wrapper',
      );
    });
  });
});
