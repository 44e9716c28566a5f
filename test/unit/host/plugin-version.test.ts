import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../../../src/version.js';

const pluginScript = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src/plugin.js');
// Under c8 (hack/coverage.mjs), the spawned plugin's coverage counts too.
const coverageEnv = process.env.NODE_V8_COVERAGE ? { NODE_V8_COVERAGE: process.env.NODE_V8_COVERAGE } : {};

describe('plugin binary --version', function () {
  this.timeout(20_000);

  it('run by hand, prints its name and version on stdout and exits 0', () => {
    const result = spawnSync(process.execPath, [pluginScript, '--version'], {
      env: { PATH: process.env.PATH ?? '', ...coverageEnv },
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(result.status).to.equal(0);
    expect(result.stdout).to.equal(`velero-plugin-for-cert-manager ${VERSION}\n`);
    expect(result.stderr).to.equal('');
  });

  it('under Velero (VELERO_PLUGIN=hello), ignores --version: stdout is the handshake line alone', async () => {
    const child = spawn(process.execPath, [pluginScript, '--version'], {
      env: {
        PATH: process.env.PATH ?? '',
        VELERO_PLUGIN: 'hello',
        PLUGIN_PROTOCOL_VERSIONS: '2',
        PLUGIN_MIN_PORT: '10000',
        PLUGIN_MAX_PORT: '25000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      const deadline = Date.now() + 10_000;
      while (!stdout.includes('\n') && Date.now() < deadline && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 10));
      // Give a stray version line, if any, time to follow the handshake.
      await new Promise((r) => setTimeout(r, 200));
      expect(child.exitCode).to.equal(null);
      expect(stdout).to.match(/^1\|2\|unix\|[^|\n]+\|grpc(\|[^\n]*)?\n$/);
      expect(stdout).to.not.include(VERSION);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
