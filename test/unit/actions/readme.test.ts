import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { BACKUP_ACTION_NAMES } from '../../../src/actions/backup/names.js';
import { RESTORE_ACTION_NAMES } from '../../../src/actions/restore/names.js';
import { CONFIG_KEYS } from '../../../src/config/plugin-config.js';

/** The README documents every cert-manager action and every configuration key (kept current in CI). */
describe('README', () => {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
  /** A table row whose first cell is `name` in code quotes; Prettier pads cells to the column's width. */
  const firstCellRow = (name: string) => new RegExp(`^\\| \`${name}\` +\\|`, 'm');

  for (const name of [...Object.values(BACKUP_ACTION_NAMES), ...Object.values(RESTORE_ACTION_NAMES)]) {
    const short = name.slice(name.indexOf('/') + 1);
    it(`has a table row for ${short}`, () => expect(readme).to.match(firstCellRow(short)));
  }
  for (const key of Object.keys(CONFIG_KEYS)) {
    it(`documents the configuration key ${key}`, () => expect(readme).to.match(firstCellRow(key)));
  }
});
