// Seeded fuzzing of the real plugin process through its gRPC server (test stage `fuzz`): real cert-manager
// items, mutated at random (types swapped, values replaced, bytes flipped, JSON cut, numbers JavaScript
// cannot hold, deep nesting, huge names), sent with bounded concurrency to every action, plus the cases of
// issue 20 replayed first. Asserted throughout: the process stays alive, every call is answered within a
// deadline (an unanswered call is how a frozen connection shows), no Secret data on any stream (errors,
// stderr, stdout), stdout is only the handshake, every stderr line is a JSON log line.
//
//   npm test -- --only build,fuzz                       quick: 10,000 mutations (well under a minute)
//   npm test -- --only build,fuzz --fuzz-long           long: 200,000 mutations
//   VCM_FUZZ_SEED=7 VCM_FUZZ_CALLS=50000 npx mocha --no-package dist/test/fuzz/plugin.test.js
import { status, type ServiceError } from '@grpc/grpc-js';
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../../src/host/action.js';
import { encodeJson, parseLossless } from '../../src/host/item-json.js';
import {
  chartDeployment,
  certificate,
  clusterIssuer,
  issuer,
  ISSUER_FIXTURES,
  OWNER_FIXTURES,
} from '../unit/certmanager/fixtures.js';
import { hostClients, type HostClients } from '../unit/host/grpc-client.js';

const here = dirname(fileURLToPath(import.meta.url));
const pluginScript = resolve(here, '../../src/plugin.js');
const LONG = process.env.VCM_FUZZ_LONG === '1';
const CALLS = Number(process.env.VCM_FUZZ_CALLS ?? (LONG ? 200_000 : 10_000));
const SEED = Number(process.env.VCM_FUZZ_SEED ?? 20);
const CONCURRENCY = 8;
/** Every call must be answered within this; the plugin's own cluster lookups fail at once here (no cluster). */
const DEADLINE_MS = 10_000;
/** Stands for Secret data and item content: must never leave the plugin other than inside a returned item. */
const CANARY = 'Zm9vYmFyLXNlY3JldC1jYW5hcnk';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  return { next, int, pick };
}
type Random = ReturnType<typeof prng>;

/** Real items of every kind the actions select, each carrying the canary where content lives. */
function corpus(): KubeObject[] {
  const withContent = (item: KubeObject): KubeObject => ({ ...item, data: { payload: CANARY } });
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'web-tls', namespace: 'shop', annotations: { 'cert-manager.io/certificate-name': 'web' } },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': CANARY, 'tls.key': CANARY },
  };
  const ingress: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'shop', annotations: { 'cert-manager.io/cluster-issuer': 'le' } },
    spec: { tls: [{ hosts: ['web.example.com'], secretName: 'web-tls' }], note: CANARY },
  };
  const order: KubeObject = {
    apiVersion: 'acme.cert-manager.io/v1',
    kind: 'Order',
    metadata: { name: 'web-1-1', namespace: 'shop' },
    spec: { request: CANARY },
  };
  return [
    secret,
    ingress,
    order,
    { ...order, kind: 'Challenge', metadata: { name: 'web-1-1-2', namespace: 'shop' } },
    { ...order, apiVersion: 'cert-manager.io/v1', kind: 'CertificateRequest' },
    ...OWNER_FIXTURES.map((fixture, i) => certificate(`web-${i}`, 'shop', { owners: fixture.owners })),
    ...ISSUER_FIXTURES.map((fixture, i) => issuer(`issuer-${i}`, 'shop', fixture.spec)),
    ...ISSUER_FIXTURES.map((fixture, i) => clusterIssuer(`cluster-issuer-${i}`, fixture.spec)),
    chartDeployment('controller'),
    chartDeployment('webhook'),
  ].map(withContent);
}

const WEIRD_NUMBERS = ['9007199254740993', '-9223372036854775808', '1e400', '1.0', '-0', '1E-7', '0.30000000000000004'];

