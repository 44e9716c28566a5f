// The dispatcher's promises under hostile input, through the real gRPC server on a unix socket: errors
// bounded and content-free (an oversized one used to freeze the connection), items returned byte for byte
// when unchanged and encoded exactly when changed, any nesting depth, and type-checked metadata.
import { status, type ServiceError } from '@grpc/grpc-js';
import { expect } from 'chai';
import type { Action, KubeObject } from '../../../src/host/action.js';
import { MAX_ERROR_MESSAGE_BYTES } from '../../../src/host/error-text.js';
import { JsonLineLogger } from '../../../src/host/logger.js';
import { ActionRegistry } from '../../../src/host/registry.js';
import { startServer, type RunningServer } from '../../../src/host/server.js';
import { hostClients, type HostClients } from './grpc-client.js';

/** Stands for item content that must never show up in an error or a log line. */
const CANARY = 'c4n4ry-s3cr3t-value';
const BACKUP = 'v2.BackupItemAction';
const RESTORE = 'v2.RestoreItemAction';
/** Every call must be answered well within this; a frozen connection fails the test instead of hanging it. */
const DEADLINE_MS = 5000;

const certificate = (extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { secretName: 'web-tls' },
  ...extra,
});
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

const actions: Action[] = [
  {
    kind: 'backup',
    name: 'test.dev/annotate',
    description: '',
    appliesTo: {},
    execute: ({ item }) => ({
      item: { ...item, metadata: { ...item.metadata, annotations: { ...item.metadata.annotations, seen: 'yes' } } },
    }),
  },
  { kind: 'backup', name: 'test.dev/same', description: '', appliesTo: {}, execute: ({ item }) => ({ item }) },
  {
    kind: 'backup',
    name: 'test.dev/huge-error',
    description: '',
    appliesTo: {},
    execute: () => {
      throw new Error(`failed: ${'x'.repeat(200_000)}`);
    },
  },
  {
    kind: 'backup',
    name: 'test.dev/engine-error',
    description: '',
    appliesTo: {},
    // A bug of the kind case 3 of issue 20 describes: V8's message quotes the value it choked on.
    execute: ({ item }) => {
      const spec = item.spec as { secretName: unknown };
      return { item: { ...item, found: 'key' in (spec.secretName as object) } };
    },
  },
  {
    kind: 'backup',
    name: 'test.dev/mutates',
    description: '',
    appliesTo: {},
    execute: ({ item }) => {
      (item.metadata as Record<string, unknown>).touched = 'yes';
      return { item };
    },
  },
  {
    kind: 'restore',
    name: 'test.dev/restore-same',
    description: '',
    appliesTo: {},
    execute: ({ itemFromBackup }) => ({ item: itemFromBackup }),
  },
];

