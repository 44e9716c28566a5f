// The packaged plugin tree (hack/build-plugin's output), run the way the Velero server runs it: inside roots
// that hold nothing but the glibc of the oldest and newest Velero base images, as uid 1002, with
// LD_LIBRARY_PATH=/plugins and a decoy libstdc++ in /plugins. Needs root (chroot, mount namespaces) and the
// tree (VCM_PLUGIN_TREE, default out/plugins); the `packaging` stage of `npm test` builds it first.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTree, packaging, pins, repoRoot, type SmokeResult } from './helpers.js';

const tree = process.env.VCM_PLUGIN_TREE ?? join(repoRoot, 'out', 'plugins');
const isRoot = process.getuid?.() === 0;

/** A copy of the tree whose large binary is hard-linked (cheap), for tests that only add files. */
function linkedCopy(scratch: string, name: string): string {
  const dir = join(scratch, name);
  const r = spawnSync('cp', ['-al', tree, dir]);
  expect(r.status, 'cp -al').to.equal(0);
  return dir;
}

function chrootEnv(dir: string, suite: string, extra: string[] = [], treeDir = tree): string {
  const r = spawnSync(
    join(repoRoot, 'hack/packaging/chroot-env'),
    [dir, '--suite', suite, '--tree', treeDir, ...extra],
    { encoding: 'utf8' },
  );
  expect(r.status, `chroot-env ${suite}: ${r.stderr}`).to.equal(0);
  return join(dir, 'run');
}

describe('packaged plugin tree', function () {
  this.timeout(180_000);
  let scratch: string;

  before(function () {
    if (!existsSync(join(tree, pins.PLUGIN_NAME)))
      throw new Error(`no plugin tree at ${tree}: run hack/build-plugin first`);
    scratch = mkdtempSync(join(tmpdir(), 'vcm-packaging-'));
  });
  after(() => scratch && rmSync(scratch, { recursive: true, force: true }));

  describe('gates (hack/packaging/check-tree.mjs)', () => {
    it('accepts the tree hack/build-plugin produced', () => {
      const r = checkTree(tree);
      expect(r.ok, r.output).to.equal(true);
    });

    it('rejects a symlink anywhere in the tree (Velero would execute it)', () => {
      const dir = linkedCopy(scratch, 'symlink');
      symlinkSync('libstdc++.so.6', join(dir, pins.PLUGIN_LIBS_DIR, 'libstdc++.so'));
      const r = checkTree(dir);
      expect(r.ok).to.equal(false);
      expect(r.output).to.match(/libstdc\+\+\.so: symlink/);
    });

    it('rejects a second executable in a subfolder', () => {
      const dir = linkedCopy(scratch, 'second-exec');
      const extra = join(dir, pins.PLUGIN_LIBS_DIR, 'helper');
      writeFileSync(extra, '#!/bin/sh\n');
      chmodSync(extra, 0o755);
      const r = checkTree(dir);
      expect(r.ok).to.equal(false);
      expect(r.output).to.include('want exactly [velero-plugin-for-cert-manager]');
    });

    it('rejects DT_RUNPATH in place of DT_RPATH', function () {
      const dir = join(scratch, 'runpath');
      cpSync(tree, dir, { recursive: true });
      const bin = join(dir, pins.PLUGIN_NAME);
      const r = spawnSync(packaging.patchelf(), ['--set-rpath', `$ORIGIN/${pins.PLUGIN_LIBS_DIR}`, bin]);
      expect(r.status, 'patchelf').to.equal(0);
      const gate = checkTree(dir);
      expect(gate.ok).to.equal(false);
      expect(gate.output).to.match(/RUNPATH/);
    });
  });

  describe('inside glibc-only roots, as Velero runs it', function () {
    before(function () {
      if (!isRoot) this.skip(); // chroot and mount namespaces need root; CI runs as root
    });

    // bullseye = Velero 1.12.0's distroless Debian 11 base (glibc 2.31, the oldest in scope); bookworm's 2.36
    // covers Ubuntu 22.04's 2.35 (Velero 1.12.1-1.18.x); trixie's 2.41 covers Ubuntu 24.04's 2.39 (Velero main).
    for (const suite of ['bullseye', 'bookworm', 'trixie']) {
      it(`starts, lists its actions and shuts down on ${suite}'s glibc as uid 1002, past a decoy libstdc++`, async () => {
        const run = chrootEnv(join(scratch, `env-${suite}`), suite);
        const result: SmokeResult = await packaging.smoke({
          command: run,
          args: ['--log-level', 'info', '--features=EnableCSI', '--uploader-type=kopia'],
          expectCommand: `/plugins/${pins.PLUGIN_NAME}`,
        });
        expect(result.uid).to.equal(1002);
        expect(result.plugins.map((p) => p.kind)).to.include.members(['BackupItemActionV2', 'RestoreItemActionV2']);
        expect(result.shutdownMs).to.be.below(2000);
      });
    }

    it('the arm64 tree (cross-built, not stripped) starts and answers on arm64 bullseye glibc under QEMU', async function () {
      const armTree = process.env.VCM_PLUGIN_TREE_ARM64 ?? join(repoRoot, 'out', 'plugins-arm64');
      if (process.arch !== 'x64' || !existsSync(join(armTree, pins.PLUGIN_NAME))) this.skip(); // the packaging stage builds it on amd64
      this.timeout(300_000);
      const gate = checkTree(armTree);
      expect(gate.ok, gate.output).to.equal(true);
      const run = chrootEnv(join(scratch, 'env-arm64'), 'bullseye', ['--arch', 'arm64'], armTree);
      // Emulated V8 starts in seconds, not milliseconds: allow for it.
      const result = await packaging.smoke({
        command: run,
        expectCommand: `/plugins/${pins.PLUGIN_NAME}`,
        timeoutMs: 120_000,
      });
      expect(result.uid).to.equal(1002);
      expect(result.plugins.map((p) => p.kind)).to.include.members(['BackupItemActionV2', 'RestoreItemActionV2']);
    });

    it('negative control: without the private runtime the binary cannot start there', async () => {
      const bare = join(scratch, 'no-libs-tree');
      spawnSync('cp', ['-al', tree, bare]);
      rmSync(join(bare, pins.PLUGIN_LIBS_DIR), { recursive: true });
      const run = chrootEnv(join(scratch, 'env-no-libs'), 'bullseye', ['--no-decoy'], bare);
      const err = await packaging.smoke({ command: run }).then(
        () => undefined,
        (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
      );
      expect(err?.message).to.match(/libstdc\+\+\.so\.6: cannot open shared object file/);
    });

    it('negative control: with DT_RUNPATH the decoy in /plugins wins and the binary dies on glibc 2.31', async () => {
      const dir = join(scratch, 'runpath-tree');
      cpSync(tree, dir, { recursive: true });
      const r = spawnSync(packaging.patchelf(), [
        '--set-rpath',
        `$ORIGIN/${pins.PLUGIN_LIBS_DIR}`,
        join(dir, pins.PLUGIN_NAME),
      ]);
      expect(r.status, 'patchelf').to.equal(0);
      const run = chrootEnv(join(scratch, 'env-runpath'), 'bullseye', [], dir);
      const err = await packaging.smoke({ command: run }).then(
        () => undefined,
        (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
      );
      expect(err?.message).to.match(/GLIBC_2\.3\d' not found/);
    });
  });
});