/**
 * A random JSON value: scalars, numbers JavaScript would alter, containers, deep nesting. Never the canary:
 * a mutation may land on a field the plugin legitimately names in errors and logs (a name, a namespace, a
 * referenced Secret's name); the canary stays in the content fields of the corpus.
 */
function randomValue(r: Random, depth = 0): unknown {
  switch (r.int(depth > 2 ? 6 : 9)) {
    case 0:
      return `m-${r.int(1_000_000)}`;
    case 1:
      return r.pick([0, -1, 1.5, 2 ** 60, Number.MAX_SAFE_INTEGER]);
    case 2:
      return r.pick([true, false, null]);
    case 3:
      return 'x'.repeat(r.pick([0, 1, 300, 300, 300, 70_000]));
    case 4:
      return 'é'.repeat(r.pick([1, 1, 1, 40_000]));
    case 5:
      return { [`k${r.int(5)}`]: `v${r.int(5)}` };
    case 6:
      return [randomValue(r, depth + 1), randomValue(r, depth + 1)];
    case 7:
      return { a: randomValue(r, depth + 1), b: null };
    default: {
      let nested: unknown = 'leaf';
      for (let i = 0, n = r.pick([10, 10, 10, 100, 1000, 6000]); i < n; i++)
        nested = r.next() < 0.5 ? [nested] : { n: nested };
      return nested;
    }
  }
}

/** Every path to a node of the value (bounded, shallow first). */
function paths(value: unknown, limit = 200): (string | number)[][] {
  const found: (string | number)[][] = [];
  const queue: [unknown, (string | number)[]][] = [[value, []]];
  for (let next = queue.shift(); next && found.length < limit; next = queue.shift()) {
    const [node, path] = next;
    if (path.length > 0) found.push(path);
    if (path.length > 8) continue;
    if (Array.isArray(node)) node.forEach((child, i) => queue.push([child, [...path, i]]));
    else if (typeof node === 'object' && node !== null)
      for (const [key, child] of Object.entries(node)) queue.push([child, [...path, key]]);
  }
  return found;
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove: boolean): void {
  let node = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] ?? '';
  if (remove && !Array.isArray(node)) Reflect.deleteProperty(node, last);
  else node[last] = value;
}

/** One mutated request body: a structured mutation of a real item, serialised, sometimes then damaged as bytes. */
function mutate(r: Random, items: readonly KubeObject[]): Buffer {
  const item = structuredClone(r.pick(items)) as Record<string, unknown>;
  for (let i = 0, n = 1 + r.int(3); i < n; i++) {
    const choice = r.int(20);
    const metadata = (typeof item.metadata === 'object' && item.metadata !== null ? item.metadata : {}) as Record<
      string,
      unknown
    >;
    if (choice < 3) {
      // The metadata fields the actions read, with a wrong type or a strange value.
      const field = r.pick(['annotations', 'labels', 'ownerReferences', 'name', 'namespace']);
      metadata[field] = randomValue(r);
      item.metadata = metadata;
    } else if (choice === 3) {
      item.metadata = randomValue(r);
    } else if (choice === 4) {
      item[r.pick(['kind', 'apiVersion'])] = randomValue(r);
    } else {
      const all = paths(item);
      if (all.length > 0) setAt(item, r.pick(all), randomValue(r), r.next() < 0.2);
    }
  }
  let text = encodeJson(item, true);
  if (r.next() < 0.3) {
    // Numbers JavaScript would alter, written as Go's encoder might.
    text = text.replace(/"x{0,1}"|-?\d+(\.\d+)?/, r.pick(WEIRD_NUMBERS));
  }
  const bytes = Buffer.from(text);
  if (r.next() < 0.05) return bytes.subarray(0, r.int(bytes.length));
  if (r.next() < 0.05) {
    for (let i = 0, n = 1 + r.int(4); i < n; i++) bytes[r.int(bytes.length)] = r.int(256);
  }
  return bytes;
}