describe('host/dispatch (hostile input through the real server)', () => {
  let server: RunningServer;
  let clients: HostClients;
  const logText: string[] = [];

  before(async () => {
    const log = new JsonLineLogger({ level: 'debug', sink: (line) => logText.push(line) });
    server = await startServer({
      registry: new ActionRegistry(actions),
      log,
      command: '/plugins/test',
      onShutdownRequested: () => undefined,
    });
    clients = hostClients(server.socketPath);
  });
  after(async () => {
    clients.close();
    await server.stop();
  });

  const execute = (plugin: string, item: Buffer, service = BACKUP) =>
    clients.call(
      service,
      'Execute',
      service === BACKUP ? { plugin, item } : { plugin, item, itemFromBackup: item },
      DEADLINE_MS,
    );
  const rpcError = async (promise: Promise<unknown>): Promise<ServiceError> => {
    try {
      await promise;
    } catch (err) {
      return err as ServiceError;
    }
    return expect.fail('the call succeeded');
  };
  /** A normal call on the same connection: answered, so the connection still works. */
  const stillAnswers = async () => {
    const answer = await execute('test.dev/annotate', json(certificate()));
    expect((JSON.parse(String(answer.item)) as KubeObject).metadata.annotations).to.deep.equal({ seen: 'yes' });
  };

  describe('errors (issue 20 case 1: an error over ~64 KiB froze the connection)', () => {
    it('bounds the error for a 1 MB plugin name, and the connection answers the next call', async () => {
      const err = await rpcError(execute('x'.repeat(1_000_000), json(certificate())));
      expect(err.code).to.equal(status.NOT_FOUND);
      expect(Buffer.byteLength(err.details)).to.be.at.most(MAX_ERROR_MESSAGE_BYTES);
      expect(err.details).to.match(/^BackupItemActionV2 plugin "x+"… \(1000000 characters\) was not found/);
      await stillAnswers();
    });

    it('bounds a 200 KB exception text with a truncation marker, and the connection answers the next call', async () => {
      const err = await rpcError(execute('test.dev/huge-error', json(certificate())));
      expect(err.code).to.equal(status.UNKNOWN);
      expect(Buffer.byteLength(err.details)).to.be.at.most(MAX_ERROR_MESSAGE_BYTES);
      expect(err.details).to.match(
        /^test\.dev\/huge-error: Certificate shop\/web: failed: x+… \[truncated \d+ bytes\]$/,
      );
      await stillAnswers();
    });

    it('bounds a 1 MB item name in errors', async () => {
      const item = certificate({ metadata: { name: 'n'.repeat(1_000_000), namespace: 'shop' } });
      const err = await rpcError(execute('test.dev/huge-error', json(item)));
      expect(Buffer.byteLength(err.details)).to.be.at.most(MAX_ERROR_MESSAGE_BYTES);
      await stillAnswers();
    });

    it("withholds an engine error's message (it quotes item content) from the answer and the log", async () => {
      const err = await rpcError(execute('test.dev/engine-error', json(certificate({ spec: { secretName: CANARY } }))));
      expect(err.details).to.match(/^test\.dev\/engine-error: Certificate shop\/web: TypeError in the plugin/);
      expect(err.details).not.to.include(CANARY);
      expect(logText.join('\n')).not.to.include(CANARY);
      expect(logText.some((line) => line.includes('action failed') && line.includes('    at '))).to.equal(true);
    });

    it('says where malformed JSON is broken without quoting it', async () => {
      const err = await rpcError(execute('test.dev/same', Buffer.from(`{"kind":"Secret","data":{"k":"${CANARY}"`)));
      expect(err.code).to.equal(status.INVALID_ARGUMENT);
      expect(err.details).to.match(
        /^test\.dev\/same: malformed item: not valid JSON \(unexpected end of JSON at byte \d+\)/,
      );
      expect(err.details).not.to.include(CANARY);
    });
  });

  describe('item bytes (issue 20 case 2: re-encoding altered numbers and failed on deep nesting)', () => {
    // As Go's encoding/json may write it: HTML-escaped, integers beyond 2^53, number forms JavaScript rewrites.
    const odd = Buffer.from(
      '{"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"web","namespace":"shop"},' +
        '"spec":{"big":9007199254740993,"neg":-9223372036854775808,"huge":1e400,"one":1.0,"tiny":1E-7,"negZero":-0,' +
        '"html":"\\u003cb\\u003e","order":{"z":1,"a":2}}}',
    );

    it('returns an unchanged item byte for byte (backup and restore)', async () => {
      const backup = await execute('test.dev/same', odd);
      expect(Buffer.compare(backup.item as Buffer, odd)).to.equal(0);
      const restore = await execute('test.dev/restore-same', odd, RESTORE);
      expect(Buffer.compare(restore.item as Buffer, odd)).to.equal(0);
    });

    it('encodes a changed item without altering any number', async () => {
      const answer = String((await execute('test.dev/annotate', odd)).item);
      expect(answer).to.include(
        '"spec":{"big":9007199254740993,"neg":-9223372036854775808,"huge":1e400,"one":1.0,"tiny":1E-7,"negZero":-0,',
      );
      expect(answer).to.include('"annotations":{"seen":"yes"}');
    });

    it('handles 10,000 levels of nesting (the API server limit) both ways', async () => {
      const depth = 10_000;
      const deep = Buffer.from(
        `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"list":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      );
      const same = await execute('test.dev/same', deep);
      expect(Buffer.compare(same.item as Buffer, deep)).to.equal(0);
      const changed = String((await execute('test.dev/annotate', deep)).item);
      expect(changed).to.equal(
        `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep","annotations":{"seen":"yes"}},"data":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"list":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      );
    });

    it('refuses an action that edits its input in place instead of dropping the edit', async () => {
      const err = await rpcError(execute('test.dev/mutates', json(certificate())));
      expect(err.details).to.match(/^test\.dev\/mutates: Certificate shop\/web: TypeError in the plugin/);
      await stillAnswers();
    });
  });

  describe('metadata types (issue 20 case 3: a non-object metadata.annotations threw, quoting the value)', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['annotations a string', { annotations: CANARY }, /metadata\.annotations is a string, not a map of strings/],
      ['annotations an array', { annotations: [CANARY] }, /metadata\.annotations is an array, not a map of strings/],
      [
        'an annotation value a number',
        { annotations: { a: 1 } },
        /metadata\.annotations holds a number where a string belongs/,
      ],
      [
        'labels an object of objects',
        { labels: { a: { b: CANARY } } },
        /metadata\.labels holds an object where a string belongs/,
      ],
      [
        'ownerReferences an object',
        { ownerReferences: { kind: CANARY } },
        /metadata\.ownerReferences is an object, not a list/,
      ],
      [
        'an owner without name',
        { ownerReferences: [{ apiVersion: 'v1', kind: 'Ingress' }] },
        /metadata\.ownerReferences\[0\]\.name is missing, not a string/,
      ],
      [
        'controller a string',
        { ownerReferences: [{ apiVersion: 'v1', kind: 'I', name: 'i', controller: 'yes' }] },
        /controller is a string, not a boolean/,
      ],
      ['namespace a number', { namespace: 7 }, /metadata\.namespace is a number, not a string/],
    ];
    for (const [what, metadata, pattern] of cases) {
      it(`answers ${what} with INVALID_ARGUMENT naming action, kind and name, not the value`, async () => {
        const item = certificate({ metadata: { name: 'web', namespace: 'shop', ...metadata } });
        for (const service of [BACKUP, RESTORE]) {
          const plugin = service === BACKUP ? 'test.dev/annotate' : 'test.dev/restore-same';
          const err = await rpcError(execute(plugin, json(item), service));
          expect(err.code).to.equal(status.INVALID_ARGUMENT);
          expect(err.details).to.match(new RegExp(`^${plugin.replace(/[./]/g, '\\$&')}: malformed item Certificate `));
          expect(err.details).to.match(pattern);
          expect(err.details).not.to.include(CANARY);
        }
      });
    }
  });
});
