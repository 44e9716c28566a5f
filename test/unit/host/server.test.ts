import { status, type ServiceError } from '@grpc/grpc-js';
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import type { Action, KubeObject } from '../../../src/host/action.js';
import { JsonLineLogger } from '../../../src/host/logger.js';
import { ActionRegistry } from '../../../src/host/registry.js';
import { startServer, type RunningServer } from '../../../src/host/server.js';
import { hostClients, type HostClients } from './grpc-client.js';

const order: KubeObject = {
  apiVersion: 'acme.cert-manager.io/v1',
  kind: 'Order',
  metadata: { name: 'o', namespace: 'ns' },
  spec: {},
};
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** Test actions that exercise every path of the dispatcher. */
const actions: Action[] = [
  {
    kind: 'backup',
    name: 'test.dev/annotate',
    description: 'adds an annotation and an additional item',
    appliesTo: { includedResources: ['orders.acme.cert-manager.io'], selector: 'a=b' },
    execute: async ({ item, backup, log }) => {
      log.info('annotating', { backupName: backup.metadata?.name });
      await new Promise((resolve) => setTimeout(resolve, 5));
      return {
        item: { ...item, metadata: { ...item.metadata, annotations: { seen: String(backup.metadata?.name) } } },
        additionalItems: [{ group: '', resource: 'secrets', namespace: 'ns', name: 's' }],
      };
    },
  },
  {
    kind: 'backup',
    name: 'test.dev/throws',
    description: '',
    appliesTo: {},
    execute: () => {
      throw new Error('kaboom');
    },
  },
  {
    kind: 'backup',
    name: 'test.dev/no-kind',
    description: '',
    appliesTo: {},
    execute: () => ({ item: {} as KubeObject }),
  },
  {
    kind: 'restore',
    name: 'test.dev/skip',
    description: '',
    appliesTo: { includedNamespaces: ['a'], excludedResources: ['secrets'] },
    execute: ({ item, itemFromBackup }) => ({
      item: { ...item, metadata: { ...item.metadata, labels: { fromBackup: String(itemFromBackup.metadata.name) } } },
      skipRestore: true,
      waitForAdditionalItems: true,
      additionalItemsReadyTimeoutMs: 1500,
    }),
    areAdditionalItemsReady: ({ additionalItems }) => additionalItems.length === 1,
  },
  { kind: 'restore', name: 'test.dev/plain', description: '', appliesTo: {}, execute: ({ item }) => ({ item }) },
  {
    kind: 'backup',
    name: 'test.dev/async',
    description: 'starts an operation',
    appliesTo: {},
    execute: ({ item }) => ({ item, operationID: 'op-1' }),
    progress: ({ operationID, backup }) => ({
      completed: operationID === 'op-1',
      nCompleted: 3,
      nTotal: 4,
      operationUnits: 'items',
      description: `for ${String(backup.metadata?.name)}`,
      started: new Date(1_700_000_000_250),
    }),
    cancel: ({ operationID }) => {
      cancelled.push(operationID);
    },
  },
  {
    kind: 'backup',
    name: 'test.dev/async-without-progress',
    description: '',
    appliesTo: {},
    execute: ({ item }) => ({ item, operationID: 'op-2' }),
  },
  {
    kind: 'restore',
    name: 'test.dev/async-failing',
    description: '',
    appliesTo: {},
    execute: ({ item }) => ({ item, operationID: 'op-3' }),
    progress: () => {
      throw new Error('lost track');
    },
  },
];
const cancelled: string[] = [];

