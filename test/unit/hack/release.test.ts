import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10 && !existsSync(join(dir, 'hack', 'release')); i++) dir = dirname(dir);
  return dir;
}

describe('hack/release', function () {
  this.timeout(30_000);
  let repo: string;
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], {
      cwd: repo,
      encoding: 'utf8',
    });
  const release = (...args: string[]): { status: number | null; out: string; err: string } => {
    const r = spawnSync('bash', [join(repo, 'hack', 'release'), ...args], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, IMAGE_REPO: 'registry.example.invalid/vcm' },
    });
    return { status: r.status, out: r.stdout, err: r.stderr };
  };
  /** What gen-version.mjs reads: the version, and the repository's address it writes beside it. */
  const packageJson = (version: string) =>
    JSON.stringify({ name: 'x', version, repository: { type: 'git', url: 'git+https://example.invalid/o/x.git' } });
  /** A repository at `version` with the release script, the version generator, and a committed tree. */
  const setUp = (version: string, changelog = '# Changelog\n\n## [Unreleased]\n'): void => {
    mkdirSync(join(repo, 'hack'), { recursive: true });
    mkdirSync(join(repo, 'src'), { recursive: true });
    for (const f of ['release', 'gen-version.mjs']) copyFileSync(join(repoRoot(), 'hack', f), join(repo, 'hack', f));
    writeFileSync(join(repo, 'package.json'), packageJson(version));
    writeFileSync(join(repo, 'CHANGELOG.md'), changelog);
    // Refuses (and writes nothing for) a version that is not semantic; the release script must refuse it too.
    spawnSync(process.execPath, [join(repo, 'hack', 'gen-version.mjs')]);
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'fixture');
  };

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'release-'));
  });
  afterEach(() => {
    rmSync(repo, { recursive: true, force: true });
  });

  it('prints the version, minor and major image tags of a final release, building nothing in a dry run', () => {
    setUp('1.2.3');
    const r = release();
    expect(r.status, r.err).to.equal(0);
    expect(r.out).to.contain('release v1.2.3 from commit');
    expect(r.out).to.contain('(dry run)');
    const tags = r.out.split('\n').filter((l) => l.startsWith('  registry.example.invalid/vcm:'));
    expect(tags.map((l) => l.trim())).to.deep.equal([
      'registry.example.invalid/vcm:v1.2.3',
      'registry.example.invalid/vcm:v1.2',
      'registry.example.invalid/vcm:v1',
    ]);
    expect(existsSync(join(repo, 'out'))).to.equal(false);
  });

  it('gives a pre-release only its own tag, and a 0.x release no floating major tag', () => {
    setUp('2.0.0-rc.1');
    expect(release().out).to.match(/image tags:\n {2}registry\.example\.invalid\/vcm:v2\.0\.0-rc\.1\n(?! {2}registry)/);
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(repo);
    setUp('0.4.0');
    const r = release();
    expect(r.out).to.contain('vcm:v0.4\n');
    expect(r.out).not.to.contain('vcm:v0\n');
  });

  it('refuses a dirty work tree, naming the changed files', () => {
    setUp('1.0.0');
    writeFileSync(join(repo, 'untracked.txt'), 'x');
    const r = release();
    expect(r.status).to.equal(1);
    expect(r.err).to.contain('untracked.txt');
    expect(r.err).to.contain('uncommitted changes');
  });

  it('refuses src/version.ts out of step with package.json', () => {
    setUp('1.0.0');
    writeFileSync(join(repo, 'package.json'), packageJson('1.0.1'));
    git('commit', '-qam', 'bump without regenerating');
    const r = release();
    expect(r.status).to.equal(1);
    expect(r.err).to.contain('src/version.ts');
  });

  it('needs a CHANGELOG section for the version to execute, and only warns in a dry run', () => {
    setUp('1.0.0');
    expect(release().err).to.contain("no '## [1.0.0]' section");
    const r = release('--execute');
    expect(r.status).to.equal(1);
    expect(r.err).to.contain("CHANGELOG.md has no '## [1.0.0]' section");
  });

  it('rejects a version that is not semantic', () => {
    setUp('1.0');
    const r = release();
    expect(r.status).to.equal(1);
    expect(r.err).to.contain("'1.0' is not a semantic version");
  });
});
