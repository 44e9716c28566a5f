#!/usr/bin/env node
// Where the plugin's resident memory goes: starts a plugin executable as go-plugin does (the packaged one by
// default; KUBECONFIG passes through, so its cluster access is on when set), reads /proc/<pid>/smaps after the
// first call and after N 2 KiB backup Executes at concurrency 1, and prints the resident set by mapping:
// the executable's code (r-xp) and read-only data (r--p: V8's and Node's built-in snapshot, ICU, the embedded
// application blob), anonymous memory (V8 heap, malloc arenas, thread stacks) and shared libraries. Beside
// it, Node's own floor measured the same way: the same Node version running an idle script.
//
//   node hack/bench/memory-breakdown.mjs [--items N] [--node NODE] [EXECUTABLE]
//
// Needs `npm run build` (the gRPC client uses dist/src/host/proto.js). Prints one JSON object on stdout.
import { spawn } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { credentials } from '@grpc/grpc-js';
import { backupExecuteRequest } from './execute-request.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (flag, fallback) => {
  const i = args.indexOf(flag);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const items = Number(option('--items', '10000'));
const node = option('--node', undefined);
const executable = args[0] ?? join(root, 'out/plugins/velero-plugin-for-cert-manager');
const { grpcRootObject } = await import(join(root, 'dist/src/host/proto.js'));

const KIB_PER_MIB = 1024;
/** Resident KiB of a process by mapping group, from /proc/<pid>/smaps. */
function breakdown(pid, binaryPath) {
  const binary = realpathSync(binaryPath);
  const groups = {};
  let name = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const [, perms, path] = mapping;
      if (path === binary) name = `executable ${perms.startsWith('r-x') ? 'code' : 'data'} (${perms})`;
      else if (path === '' || path === '[heap]') name = 'anonymous (V8 heap, malloc, stacks)';
      else if (path.startsWith('[')) name = path;
      else name = 'shared libraries';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) groups[name] = (groups[name] ?? 0) + Number(rss[1]);
  }
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / KIB_PER_MIB;
  return {
    rssMiB: field('VmRSS'),
    peakMiB: field('VmHWM'),
    anonMiB: field('RssAnon'),
    fileMiB: field('RssFile'),
    byMappingMiB: Object.fromEntries(
      Object.entries(groups)
        .filter(([, kib]) => kib >= 256)
        .sort((a, b) => b[1] - a[1])
        .map(([k, kib]) => [k, Math.round((kib / KIB_PER_MIB) * 10) / 10]),
    ),
  };
}

/** Starts a process that prints one line when ready; returns it and that line. */
async function startReady(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.resume(); // go-plugin reads stderr through a pipe; so do we, and drop it
  const line = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command}: not ready within 30 s`)), 30_000);
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text.split('\n')[0]);
      }
    });
    child.on('exit', (code) => reject(new Error(`${command} exited (${code}) before it was ready`)));
  });
  return { child, line };
}

const result = { executable, items, kubeconfig: process.env.KUBECONFIG ? 'set' : 'unset' };

if (node) {
  // Node's floor: the same runtime, idle after start.
  const { child } = await startReady(node, ['-e', 'console.log("ready"); setInterval(() => {}, 1000)'], {});
  await new Promise((resolve) => setTimeout(resolve, 200));
  result.nodeFloor = breakdown(child.pid, node);
  child.kill();
}

const { child: plugin, line } = await startReady(executable, [], {
  VELERO_PLUGIN: 'hello',
  PLUGIN_PROTOCOL_VERSIONS: '2',
});
const address = `unix:${line.split('|')[3]}`;
const services = grpcRootObject();
const actions = new services.v2.BackupItemAction(address, credentials.createInsecure());
const controller = new services.plugin.GRPCController(address, credentials.createInsecure());
const call = (name, request) =>
  new Promise((resolve, reject) => actions[name](request, (err, reply) => (err ? reject(err) : resolve(reply))));

const request = backupExecuteRequest;

/** User + system CPU time of a process, ms (10 ms ticks). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

await call('AppliesTo', { plugin: request.plugin });
result.afterStart = breakdown(plugin.pid, executable);
const cpuBefore = cpuMs(plugin.pid);
for (let i = 0; i < items; i++) await call('Execute', request);
// The plugin's CPU per Execute over the whole run, its first (cluster-reading, compiling) calls included.
if (items > 0) result.pluginCpuMsPerItem = (cpuMs(plugin.pid) - cpuBefore) / items;
result.afterItems = breakdown(plugin.pid, executable);

await new Promise((resolve) => controller.Shutdown({}, () => resolve()));
actions.close();
controller.close();
setTimeout(() => plugin.kill(), 2000).unref();
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
