import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostClients } from './grpc-client.js';
import { orphanExit } from './orphan.js';

const here = dirname(fileURLToPath(import.meta.url));
const pluginScript = resolve(here, '../../../src/plugin.js');
const noisyPlugin = join(here, 'fixtures/noisy-plugin.js');
const COOKIE = {
  VELERO_PLUGIN: 'hello',
  PLUGIN_PROTOCOL_VERSIONS: '2',
  PLUGIN_MIN_PORT: '10000',
  PLUGIN_MAX_PORT: '25000',
};

interface Started {
  child: ChildProcess;
  handshake: string;
  socketPath: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts a plugin the way go-plugin does and waits for its handshake line (bounded). */
async function start(script: string, args: string[] = [], env: Record<string, string> = COOKIE): Promise<Started> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolveExit) =>
    child.on('exit', (code, signal) => resolveExit({ code, signal, at: Date.now() })),
  );
  const deadline = Date.now() + 10_000;
  while (!stdout.includes('\n') && Date.now() < deadline && child.exitCode === null)
    await new Promise((r) => setTimeout(r, 10));
  const handshake = stdout.split('\n')[0] ?? '';
  return {
    child,
    handshake,
    socketPath: handshake.split('|')[3] ?? '',
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
  };
}

async function run(script: string, env: Record<string, string>) {
  const started = await start(script, [], env);
  const exit = await Promise.race([
    started.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('did not exit')), 10_000)),
  ]);
  return { code: exit.code, stdout: started.stdout(), stderr: started.stderr() };
}

async function shutDown(started: Started) {
  const clients = hostClients(started.socketPath);
  const t0 = Date.now();
  await clients.call('plugin.GRPCController', 'Shutdown', {});
  clients.close();
  const exit = await Promise.race([
    started.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no exit within 5 s')), 5000)),
  ]);
  return { ...exit, ms: exit.at - t0 };
}

describe('host/serve (the plugin process, spawned)', function () {
  this.timeout(30_000);

  it('run by hand without the cookie, explains itself on stderr, prints nothing on stdout and exits 1', async () => {
    const result = await run(pluginScript, {});
    expect(result.code).to.equal(1);
    expect(result.stdout).to.equal('');
    expect(result.stderr).to.match(/is a Velero plugin, not a command to run by hand.*VELERO_PLUGIN=hello/);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
  });

  it('exits 1 when the host offers no protocol version it speaks', async () => {
    const result = await run(pluginScript, { ...COOKIE, PLUGIN_PROTOCOL_VERSIONS: '1,3' });
    expect(result.code).to.equal(1);
    expect(result.stdout).to.equal('');
    expect(result.stderr).to.match(/offers plugin protocol versions 1,3; this plugin speaks version 2 only/);
  });

  it('with the cookie prints exactly one handshake line once serving, ignores unknown args and SIGINT, and exits fast on Shutdown', async () => {
    const started = await start(pluginScript, [
      '--uploader-type=kopia',
      '--features',
      'EnableCSI',
      '-x',
      'positional',
      '--help',
    ]);
    expect(started.handshake).to.match(/^1\|2\|unix\|\/\S+\|grpc$/);
    expect(existsSync(started.socketPath)).to.equal(true);
    const clients = hostClients(started.socketPath);
    const listed = await clients.call('generated.PluginLister', 'ListPlugins', {});
    expect((listed.plugins as { command: string }[]).map((p) => p.command)).to.satisfy(
      (commands: string[]) => commands.length > 0 && commands.every((c) => c === pluginScript),
    );
    started.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200));
    expect(await clients.call('grpc.health.v1.Health', 'Check', { service: 'plugin' })).to.deep.equal({
      status: 'SERVING',
    });
    clients.close();
    const exit = await shutDown(started);
    expect(exit.code).to.equal(0);
    expect(exit.ms).to.be.below(2000);
    expect(existsSync(started.socketPath)).to.equal(false);
    expect(started.stdout()).to.equal(`${started.handshake}\n`);
  });

  it('with a socket directory too long for a unix socket, listens in a private short one the handshake names (issue 20 case 4)', async () => {
    const base = mkdtempSync(join(tmpdir(), 'long-socket-dir-'));
    const longDir = join(base, 'd'.repeat(60), 'e'.repeat(60));
    mkdirSync(longDir, { recursive: true });
    const started = await start(pluginScript, [], { ...COOKIE, PLUGIN_UNIX_SOCKET_DIR: longDir });
    try {
      expect(started.handshake).to.match(/^1\|2\|unix\|\/\S+\|grpc$/);
      expect(Buffer.byteLength(started.socketPath)).to.be.at.most(107);
      expect(existsSync(started.socketPath), 'the announced socket exists').to.equal(true);
      expect(started.stderr()).to.include('socket directory path too long');
      const exit = await shutDown(started);
      expect(exit.code).to.equal(0);
      expect(existsSync(dirname(started.socketPath)), 'the private directory is removed').to.equal(false);
    } finally {
      // A failed assertion must not leave the plugin running (it would hold mocha open).
      if (started.child.exitCode === null) started.child.kill('SIGKILL');
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('exits within two seconds when its parent dies, even idle (issue 20 case 7)', async () => {
    const result = await orphanExit(
      process.execPath,
      [pluginScript],
      { PATH: process.env.PATH ?? '', ...COOKIE },
      5000,
    );
    expect(result.handshake).to.match(/^1\|2\|unix\|/);
    expect(result.exitMs, 'still running 5 s after its parent died').not.to.equal(undefined);
    expect(result.exitMs).to.be.below(2000);
  });

  it('honours --log-level: debug lines only when asked, all as JSON lines', async () => {
    const quiet = await start(pluginScript, []);
    await shutDown(quiet);
    const chatty = await start(pluginScript, ['--log-level', 'debug']);
    await shutDown(chatty);
    const levels = (text: string) =>
      text
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { '@level': string })['@level']);
    expect(levels(quiet.stderr())).not.to.include('debug');
    expect(levels(chatty.stderr())).to.include('debug');
  });

  it('keeps stray stdout writes (import time, action building, execute) off stdout', async () => {
    const started = await start(noisyPlugin);
    expect(started.handshake).to.match(/^1\|2\|unix\|/);
    const clients = hostClients(started.socketPath);
    const item = Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }));
    await clients.call('v2.BackupItemAction', 'Execute', { plugin: 'test.dev/noisy', item, backup: Buffer.from('{}') });
    clients.close();
    await shutDown(started);
    expect(started.stdout()).to.equal(`${started.handshake}\n`);
    expect(started.stderr())
      .to.include('stray console.log at import time')
      .and.include('stray console.log inside execute');
  });

  it('logs a crash outside any call as an error JSON line and exits 1; a stray rejection is logged and survived', async () => {
    const started = await start(noisyPlugin);
    const clients = hostClients(started.socketPath);
    const item = Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }));
    await clients.call('v2.BackupItemAction', 'Execute', {
      plugin: 'test.dev/crash-later',
      item,
      backup: Buffer.from('{}'),
    });
    clients.close();
    const exit = await Promise.race([
      started.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no exit within 5 s')), 5000)),
    ]);
    expect(exit.code).to.equal(1);
    const errors = started
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry['@level'] === 'error');
    expect(errors.map((e) => [e['@message'], e.error])).to.deep.equal([
      ['unhandled promise rejection in the plugin', 'stray rejection'],
      ['plugin crashed', 'boom in a timer'],
    ]);
    expect(existsSync(started.socketPath)).to.equal(false);
  });
});
