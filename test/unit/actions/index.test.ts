import { expect } from 'chai';
import { createActions, disabledActionNames } from '../../../src/actions/index.js';
import { ACTION_NAMES, DISABLED_ACTIONS_ENV, PLUGIN_NAME_PREFIX } from '../../../src/actions/names.js';
import { ActionRegistry } from '../../../src/host/registry.js';

describe('actions/index createActions', () => {
  it('serves every named action, all valid and unique for the host', () => {
    const actions = createActions({ env: {} });
    expect(actions.map((a) => a.name)).to.include.members(Object.values(ACTION_NAMES));
    expect(() => new ActionRegistry(actions)).not.to.throw();
  });

  it('names every action <prefix>/<backup|restore>-<what>, matching its kind', () => {
    for (const action of createActions({ env: {} })) {
      expect(action.name).to.match(
        new RegExp(`^${PLUGIN_NAME_PREFIX.replaceAll('.', '\\.')}/${action.kind}-[a-z0-9-]+$`),
      );
    }
  });

  it(`turns actions off through ${DISABLED_ACTIONS_ENV}, by full or short name`, () => {
    const env = { [DISABLED_ACTIONS_ENV]: ` backup-skip-ephemeral,${ACTION_NAMES.restoreSkipEphemeral}  unknown ` };
    const names = createActions({ env }).map((a) => a.name);
    expect(names).not.to.include(ACTION_NAMES.backupSkipEphemeral);
    expect(names).not.to.include(ACTION_NAMES.restoreSkipEphemeral);
    expect(disabledActionNames(env)).to.deep.equal(
      new Set(['backup-skip-ephemeral', ACTION_NAMES.restoreSkipEphemeral, 'unknown']),
    );
  });
});
