#!/usr/bin/env node
// Smoke client for the packaged plugin: starts it the way go-plugin does (VELERO_PLUGIN=hello, Velero's
// server flags, stdout's first line = handshake), then speaks raw gRPC to it: the health check go-plugin
// pings with, generated.PluginLister/ListPlugins, and plugin.GRPCController/Shutdown, after which the
// process must exit by itself (go-plugin kills it after 2 s otherwise). Raw bytes instead of generated
// code: the client must not share the plugin's own protobuf descriptors, or a descriptor bug would cancel out.
//
// Used by hack/build-plugin (gate) and the packaging tests. As a command:
//   node hack/packaging/smoke.mjs [--root DIR] [--expect-command PATH] [--runs N] -- EXECUTABLE [ARGS...]
// prints one JSON line with the measurements.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const grpc = createRequire(join(repoRoot, 'package.json'))('@grpc/grpc-js');

const HANDSHAKE = /^1\|2\|(unix|tcp)\|([^|]+)\|grpc(\|.*)?$/;
// Kinds Velero 1.12-1.18 accepts from ListPlugins (framework/common.PluginKind).
const VELERO_KINDS = new Set([
  'BackupItemAction',
  'BackupItemActionV2',
  'RestoreItemAction',
  'RestoreItemActionV2',
  'DeleteItemAction',
  'ObjectStore',
  'VolumeSnapshotter',
  'ItemBlockAction',
  'PluginLister',
]);

/** Reads the length-delimited fields of one protobuf message: [[fieldNumber, bytes], ...]; other wire types skipped. */
export function protoFields(buf) {
  const out = [];
  let i = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (i >= buf.length) throw new Error('truncated protobuf varint');
      const byte = buf[i++];
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
      shift += 7;
    }
  };
  while (i < buf.length) {
    const key = varint();
    const wire = key % 8;
    const field = Math.floor(key / 8);
    if (wire === 0) varint();
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else if (wire === 2) {
      const len = varint();
      out.push([field, buf.subarray(i, i + len)]);
      i += len;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}

function cpuTimeMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const ident = (b) => b;

function call(client, path, request, timeoutMs) {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(path, ident, ident, request, { deadline: Date.now() + timeoutMs }, (err, res) =>
      err ? reject(new Error(`${path}: ${err.message}`)) : resolve(res),
    );
  });
}

/** A numeric field of /proc/PID/status (VmRSS in KiB, Uid = real uid). */
function procStatus(pid, field) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs one plugin start → handshake → health → ListPlugins → Shutdown → exit cycle.
 * options: command, args, env (added to a minimal env), root (prefix for the socket path printed inside a
 * chroot), expectCommand (what ListPlugins must report), timeoutMs. Wrappers must exec (keep the pid),
 * so that idleRssKb and uid describe the plugin process itself.
 */
