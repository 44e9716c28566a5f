import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The snapshot entry is only worth keeping if a snapshot of it builds and the started process reads its
// environment and arguments when it runs, not when the snapshot was made. Built here with this Node (the
// packaged candidate uses the pinned one through hack/build-plugin --snapshot).
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const entry = join(repoRoot, 'src/plugin-snapshot.ts');
const nodeMajor = process.versions.node.split('.')[0] ?? '20';

/** Environment without the coverage directory: V8 coverage and snapshot building do not mix. */
function cleanEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', ...extra };
}

describe('plugin startup snapshot entry (src/plugin-snapshot.ts), run without a snapshot', () => {
  it('starts the plugin like src/plugin.ts: --version prints the version', () => {
    // The compiled module next to this test's source tree; under c8 its coverage counts too.
    const compiled = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/plugin-snapshot.js');
    const coverage = process.env.NODE_V8_COVERAGE;
    const coverageEnv: Record<string, string> = coverage ? { NODE_V8_COVERAGE: coverage } : {};
    const result = spawnSync(process.execPath, [compiled, '--version'], {
      env: cleanEnv(coverageEnv),
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/^velero-plugin-for-cert-manager \S+\n$/);
  });
});

describe('plugin startup snapshot entry (src/plugin-snapshot.ts), as a snapshot', function () {
  this.timeout(60_000);
  let work = '';
  let blob = '';
  let buildOutput = '';

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'vcm-snapshot-test-'));
    const bundle = join(work, 'plugin.cjs');
    blob = join(work, 'snapshot.blob');
    const bundled = spawnSync(
      process.execPath,
      [join(repoRoot, 'hack/packaging/bundle.mjs'), entry, bundle, nodeMajor, '--snapshot'],
      { cwd: repoRoot, env: cleanEnv({}), encoding: 'utf8', timeout: 30_000 },
    );
    expect(bundled.status, bundled.stderr).to.equal(0);
    // Build-time environment the started process must NOT see.
    const built = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', bundle], {
      cwd: work,
      env: cleanEnv({ VELERO_PLUGIN: 'hello', VCM_DISABLED_ACTIONS: 'restore-skip-ephemeral' }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    buildOutput = `${built.stdout}${built.stderr}`;
    expect(built.status, buildOutput).to.equal(0);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('builds without evaluating gRPC (whose http2 and http bindings cannot be serialized)', () => {
    expect(buildOutput).to.not.match(/not serialized|built-in module "http2?"/);
  });

  it('run by hand, reads argv at run time: --version prints the version', () => {
    const result = spawnSync(process.execPath, ['--snapshot-blob', blob, '/plugins/x', '--version'], {
      env: cleanEnv({}),
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/^velero-plugin-for-cert-manager \S+\n$/);
  });

  it('under Velero, serves with the run-time environment and flags, and stdout carries only the handshake', async () => {
    const invokedAs = '/plugins/velero-plugin-for-cert-manager';
    const child = spawn(process.execPath, ['--snapshot-blob', blob, invokedAs, '--log-level', 'debug'], {
      env: cleanEnv({
        VELERO_PLUGIN: 'hello',
        PLUGIN_PROTOCOL_VERSIONS: '2',
        VCM_DISABLED_ACTIONS: 'backup-skip-ephemeral',
        // grpc-js reads these when it loads: they prove it loads in the started process, not in the snapshot.
        GRPC_VERBOSITY: 'DEBUG',
        GRPC_TRACE: 'server',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const deadline = Date.now() + 15_000;
      while (!stderr.includes('"plugin serving"') && Date.now() < deadline && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(child.exitCode, stderr).to.equal(null);
      expect(stdout).to.match(/^1\|2\|unix\|[^|\n]+\|grpc\n$/);
      const serving = stderr.split('\n').find((line) => line.includes('"plugin serving"'));
      expect(serving, stderr).to.be.a('string');
      const fields = JSON.parse(serving ?? '{}') as { command?: string; actions?: string[] };
      expect(fields.command).to.equal(invokedAs);
      const actions = fields.actions ?? [];
      expect(actions).to.not.include('velero-plugin-for-cert-manager.dev/backup-skip-ephemeral');
      expect(actions).to.include('velero-plugin-for-cert-manager.dev/restore-skip-ephemeral');
      expect(stderr).to.match(/\| server \|/);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
