/**
 * Test helper: a loopback HTTP server answering the requests cluster mode, the doctor, export and import make,
 * from an in-memory object set, recording every request. Its behaviour is deliberately thin (lists, GET of one
 * object, 404, 403, a hanging path, and server-side apply as a recursive merge of the applied object into the
 * stored one, with fieldManager, dryRun=All and force, and a 409 conflict or 422 rejection where told); the real
 * API server is exercised in test/integration/preflight.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface FakeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface FakeApiServer {
  kubeconfig: string;
  /** Every request: method, path, accept header, query string (with its `?`, or empty) and body. */
  requests: { method: string; path: string; accept: string; query: string; body: string }[];
  close(): Promise<void>;
}

export interface FakeBehaviour {
  /** Resources (`secrets`, `issuers.cert-manager.io`) denied for every verb, or `VERB resource` (get, list, patch) for one verb. */
  forbidden?: string[];
  /** Resources whose requests are never answered. */
  hang?: string[];
  /** `resource namespace/name` (`resource /name` when cluster-scoped) another field manager owns: apply answers 409 unless force=true. */
  conflicts?: string[];
  /** `resource namespace/name` the API server rejects on apply (422, as validation or admission would). */
  invalid?: string[];
}

/** Group-resource of the URL: /api/v1/secrets → secrets, /apis/cert-manager.io/v1/certificates → certificates.cert-manager.io; with the namespace and the object's name when the path has them. */
function resourceOf(path: string): { resource: string; namespace?: string; name?: string } | undefined {
  const m = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!m) return undefined;
  const [, group, namespace, plural, name] = m;
  return {
    resource: group ? `${plural}.${group}` : plural!,
    ...(namespace ? { namespace: decodeURIComponent(namespace) } : {}),
    ...(name ? { name: decodeURIComponent(name) } : {}),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Server-side apply, simplified: maps merge key by key, anything else is replaced by the applied value. */
function merge(stored: unknown, applied: unknown): unknown {
  if (!isRecord(stored) || !isRecord(applied)) return applied;
  const out: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(applied)) out[k] = merge(stored[k], v);
  return out;
}

function status(res: ServerResponse, code: number, message: string): ServerResponse {
  res.writeHead(code, { 'content-type': 'application/json' });
  return res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, message }));
}

export async function startFakeApiServer(
  objects: Record<string, FakeObject[]>,
  behaviour: FakeBehaviour = {},
): Promise<FakeApiServer> {
  const requests: FakeApiServer['requests'] = [];
  let version = 1000;
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? '';
    requests.push({ method, path: url.pathname, accept: req.headers.accept ?? '', query: url.search, body });
    const target = resourceOf(url.pathname);
    if (!target) return void res.writeHead(404).end('{}');
    if (behaviour.hang?.includes(target.resource)) return; // never answers
    const verb = method === 'PATCH' ? 'patch' : target.name === undefined ? 'list' : 'get';
    if (behaviour.forbidden?.includes(target.resource) || behaviour.forbidden?.includes(`${verb} ${target.resource}`)) {
      const plural = target.resource.split('.')[0] ?? '';
      const what = target.name === undefined ? target.resource : `${target.resource} "${target.name}"`;
      return status(res, 403, `${what} is forbidden: User "viewer" cannot ${verb} resource "${plural}"`);
    }
    const list = objects[target.resource];
    if (!list) return void res.writeHead(404).end('{}');
    const json = (code: number, value: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(value));
    };
    if (target.name !== undefined) {
      const index = list.findIndex((o) => o.metadata.name === target.name && o.metadata.namespace === target.namespace);
      const key = `${target.resource} ${target.namespace ?? ''}/${target.name}`;
      if (method === 'GET')
        return index < 0 ? status(res, 404, `${target.resource} "${target.name}" not found`) : json(200, list[index]);
      if (method !== 'PATCH' || req.headers['content-type'] !== 'application/apply-patch+yaml')
        return status(res, 415, `${method} ${String(req.headers['content-type'])} is not supported here`);
      const fieldManager = url.searchParams.get('fieldManager');
      if (!fieldManager) return status(res, 422, 'PATCH with application/apply-patch+yaml requires a fieldManager');
      if (behaviour.conflicts?.includes(key) && url.searchParams.get('force') !== 'true')
        return status(res, 409, `Apply failed with 1 conflict: conflict with "someone-else": .spec`);
      if (behaviour.invalid?.includes(key)) return status(res, 422, `${target.resource} "${target.name}" is invalid`);
      const applied = JSON.parse(body) as FakeObject;
      const previous = index < 0 ? undefined : list[index];
      const merged = merge(previous ?? {}, applied) as FakeObject;
      const stored: FakeObject = {
        ...merged,
        metadata: {
          ...merged.metadata,
          ...(target.namespace !== undefined ? { namespace: target.namespace } : {}),
          uid: previous?.metadata.uid ?? `uid-${version}`,
          resourceVersion: String(++version),
          managedFields: [{ manager: fieldManager, operation: 'Apply' }],
        },
      };
      if (url.searchParams.get('dryRun') !== 'All') {
        if (index < 0) list.push(stored);
        else list[index] = stored;
      }
      return json(previous ? 200 : 201, stored);
    }
    const items = list.filter((o) => !target.namespace || o.metadata.namespace === target.namespace);
    const selector = url.searchParams.get('labelSelector');
    const selected = selector
      ? items.filter((o) => selector in ((o.metadata.labels as Record<string, string> | undefined) ?? {}))
      : items;
    const metadataOnly = String(req.headers.accept).includes('as=PartialObjectMetadataList');
    json(
      200,
      metadataOnly
        ? {
            kind: 'PartialObjectMetadataList',
            apiVersion: 'meta.k8s.io/v1',
            metadata: {},
            items: selected.map((o) => ({
              kind: 'PartialObjectMetadata',
              apiVersion: 'meta.k8s.io/v1',
              metadata: o.metadata,
            })),
          }
        : { kind: `${selected[0]?.kind ?? 'Object'}List`, apiVersion: 'v1', metadata: {}, items: selected },
    );
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'vcm-fake-api-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: fake\n  cluster:\n    server: http://127.0.0.1:${port}\n    insecure-skip-tls-verify: true`,
      'users:',
      '- name: viewer\n  user:\n    token: not-a-secret',
      'contexts:',
      '- name: fake\n  context:\n    cluster: fake\n    user: viewer',
      '- name: second\n  context:\n    cluster: fake\n    user: viewer',
      'current-context: fake',
      '',
    ].join('\n'),
  );
  return {
    kubeconfig,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