export async function smoke(options) {
  const timeoutMs = options.timeoutMs ?? 30000;
  const started = process.hrtime.bigint();
  const child = spawn(options.command, options.args ?? ['--log-level', 'info', '--uploader-type=kopia'], {
    env: {
      PATH: '/usr/bin:/bin',
      ...options.env,
      VELERO_PLUGIN: 'hello',
      PLUGIN_MIN_PORT: '10000',
      PLUGIN_MAX_PORT: '25000',
      PLUGIN_PROTOCOL_VERSIONS: '2',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-8000);
  });
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let client;
  try {
    const line = await new Promise((resolve, reject) => {
      let buffered = '';
      const timer = setTimeout(() => reject(new Error(`no handshake line within ${timeoutMs} ms`)), timeoutMs);
      child.stdout.on('data', (d) => {
        buffered += d;
        const nl = buffered.indexOf('\n');
        if (nl >= 0) {
          clearTimeout(timer);
          resolve(buffered.slice(0, nl).trim());
        }
      });
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`plugin exited before the handshake (code ${code}, signal ${signal})`));
      });
    });
    const handshakeMs = Number(process.hrtime.bigint() - started) / 1e6;
    // CPU time the process (all its threads) used up to the handshake: unlike wall time, barely moved by
    // other load on a shared machine. /proc/PID/stat fields 14 and 15, in clock ticks (100 per second).
    const cpuMs = cpuTimeMs(child.pid);
    const match = HANDSHAKE.exec(line);
    if (!match) throw new Error(`bad handshake line: ${JSON.stringify(line)}`);
    const [, network, address] = match;
    const target = network === 'unix' ? `unix://${(options.root ?? '') + address}` : address;
    client = new grpc.Client(target, grpc.credentials.createInsecure());
    // go-plugin's Ping: grpc.health.v1.Health/Check { service: "plugin" } must answer SERVING (1).
    const health = await call(
      client,
      '/grpc.health.v1.Health/Check',
      Buffer.from([0x0a, 6, ...Buffer.from('plugin')]),
      timeoutMs,
    );
    if (!(health.length === 2 && health[0] === 0x08 && health[1] === 1))
      throw new Error(`health is not SERVING: ${health.toString('hex')}`);
    const listed = await call(client, '/generated.PluginLister/ListPlugins', Buffer.alloc(0), timeoutMs);
    const plugins = protoFields(listed)
      .filter(([f]) => f === 1)
      .map(([, b]) => {
        const fields = Object.fromEntries(protoFields(b).map(([f, v]) => [f, v.toString('utf8')]));
        return { command: fields[1] ?? '', kind: fields[2] ?? '', name: fields[3] ?? '' };
      });
    if (plugins.length === 0) throw new Error('ListPlugins returned no plugins');
    for (const p of plugins) {
      if (!VELERO_KINDS.has(p.kind)) throw new Error(`ListPlugins: unknown kind ${JSON.stringify(p.kind)}`);
      if (!/^[^/\s]+\/[^/\s]+$/.test(p.name)) throw new Error(`ListPlugins: invalid name ${JSON.stringify(p.name)}`);
      if (options.expectCommand && p.command !== options.expectCommand) {
        throw new Error(
          `ListPlugins reports command ${JSON.stringify(p.command)}, Velero would re-execute that; expected ${JSON.stringify(options.expectCommand)}`,
        );
      }
    }
    await new Promise((r) => setTimeout(r, 300));
    const idleRssKb = procStatus(child.pid, 'VmRSS');
    const uid = procStatus(child.pid, 'Uid');
    const shutdownAt = Date.now();
    await call(client, '/plugin.GRPCController/Shutdown', Buffer.alloc(0), timeoutMs).catch((e) => {
      // The server may drop the connection while exiting: only the exit below counts.
      if (!/UNAVAILABLE|Connection dropped|CANCELLED/i.test(e.message)) throw e;
    });
    const outcome = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 2000))]);
    if (!outcome) throw new Error('plugin did not exit within 2 s of Shutdown (go-plugin would SIGKILL it)');
    return { handshakeMs, cpuMs, idleRssKb, uid, plugins, shutdownMs: Date.now() - shutdownAt, exitCode: outcome.code };
  } catch (err) {
    err.message += stderr ? `\n--- plugin stderr ---\n${stderr}` : '';
    throw err;
  } finally {
    client?.close();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const sep = argv.indexOf('--');
  const opts = sep >= 0 ? argv.slice(0, sep) : [];
  const rest = sep >= 0 ? argv.slice(sep + 1) : argv;
  const flag = (name) => {
    const i = opts.indexOf(name);
    return i >= 0 ? opts[i + 1] : undefined;
  };
  const runs = Number(flag('--runs') ?? 1);
  const env = {};
  for (const kv of opts.flatMap((o, i) => (o === '--env' ? [opts[i + 1]] : []))) {
    const eq = kv.indexOf('=');
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  try {
    const results = [];
    for (let i = 0; i < runs; i++) {
      results.push(
        await smoke({
          command: rest[0],
          args: rest.length > 1 ? rest.slice(1) : undefined,
          root: flag('--root'),
          expectCommand: flag('--expect-command'),
          env,
        }),
      );
    }
    const rss = results.map((r) => r.idleRssKb).filter((x) => x !== undefined);
    process.stdout.write(
      JSON.stringify({
        runs,
        handshakeMsMedian: Math.round(median(results.map((r) => r.handshakeMs))),
        cpuMsMedian: median(results.map((r) => r.cpuMs ?? NaN)),
        idleRssKbMedian: rss.length ? median(rss) : null,
        plugins: results[0].plugins,
      }) + '\n',
    );
  } catch (err) {
    process.stderr.write(`smoke: ${err.message}\n`);
    process.exit(1);
  }
}