describe('host/server (in-process, over a real unix socket)', () => {
  let server: RunningServer;
  let clients: HostClients;
  let shutdownRequests = 0;
  const logLines: Record<string, unknown>[] = [];

  before(async () => {
    const log = new JsonLineLogger({
      level: 'debug',
      sink: (line) => logLines.push(JSON.parse(line) as Record<string, unknown>),
    });
    server = await startServer({
      registry: new ActionRegistry(actions),
      log,
      command: '/plugins/test',
      onShutdownRequested: () => shutdownRequests++,
    });
    clients = hostClients(server.socketPath);
  });

  after(async () => {
    clients.close();
    await server.stop();
  });

  const expectRpcError = async (promise: Promise<unknown>, code: status, pattern: RegExp) => {
    try {
      await promise;
    } catch (err) {
      expect((err as ServiceError).code).to.equal(code);
      expect((err as ServiceError).details).to.match(pattern);
      return;
    }
    expect.fail('the call succeeded');
  };

  it('lists every action under its V2 kind with the command', async () => {
    const res = await clients.call('generated.PluginLister', 'ListPlugins', {});
    expect(res.plugins).to.deep.equal([
      { command: '/plugins/test', kind: 'BackupItemActionV2', name: 'test.dev/annotate' },
      { command: '/plugins/test', kind: 'BackupItemActionV2', name: 'test.dev/throws' },
      { command: '/plugins/test', kind: 'BackupItemActionV2', name: 'test.dev/no-kind' },
      { command: '/plugins/test', kind: 'BackupItemActionV2', name: 'test.dev/async' },
      { command: '/plugins/test', kind: 'BackupItemActionV2', name: 'test.dev/async-without-progress' },
      { command: '/plugins/test', kind: 'RestoreItemActionV2', name: 'test.dev/skip' },
      { command: '/plugins/test', kind: 'RestoreItemActionV2', name: 'test.dev/plain' },
      { command: '/plugins/test', kind: 'RestoreItemActionV2', name: 'test.dev/async-failing' },
    ]);
  });

  it('answers AppliesTo with the action selector, empty lists filled in', async () => {
    const res = await clients.call('v2.BackupItemAction', 'AppliesTo', { plugin: 'test.dev/annotate' });
    expect(res.ResourceSelector).to.deep.equal({
      includedNamespaces: [],
      excludedNamespaces: [],
      includedResources: ['orders.acme.cert-manager.io'],
      excludedResources: [],
      selector: 'a=b',
    });
    const restore = await clients.call('v2.RestoreItemAction', 'AppliesTo', { plugin: 'test.dev/skip' });
    expect(restore.ResourceSelector).to.deep.include({ includedNamespaces: ['a'], excludedResources: ['secrets'] });
  });

  it('routes Execute on the plugin field and returns the full item plus additional items', async () => {
    const res = await clients.call('v2.BackupItemAction', 'Execute', {
      plugin: 'test.dev/annotate',
      item: json(order),
      backup: json({ metadata: { name: 'nightly' } }),
    });
    expect(JSON.parse((res.item as Buffer).toString())).to.deep.equal({
      ...order,
      metadata: { ...order.metadata, annotations: { seen: 'nightly' } },
    });
    expect(res.additionalItems).to.deep.equal([{ group: '', resource: 'secrets', namespace: 'ns', name: 's' }]);
    expect(res.operationID).to.equal('');
    expect(
      logLines.some(
        (l) =>
          l['@message'] === 'annotating' &&
          l.backupName === 'nightly' &&
          l.action === 'test.dev/annotate' &&
          l.kind === 'Order',
      ),
    ).to.equal(true);
  });

  it('handles 32 concurrent Executes, each answered with its own item', async () => {
    const names = Array.from({ length: 32 }, (_, i) => `order-${i}`);
    const results = await Promise.all(
      names.map((name) =>
        clients.call('v2.BackupItemAction', 'Execute', {
          plugin: 'test.dev/annotate',
          item: json({ ...order, metadata: { name } }),
          backup: json({ metadata: { name } }),
        }),
      ),
    );
    expect(
      results.map((r) => (JSON.parse((r.item as Buffer).toString()) as KubeObject).metadata.annotations?.seen),
    ).to.deep.equal(names);
  });

  it('passes a 16 MiB item both ways', async function () {
    this.timeout(60_000); // encodes and decodes 16 MiB four times in one process
    const big = { ...order, spec: { blob: 'x'.repeat(16 * 1024 * 1024) } };
    const res = await clients.call('v2.RestoreItemAction', 'Execute', {
      plugin: 'test.dev/plain',
      item: json(big),
      restore: json({}),
      itemFromBackup: json(big),
    });
    expect((res.item as Buffer).length).to.equal(json(big).length);
  });

  it('answers restore Execute with skipRestore, the item, and the readiness wait as a Duration', async () => {
    const res = await clients.call('v2.RestoreItemAction', 'Execute', {
      plugin: 'test.dev/skip',
      item: json(order),
      restore: json({}),
      itemFromBackup: json({ ...order, metadata: { name: 'original' } }),
    });
    expect(res.skipRestore).to.equal(true);
    expect(res.waitForAdditionalItems).to.equal(true);
    expect(res.additionalItemsReadyTimeout).to.deep.equal({ seconds: 1, nanos: 500_000_000 });
    expect((JSON.parse((res.item as Buffer).toString()) as KubeObject).metadata.labels).to.deep.equal({
      fromBackup: 'original',
    });
  });

  it('uses the item as itemFromBackup when Velero sends none', async () => {
    const res = await clients.call('v2.RestoreItemAction', 'Execute', {
      plugin: 'test.dev/skip',
      item: json(order),
      restore: Buffer.alloc(0),
    });
    expect((JSON.parse((res.item as Buffer).toString()) as KubeObject).metadata.labels).to.deep.equal({
      fromBackup: 'o',
    });
  });

  it('asks the action whether additional items are ready, defaulting to ready', async () => {
    const one = [{ group: '', resource: 'secrets', namespace: 'ns', name: 's' }];
    expect(
      await clients.call('v2.RestoreItemAction', 'AreAdditionalItemsReady', {
        plugin: 'test.dev/skip',
        restore: json({}),
        additionalItems: one,
      }),
    ).to.deep.equal({ ready: true });
    expect(
      await clients.call('v2.RestoreItemAction', 'AreAdditionalItemsReady', {
        plugin: 'test.dev/skip',
        restore: json({}),
        additionalItems: [],
      }),
    ).to.deep.equal({ ready: false });
    expect(
      await clients.call('v2.RestoreItemAction', 'AreAdditionalItemsReady', {
        plugin: 'test.dev/plain',
        restore: json({}),
        additionalItems: [],
      }),
    ).to.deep.equal({ ready: true });
  });

  it('turns an unknown plugin name into NOT_FOUND naming what is served', async () => {
    await expectRpcError(
      clients.call('v2.BackupItemAction', 'Execute', { plugin: 'test.dev/skip', item: json(order) }),
      status.NOT_FOUND,
      /BackupItemActionV2 plugin "test.dev\/skip" was not found.*test.dev\/annotate/,
    );
    await expectRpcError(
      clients.call('v2.RestoreItemAction', 'AppliesTo', { plugin: 'nope' }),
      status.NOT_FOUND,
      /"nope" was not found/,
    );
  });

  it('turns an exception into an UNKNOWN error prefixed with the action name, and logs it', async () => {
    await expectRpcError(
      clients.call('v2.BackupItemAction', 'Execute', { plugin: 'test.dev/throws', item: json(order) }),
      status.UNKNOWN,
      /^test.dev\/throws: Order ns\/o: kaboom$/,
    );
    expect(
      logLines.some((l) => l['@level'] === 'error' && l.error === 'kaboom' && typeof l.stack === 'string'),
    ).to.equal(true);
  });

  it('rejects malformed items with INVALID_ARGUMENT', async () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('{not json'), /malformed item: .*JSON/],
      [Buffer.alloc(0), /malformed item: empty/],
      [json([1]), /not a JSON object/],
      [json({ apiVersion: 'v1', metadata: {} }), /no kind/],
      [json({ kind: 'Pod', metadata: {} }), /no apiVersion/],
      [json({ kind: 'Pod', apiVersion: 'v1', metadata: 'x' }), /no metadata object/],
    ];
    for (const [item, pattern] of cases) {
      await expectRpcError(
        clients.call('v2.BackupItemAction', 'Execute', { plugin: 'test.dev/annotate', item }),
        status.INVALID_ARGUMENT,
        pattern,
      );
    }
  });

  it('refuses to send Velero an item without kind (INTERNAL)', async () => {
    await expectRpcError(
      clients.call('v2.BackupItemAction', 'Execute', { plugin: 'test.dev/no-kind', item: json(order) }),
      status.INTERNAL,
      /test.dev\/no-kind returned no item/,
    );
  });

  it('reports operation progress with every field set, and cancels', async () => {
    const started = await clients.call('v2.BackupItemAction', 'Execute', {
      plugin: 'test.dev/async',
      item: json(order),
      backup: json({}),
    });
    expect(started.operationID).to.equal('op-1');
    const res = await clients.call('v2.BackupItemAction', 'Progress', {
      plugin: 'test.dev/async',
      operationID: 'op-1',
      backup: json({ metadata: { name: 'b' } }),
    });
    expect(res.progress).to.deep.equal({
      completed: true,
      err: '',
      nCompleted: 3,
      nTotal: 4,
      operationUnits: 'items',
      description: 'for b',
      started: { seconds: 1_700_000_000, nanos: 250_000_000 },
      updated: null,
    });
    expect(
      await clients.call('v2.BackupItemAction', 'Cancel', {
        plugin: 'test.dev/async',
        operationID: 'op-1',
        backup: json({}),
      }),
    ).to.deep.equal({});
    expect(cancelled).to.deep.equal(['op-1']);
  });

  it('refuses an operationID from an action without progress(), and reports a failing progress()', async () => {
    await expectRpcError(
      clients.call('v2.BackupItemAction', 'Execute', { plugin: 'test.dev/async-without-progress', item: json(order) }),
      status.INTERNAL,
      /returned operation "op-2" but has no progress/,
    );
    await expectRpcError(
      clients.call('v2.RestoreItemAction', 'Progress', {
        plugin: 'test.dev/async-failing',
        operationID: 'op-3',
        restore: json({}),
      }),
      status.UNKNOWN,
      /^test.dev\/async-failing: lost track$/,
    );
  });

  it('answers Progress with UNIMPLEMENTED and Cancel with Empty', async () => {
    await expectRpcError(
      clients.call('v2.BackupItemAction', 'Progress', { plugin: 'test.dev/annotate', operationID: 'op' }),
      status.UNIMPLEMENTED,
      /starts no asynchronous operations/,
    );
    expect(
      await clients.call('v2.RestoreItemAction', 'Cancel', { plugin: 'test.dev/plain', operationID: 'op' }),
    ).to.deep.equal({});
  });

  it('reports health "plugin" SERVING and other services unknown', async () => {
    expect(await clients.call('grpc.health.v1.Health', 'Check', { service: 'plugin' })).to.deep.equal({
      status: 'SERVING',
    });
    expect(await clients.call('grpc.health.v1.Health', 'Check', { service: 'other' })).to.deep.equal({
      status: 'SERVICE_UNKNOWN',
    });
  });

  it('answers Shutdown and then notifies the process', async () => {
    const before = shutdownRequests;
    expect(await clients.call('plugin.GRPCController', 'Shutdown', {})).to.deep.equal({});
    await new Promise((resolve) => setImmediate(resolve));
    expect(shutdownRequests).to.equal(before + 1);
  });

  it('removes its socket when stopped, even with a stdio stream held open', async () => {
    const other = await startServer({
      registry: new ActionRegistry([]),
      log: new JsonLineLogger({ level: 'error', sink: () => undefined }),
      command: 'x',
      onShutdownRequested: () => undefined,
    });
    const c = hostClients(other.socketPath);
    const stream = (
      c.client('plugin.GRPCStdio') as unknown as { StreamStdio(req: object): NodeJS.EventEmitter }
    ).StreamStdio({});
    const ended = new Promise<void>((resolve) => {
      stream.on('end', () => resolve());
      stream.on('error', () => resolve());
    });
    stream.on('data', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(other.socketPath)).to.equal(true);
    const t0 = Date.now();
    await other.stop(2000);
    await ended;
    expect(Date.now() - t0).to.be.below(1000);
    expect(existsSync(other.socketPath)).to.equal(false);
    c.close();
  });
});
