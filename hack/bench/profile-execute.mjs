#!/usr/bin/env node
// Profiles the plugin's per-call path: starts dist/src/plugin.js as go-plugin does (stderr through a pipe),
// drives it over its unix socket with grpc-js, then asks it to shut down so `--cpu-prof` is written.
// Usage (after `npm run build`): node hack/bench/profile-execute.mjs [calls] [concurrency] [execute|empty] [profile dir]
// An empty profile dir runs without the profiler (for plugin CPU per call from /proc). PLUGIN_ENTRY=file
// drives another build of the plugin (an A/B comparison in one run); the client stays this tree's.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { credentials } from '@grpc/grpc-js';
import { backupExecuteRequest } from './execute-request.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { grpcRootObject } = await import(join(root, 'dist/src/host/proto.js'));
const calls = Number(process.argv[2] ?? 20000);
const concurrency = Number(process.argv[3] ?? 8);
const method = process.argv[4] === 'empty' ? 'AppliesTo' : 'Execute';
const profileDir = process.argv[5] ?? '/tmp/vcm-prof';

const nodeArgs = profileDir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
const plugin = spawn(process.execPath, [...nodeArgs, process.env.PLUGIN_ENTRY ?? join(root, 'dist/src/plugin.js')], {
  env: { ...process.env, VELERO_PLUGIN: 'hello', PLUGIN_PROTOCOL_VERSIONS: '2' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
plugin.stderr.resume(); // go-plugin reads stderr through a pipe; so do we, and drop it
const exited = new Promise((resolve) => plugin.on('exit', (code, signal) => resolve({ code, signal })));
const handshake = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('no handshake line within 10 s')), 10_000);
  let text = '';
  plugin.stdout.on('data', (chunk) => {
    text += chunk;
    if (text.includes('\n')) {
      clearTimeout(timer);
      resolve(text.split('\n')[0]);
    }
  });
});
const address = `unix:${handshake.split('|')[3]}`;

const services = grpcRootObject();
const actions = new services.v2.BackupItemAction(address, credentials.createInsecure());
const controller = new services.plugin.GRPCController(address, credentials.createInsecure());

const request = backupExecuteRequest;

const call = (name) =>
  new Promise((resolve, reject) => actions[name](request, (err, reply) => (err ? reject(err) : resolve(reply))));
async function drive(name, count, parallel) {
  let started = 0;
  const worker = async () => {
    while (started++ < count) await call(name);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
/** User + system CPU of the plugin in clock ticks (10 ms). */
function pluginTicks() {
  const fields = readFileSync(`/proc/${plugin.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

await drive('Execute', 2000, 8); // warm-up: loads the action modules, lets V8 optimise
const before = pluginTicks();
const startedAt = process.hrtime.bigint();
await drive(method, calls, concurrency);
const wallMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
const cpuMs = (pluginTicks() - before) * 10;
process.stderr.write(
  `${method} c${concurrency}: ${(wallMs / calls).toFixed(3)} ms/call wall, plugin CPU ${(cpuMs / calls).toFixed(3)} ms/call\n`,
);
await new Promise((resolve) => controller.Shutdown({}, () => resolve()));
actions.close();
controller.close();
const exit = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 20_000))]);
if (exit === 'timeout') plugin.kill();
process.stderr.write(`plugin exit: ${JSON.stringify(exit)}${profileDir ? `; profile in ${profileDir}` : ''}\n`);
