import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../../src/version.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10 && !existsSync(join(dir, 'hack', 'gen-version.mjs')); i++) dir = dirname(dir);
  return dir;
}

describe('version', () => {
  it('is the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).to.equal(pkg.version);
  });

  it('is a semantic version', () => {
    expect(VERSION).to.match(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  });

  it('matches what hack/gen-version.mjs would write', () => {
    const check = spawnSync(process.execPath, [join(repoRoot(), 'hack', 'gen-version.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(check.status, check.stderr).to.equal(0);
  });
});
