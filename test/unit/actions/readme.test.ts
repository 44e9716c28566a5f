import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { BACKUP_ACTION_NAMES } from '../../../src/actions/backup/names.js';
import { RESTORE_ACTION_NAMES } from '../../../src/actions/restore/names.js';
import { CONFIG_KEYS } from '../../../src/config/plugin-config.js';

/** The README documents every cert-manager action and every configuration key (kept current in CI). */
describe('README', () => {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

  for (const name of [...Object.values(BACKUP_ACTION_NAMES), ...Object.values(RESTORE_ACTION_NAMES)]) {
    const short = name.slice(name.indexOf('/') + 1);
    it(`has a table row for ${short}`, () => expect(readme).to.contain(`| \`${short}\` |`));
  }
  for (const key of Object.keys(CONFIG_KEYS)) {
    it(`documents the configuration key ${key}`, () => expect(readme).to.contain(`| \`${key}\` |`));
  }
});