interface Plugin {
  child: ChildProcess;
  handshake: string;
  clients: HostClients;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

async function startPlugin(env: NodeJS.ProcessEnv): Promise<Plugin> {
  const child = spawn(process.execPath, [pluginScript], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const deadline = Date.now() + 15_000;
  while (!stdout.includes('\n') && Date.now() < deadline && child.exitCode === null)
    await new Promise((r) => setTimeout(r, 10));
  const handshake = stdout.split('\n')[0] ?? '';
  const socket = handshake.split('|')[3] ?? '';
  return { child, handshake, clients: hostClients(socket), stdout: () => stdout, stderr: () => stderr, exit };
}

describe(`fuzz: the plugin process under ${CALLS} seeded mutations (seed ${SEED})`, function () {
  this.timeout(LONG ? 3_600_000 : 300_000);
  let plugin: Plugin;
  let home: string;
  const answered = { ok: 0, errors: new Map<string, number>() };

  before(async () => {
    // No kubeconfig anywhere: the plugin runs its offline paths, so calls are bounded by the plugin alone.
    home = mkdtempSync(join(tmpdir(), 'vcm-fuzz-'));
    // A socket directory far beyond the unix socket limit (issue 20 case 4) for the whole run.
    const socketDir = join(home, 'd'.repeat(80), 'e'.repeat(80));
    mkdirSync(socketDir, { recursive: true });
    plugin = await startPlugin({
      PATH: process.env.PATH ?? '',
      HOME: home,
      VELERO_PLUGIN: 'hello',
      PLUGIN_PROTOCOL_VERSIONS: '2',
      PLUGIN_UNIX_SOCKET_DIR: socketDir,
    });
    expect(plugin.handshake).to.match(/^1\|2\|unix\|\/\S+\|grpc$/);
  });

  after(() => {
    plugin.clients.close();
    if (plugin.child.exitCode === null) plugin.child.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  });

  const call = async (
    service: string,
    method: string,
    request: object,
  ): Promise<Record<string, unknown> | undefined> => {
    try {
      const response = await plugin.clients.call(service, method, request, DEADLINE_MS);
      answered.ok++;
      return response;
    } catch (err) {
      const { code, details } = err as ServiceError;
      // An answer, but not one a frozen or dead plugin gives.
      expect([status.DEADLINE_EXCEEDED, status.UNAVAILABLE, status.CANCELLED], `${method}: ${details}`).not.to.include(
        code,
      );
      expect(Buffer.byteLength(details), 'error messages are bounded').to.be.at.most(4096);
      expect(details, 'no item content in errors').not.to.include(CANARY);
      answered.errors.set(status[code], (answered.errors.get(status[code]) ?? 0) + 1);
      return undefined;
    }
  };

  it('serves every action listed', async () => {
    const listed = await call('generated.PluginLister', 'ListPlugins', {});
    expect((listed?.plugins as unknown[]).length).to.be.greaterThan(10);
  });

  it('replays the cases of issue 20, then answers a normal call', async () => {
    const backup = Buffer.from('{"kind":"Backup","metadata":{"uid":"fuzz-replay"}}');
    const plain = Buffer.from(JSON.stringify(certificate('web', 'shop')));
    const plugin = 'velero-plugin-for-cert-manager.dev/backup-certificate-secrets';
    await call('v2.BackupItemAction', 'Execute', { plugin: 'p'.repeat(1_000_000), item: plain, backup });
    const depth = 10_000;
    const deep = Buffer.from(
      `{"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"deep","namespace":"shop"},"spec":{"secretName":"s","x":${'['.repeat(depth)}${']'.repeat(depth)},"n":9007199254740993}}`,
    );
    const same = await call('v2.BackupItemAction', 'Execute', { plugin, item: deep, backup });
    expect(Buffer.compare(same?.item as Buffer, deep), 'an unchanged deep item comes back byte for byte').to.equal(0);
    const annotated = await call('v2.BackupItemAction', 'Execute', {
      plugin: 'velero-plugin-for-cert-manager.dev/backup-skip-ephemeral',
      item: Buffer.from(String(deep).replace('"Certificate"', '"CertificateRequest"')),
      backup,
    });
    expect(String(annotated?.item)).to.include('"n":9007199254740993}}');
    for (const annotations of [CANARY, [CANARY], { a: 1 }]) {
      const bad = certificate('bad', 'shop') as unknown as { metadata: Record<string, unknown> };
      bad.metadata.annotations = annotations;
      await call('v2.RestoreItemAction', 'Execute', {
        plugin: 'velero-plugin-for-cert-manager.dev/restore-certificate-dependencies',
        item: Buffer.from(JSON.stringify(bad)),
        restore: Buffer.from('{"kind":"Restore","metadata":{"uid":"fuzz-replay"}}'),
      });
    }
    const ok = await call('v2.BackupItemAction', 'Execute', { plugin, item: plain, backup });
    expect(ok?.item).to.be.instanceOf(Buffer);
  });

  it(`answers ${CALLS} mutated calls, ${CONCURRENCY} at a time, each within ${DEADLINE_MS / 1000} s`, async () => {
    const r = prng(SEED);
    const items = corpus();
    const listed = await call('generated.PluginLister', 'ListPlugins', {});
    const actions = (listed?.plugins as { name: string; kind: string }[]).filter((p) => p.kind.endsWith('V2'));
    const runs = ['fuzz-run-1', 'fuzz-run-2'];
    let sent = 0;
    const worker = async () => {
      while (sent < CALLS) {
        sent++;
        const action = r.pick(actions);
        const name = r.next() < 0.02 ? r.pick(['', 'unknown/x', 'n'.repeat(100_000)]) : action.name;
        const run = Buffer.from(
          `{"kind":"${action.kind.startsWith('Backup') ? 'Backup' : 'Restore'}","metadata":{"uid":"${r.pick(runs)}"},"spec":{"excludedResources":["secrets"]}}`,
        );
        const item = mutate(r, items);
        if (action.kind === 'BackupItemActionV2') {
          const response = await call('v2.BackupItemAction', 'Execute', { plugin: name, item, backup: run });
          if (response) expect(() => parseLossless(String(response.item)), 'the item sent back is JSON').not.to.throw();
        } else if (r.next() < 0.05) {
          await call('v2.RestoreItemAction', 'AppliesTo', { plugin: name });
        } else {
          const fromBackup = r.next() < 0.5 ? item : mutate(r, items);
          const response = await call('v2.RestoreItemAction', 'Execute', {
            plugin: name,
            item,
            itemFromBackup: fromBackup,
            restore: run,
          });
          if (response) expect(() => parseLossless(String(response.item)), 'the item sent back is JSON').not.to.throw();
        }
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `      ${CALLS} calls in ${seconds.toFixed(1)} s (${Math.round(CALLS / seconds)}/s); ${answered.ok} answered ok, errors: ${JSON.stringify(Object.fromEntries(answered.errors))}`,
    );
    expect(plugin.child.exitCode, 'the plugin is alive').to.equal(null);
  });

  it('shuts down cleanly, with only the handshake on stdout and only JSON log lines, free of Secret data, on stderr', async () => {
    await call('plugin.GRPCController', 'Shutdown', {});
    const code = await Promise.race([plugin.exit, new Promise((r) => setTimeout(() => r('no exit within 5 s'), 5000))]);
    expect(code).to.equal(0);
    expect(plugin.stdout()).to.equal(`${plugin.handshake}\n`);
    const stderr = plugin.stderr();
    expect(stderr).not.to.include(CANARY);
    for (const line of stderr.split('\n').filter((l) => l !== ''))
      expect(() => JSON.parse(line) as unknown, line.slice(0, 200)).not.to.throw();
  });
});
